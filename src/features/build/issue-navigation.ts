import type { LogIssue } from './build-log.js';

export type IssueFilter = 'all' | 'errors' | 'warnings';

function matches(issue: LogIssue, filter: IssueFilter): boolean {
  return filter === 'all' || (filter === 'errors' ? issue.kind === 'error' : issue.kind === 'warning');
}

/**
 * The issue after (or before) the line `fromLine` in log order, for "jump to next/previous
 * warning or error". Issues are sorted by line index, so a binary search finds the start.
 */
export function adjacentIssue(
  issues: readonly LogIssue[],
  fromLine: number,
  direction: 'next' | 'previous',
  filter: IssueFilter = 'all',
): LogIssue | undefined {
  let low = 0;
  let high = issues.length;
  // First position whose index is > fromLine.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((issues[middle] as LogIssue).index <= fromLine) low = middle + 1;
    else high = middle;
  }
  if (direction === 'next') {
    for (let position = low; position < issues.length; position += 1) {
      const issue = issues[position] as LogIssue;
      if (matches(issue, filter)) return issue;
    }
    return undefined;
  }
  for (let position = low - 1; position >= 0; position -= 1) {
    const issue = issues[position] as LogIssue;
    if (issue.index < fromLine && matches(issue, filter)) return issue;
  }
  return undefined;
}
