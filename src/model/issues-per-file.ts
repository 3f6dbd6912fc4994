import { escapeControl } from './escape-text.js';

/** Issues shown per file: a broken file of 60,000 lines must not give 60,000 lines of messages. */
export const ISSUES_SHOWN_PER_FILE = 20;

/** The issues as lines to print, at most ISSUES_SHOWN_PER_FILE per file in file order, each file's rest counted. */
export function issuesPerFile<T extends { path: string }>(issues: readonly T[], format: (issue: T) => string): string[] {
  const byPath = new Map<string, T[]>();
  for (const issue of issues) {
    const ofFile = byPath.get(issue.path);
    if (ofFile) ofFile.push(issue);
    else byPath.set(issue.path, [issue]);
  }
  return [...byPath].flatMap(([path, ofFile]) => {
    const shown = ofFile.slice(0, ISSUES_SHOWN_PER_FILE).map(format);
    const rest = ofFile.length - shown.length;
    return rest > 0 ? [...shown, escapeControl(`${path}: ... and ${rest} more`)] : shown;
  });
}
