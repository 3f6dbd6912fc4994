import { PROFILE_LIMITS } from './profile-text.js';
import { NO_CONDITIONS, type ProfileEntry, type ProfileIssue } from './profile-types.js';

/**
 * Gentoo's `CONFIG_CHECK` (linux-info.eclass), read as data: `CONFIG_CHECK="MTRR ~NTFS_FS !NFS ~!USB"`.
 * A plain name must be set (y or m), `!NAME` must not be, and `~` makes either a warning only: here
 * `required` and `recommended`. `ERROR_NAME="..."` and `WARNING_NAME="..."` lines give the reasons.
 * Assignments are read wherever they stand (ebuilds add to the list under `use` conditions); a
 * file without any is read as the list itself. Nothing is run or expanded: `$VAR` is refused.
 */
export function parseConfigCheck(text: string, path: string): { entries: ProfileEntry[]; issues: ProfileIssue[] } {
  const issues: ProfileIssue[] = [];
  const position = positions(text);
  const issue = (offset: number, message: string): void => {
    issues.push({ path, ...position(offset), message });
  };
  const messages = readMessages(text);
  const lists = readAssignments(text, issue);
  if (lists.length === 0 && !/\bCONFIG_CHECK\b/.test(text)) {
    // A bare list: the whole text, comments left out.
    lists.push({ offset: 0, value: text.replace(/#[^\n]*/g, (comment) => ' '.repeat(comment.length)) });
  }
  const entries: ProfileEntry[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const match of list.value.matchAll(/\S+/g)) {
      const token = match[0];
      const offset = list.offset + (match.index ?? 0);
      const parsed = readToken(token);
      if (typeof parsed === 'string') {
        issue(offset, parsed);
        continue;
      }
      if (entries.length >= PROFILE_LIMITS.entries) {
        issue(offset, `more than ${PROFILE_LIMITS.entries} entries`);
        return { entries, issues };
      }
      const key = `${parsed.negate}:${parsed.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const message = messages.get(`ERROR_${parsed.name}`) ?? (parsed.soft ? messages.get(`WARNING_${parsed.name}`) : undefined);
      const verb = parsed.negate ? 'must not be set' : 'must be set';
      entries.push({
        kind: 'symbol',
        written: `CONFIG_${parsed.name}`,
        name: parsed.name,
        want: parsed.negate ? 'n' : 'y/m',
        level: parsed.soft ? 'recommended' : 'required',
        reason: (message ?? `CONFIG_CHECK: ${verb}${parsed.soft ? ' (~: a warning only)' : ''}`).slice(0, PROFILE_LIMITS.reason),
        when: NO_CONDITIONS,
        at: { path, ...position(offset) },
      });
    }
  }
  if (entries.length === 0 && issues.length === 0) issue(0, 'no CONFIG_CHECK entries found: expected CONFIG_CHECK="FOO ~BAR !BAZ"');
  return { entries, issues };
}

function readToken(token: string): { name: string; soft: boolean; negate: boolean } | string {
  if (token.includes('$') || token.includes('`')) return `'${token.slice(0, 60)}' needs the shell to expand it: tuxconf reads CONFIG_CHECK as written`;
  if (token.startsWith('@')) return `'${token.slice(0, 60)}': the @ form renames modules for linux-mod; list the option itself (~NAME)`;
  let rest = token;
  const soft = rest.startsWith('~');
  if (soft) rest = rest.slice(1);
  const negate = rest.startsWith('!');
  if (negate) rest = rest.slice(1);
  if (rest.startsWith('CONFIG_')) return `'${token.slice(0, 60)}': write the option without CONFIG_ (linux-info adds it)`;
  if (!/^[A-Za-z0-9_]{1,100}$/.test(rest)) return `'${token.slice(0, 60)}' is not an option: NAME, ~NAME, !NAME or ~!NAME`;
  return { name: rest, soft, negate };
}

/** Every `CONFIG_CHECK=` / `CONFIG_CHECK+=` value, quoted or a bare word, with where its text starts. */
function readAssignments(text: string, issue: (offset: number, message: string) => void): { offset: number; value: string }[] {
  const lists: { offset: number; value: string }[] = [];
  for (const match of text.matchAll(/(^|[\s;&|(])(?:export\s+|local\s+)?CONFIG_CHECK\+?=/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const quote = text[start];
    if (quote === '"' || quote === "'") {
      const end = closingQuote(text, start + 1, quote);
      if (end < 0) {
        issue(start, `the ${quote === '"' ? 'double' : 'single'} quote opened here is never closed`);
        continue;
      }
      lists.push({ offset: start + 1, value: text.slice(start + 1, end).replace(/\\\n/g, '  ') });
    } else {
      const word = /^[^\s;&|)]*/.exec(text.slice(start))?.[0] ?? '';
      lists.push({ offset: start, value: word });
    }
  }
  return lists;
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let index = from; index < text.length; index++) {
    if (quote === '"' && text[index] === '\\') index++;
    else if (text[index] === quote) return index;
  }
  return -1;
}

/** `ERROR_NAME="text"` and `WARNING_NAME="text"`, for reasons; values with expansions are left out. */
function readMessages(text: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const match of text.matchAll(/(?:^|[\s;])((?:ERROR|WARNING)_[A-Za-z0-9_]+)=(?:"([^"\\$`\n]*)"|'([^'\n]*)')/g)) {
    const value = (match[2] ?? match[3] ?? '').trim();
    // Reasons are shown on a terminal: controls and bidirectional overrides become spaces.
    const plain = value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
    if (value !== '') messages.set(match[1] as string, plain.replace(/\s+/g, ' '));
  }
  return messages;
}

/** Line and column (1-based) of an offset. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  };
}

export { positions as linePositions };
