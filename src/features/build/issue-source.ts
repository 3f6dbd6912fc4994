import { isAbsolute, join } from 'node:path';
import { LARGE_INPUT, readBoundedText } from '../../engine/files/read-bounded.js';
import type { KernelTree } from '../../engine/kernel-tree.js';
import type { LogIssue } from './build-log.js';

/** Files a diagnostic's path may name: absolute, or relative to the output directory (where make runs) or the source tree. */
export function sourceCandidates(file: string, kernel: Pick<KernelTree, 'objTree' | 'srcTree'>): string[] {
  if (isAbsolute(file)) return [file];
  return [join(kernel.objTree, file), join(kernel.srcTree, file)];
}

export interface SourceExcerpt {
  path: string;
  /** Numbered lines around the diagnostic's line. */
  lines: { number: number; text: string }[];
}

/** The lines around `line` (1-based) of a file's text. */
export function excerpt(path: string, text: string, line: number, around: number): SourceExcerpt {
  const all = text.split('\n');
  const first = Math.max(1, line - around);
  const last = Math.min(all.length, line + around);
  const lines: SourceExcerpt['lines'] = [];
  for (let number = first; number <= last; number += 1) lines.push({ number, text: all[number - 1] ?? '' });
  return { path, lines };
}

/** The source around a warning or error, or why it cannot be shown. */
export type IssueSource = { kind: 'ready'; excerpt: SourceExcerpt } | { kind: 'missing'; reason: string };

/** Source lines shown above and below a diagnostic's line. */
const AROUND = 3;

/** The lines around a diagnostic's file:line, read (bounded) from the output directory or the source tree. */
export async function readIssueSource(issue: LogIssue, kernel: Pick<KernelTree, 'objTree' | 'srcTree'>): Promise<IssueSource | null> {
  const where = issue.location;
  if (!where?.line) return null;
  for (const path of sourceCandidates(where.file, kernel)) {
    const text = await readBoundedText(path, { maxBytes: LARGE_INPUT, what: 'source file' }).catch(() => null);
    if (text !== null) return { kind: 'ready', excerpt: excerpt(path, text, where.line, AROUND) };
  }
  return { kind: 'missing', reason: `${where.file} cannot be read (looked in ${kernel.objTree} and ${kernel.srcTree})` };
}
