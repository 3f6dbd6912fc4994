import { readFile } from 'node:fs/promises';
import { useEffect, useState } from 'react';
import type { KernelTree } from '../../../engine/kernel-tree.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import { excerpt, type SourceState, sourceCandidates } from './lines.js';

/** Source lines shown above and below a diagnostic's line. */
const AROUND = 3;

/** The source lines around a warning or error's file:line, read when it is shown in full. */
export function useIssueSource(issue: LogIssue | undefined, kernel: Pick<KernelTree, 'objTree' | 'srcTree'>): SourceState {
  const [state, setState] = useState<{ issue: LogIssue; source: SourceState } | null>(null);
  const file = issue?.location?.file;
  const line = issue?.location?.line;

  useEffect(() => {
    if (!issue || file === undefined || line === undefined) return;
    let live = true;
    setState({ issue, source: { kind: 'loading' } });
    (async () => {
      for (const path of sourceCandidates(file, kernel)) {
        const text = await readFile(path, 'utf8').catch(() => null);
        if (text !== null) return { kind: 'ready', excerpt: excerpt(path, text, line, AROUND) } satisfies SourceState;
      }
      return { kind: 'missing', reason: `${file} cannot be read (looked in ${kernel.objTree} and ${kernel.srcTree})` } satisfies SourceState;
    })().then((source) => {
      if (live) setState({ issue, source });
    });
    return () => {
      live = false;
    };
  }, [issue, file, line, kernel.objTree, kernel.srcTree]);

  if (!issue || file === undefined || line === undefined) return { kind: 'none' };
  return state?.issue === issue ? state.source : { kind: 'loading' };
}
