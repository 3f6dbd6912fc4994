import { TuxconfError } from '../../engine/errors.js';
import { escapeControl } from '../../model/escape-text.js';
import { issuesPerFile } from '../../model/issues-per-file.js';
import type { SourceIssue } from './preset-types.js';

/** `PATH:LINE[:COLUMN]: MESSAGE`, or for a whole-file problem (line 0) the message naming the file; safe to print. */
export function formatIssue(issue: SourceIssue): string {
  if (issue.line === 0) return escapeControl(issue.message.includes(issue.path) ? issue.message : `${issue.path}: ${issue.message}`);
  const column = issue.column === undefined ? '' : `:${issue.column}`;
  return escapeControl(`${issue.path}:${issue.line}${column}: ${issue.message}`);
}

/** A preset source that cannot be used as written; nothing has been changed when it is thrown. */
export class PresetError extends TuxconfError {
  override name = 'PresetError';
  readonly issues: SourceIssue[];

  constructor(message: string, issues: SourceIssue[], hint?: string) {
    super(message, { details: issuesPerFile(issues, formatIssue), ...(hint ? { hint } : {}) });
    this.issues = issues;
  }
}
