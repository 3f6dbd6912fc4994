import { useEffect, useState } from 'react';
import type { KernelTree } from '../../../engine/session.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import { readIssueSource } from '../../../features/build/issue-source.js';
import type { SourceState } from './lines.js';

/** The source lines around a warning or error's file:line, read when it is shown in full. */
export function useIssueSource(issue: LogIssue | undefined, kernel: Pick<KernelTree, 'objTree' | 'srcTree'>): SourceState {
  const [state, setState] = useState<{ issue: LogIssue; source: SourceState } | null>(null);
  const located = issue?.location?.file !== undefined && issue.location.line !== undefined;

  useEffect(() => {
    if (!issue || !located) return;
    let live = true;
    setState({ issue, source: { kind: 'loading' } });
    void readIssueSource(issue, kernel).then((source) => {
      if (live) setState({ issue, source: source ?? { kind: 'none' } });
    });
    return () => {
      live = false;
    };
  }, [issue, located, kernel.objTree, kernel.srcTree]);

  if (!issue || !located) return { kind: 'none' };
  return state?.issue === issue ? state.source : { kind: 'loading' };
}
