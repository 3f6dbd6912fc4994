import { TuxconfError } from '../../engine/errors.js';
import type { SourceIssue } from './preset-types.js';

export function formatIssue(issue: SourceIssue): string {
  const column = issue.column === undefined ? '' : `:${issue.column}`;
  return `${issue.path}:${issue.line}${column}: ${issue.message}`;
}

/** A preset source that cannot be used as written; nothing has been changed when it is thrown. */
export class PresetError extends TuxconfError {
  override name = 'PresetError';
  readonly issues: SourceIssue[];

  constructor(message: string, issues: SourceIssue[], hint?: string) {
    super(message, { details: issues.map(formatIssue), ...(hint ? { hint } : {}) });
    this.issues = issues;
  }
}
