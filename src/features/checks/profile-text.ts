import { compareKernelVersions, formatKernelVersion, parseKernelVersion } from './kernel-version.js';
import { type EntryConditions, type Level, LEVELS, type Profile, type ProfileEntry, type ProfileIssue, type Want, WANTS } from './profile-types.js';

/**
 * The profile text format, one entry a line:
 *
 *     # a comment
 *     profile: containers
 *     description: What Docker's check-config.sh requires
 *     source: https://github.com/moby/moby/blob/<commit>/contrib/check-config.sh
 *     CONFIG_NAMESPACES  y/m  required                 -- Docker: generally necessary
 *     CONFIG_NF_NAT_IPV4 y/m  required before 5.2      -- Docker: generally necessary before 5.2
 *     pata_acpi          y/m  required arch x86        -- Guix: for ATA controllers
 *
 * ENTRY is `CONFIG_NAME` (a symbol) or a module name; WANT is `y` (built in), `y/m` (built in or
 * a module) or `n` (off); LEVEL is required, recommended or optional; `since X.Y`, `before X.Y`
 * and `arch A,B` (or `arch !A`) limit where it applies; the reason follows `--`.
 */

export const PROFILE_LIMITS = {
  lineLength: 2000,
  reason: 300,
  description: 1000,
  source: 500,
  sources: 20,
  entries: 20000,
  name: 64,
} as const;

export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
export const SYMBOL_ENTRY = /^CONFIG_([A-Za-z0-9_]+)$/;
/** Kernel module names: letters, digits, `_` and `-` (modules.order, modprobe, Guix lists). */
export const MODULE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const ARCH_NAME = /^[a-z0-9_]+$/;
const HEADER = /^(profile|description|source):(.*)$/;
/** C0 controls but tab, DEL, C1 controls and the bidirectional overrides: never in a profile. */
const FORBIDDEN = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export interface ParsedProfile {
  name: string | null;
  description: string;
  sources: string[];
  entries: ProfileEntry[];
  issues: ProfileIssue[];
}

/** Reads the text format; every problem is an issue with its line and column, never an exception. */
export function parseProfileText(text: string, path: string): ParsedProfile {
  const result: ParsedProfile = { name: null, description: '', sources: [], entries: [], issues: [] };
  const issue = (line: number, column: number, message: string): void => {
    result.issues.push({ path, line, column, message });
  };
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length > PROFILE_LIMITS.lineLength) {
      issue(lineNumber, PROFILE_LIMITS.lineLength + 1, `the line is longer than ${PROFILE_LIMITS.lineLength} characters`);
      return;
    }
    const control = FORBIDDEN.exec(line);
    if (control) {
      issue(
        lineNumber,
        control.index + 1,
        `control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}: a profile is plain text`,
      );
      return;
    }
    const start = line.search(/\S/);
    if (start < 0 || line[start] === '#') return;
    const header = HEADER.exec(line.slice(start));
    if (header) {
      readHeader(header[1] as 'profile' | 'description' | 'source', (header[2] as string).trim(), lineNumber, start + 1, result, issue);
      return;
    }
    if (result.entries.length >= PROFILE_LIMITS.entries) {
      if (result.entries.length === PROFILE_LIMITS.entries) issue(lineNumber, start + 1, `more than ${PROFILE_LIMITS.entries} entries: split the profile`);
      return;
    }
    const entry = readEntry(line, lineNumber, path, issue);
    if (!entry) return;
    const key = `${entry.kind}:${entry.name}:${conditionKey(entry.when)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue(lineNumber, start + 1, `${entry.written} is listed twice under the same conditions (first at line ${first})`);
      return;
    }
    seen.set(key, lineNumber);
    result.entries.push(entry);
  });
  return result;
}

function readHeader(
  keyword: 'profile' | 'description' | 'source',
  value: string,
  line: number,
  column: number,
  result: ParsedProfile,
  issue: (line: number, column: number, message: string) => void,
): void {
  if (keyword === 'profile') {
    if (result.name !== null) issue(line, column, 'the profile is named twice');
    else if (value.length > PROFILE_LIMITS.name || !PROFILE_NAME.test(value)) {
      issue(line, column, `'${value.slice(0, 80)}' cannot name a profile: use letters, digits, '.', '_', '+', '-' (at most ${PROFILE_LIMITS.name})`);
    } else result.name = value;
  } else if (keyword === 'description') {
    if (value.length > PROFILE_LIMITS.description) issue(line, column, `the description is longer than ${PROFILE_LIMITS.description} characters`);
    else result.description = result.description === '' ? value : `${result.description} ${value}`;
  } else if (result.sources.length >= PROFILE_LIMITS.sources) issue(line, column, `more than ${PROFILE_LIMITS.sources} sources`);
  else if (value.length > PROFILE_LIMITS.source) issue(line, column, `the source is longer than ${PROFILE_LIMITS.source} characters`);
  else if (value === '') issue(line, column, 'the source is empty');
  else result.sources.push(value);
}

interface Token {
  text: string;
  column: number;
}

function tokens(text: string, offset: number): Token[] {
  return [...text.matchAll(/\S+/g)].map((match) => ({ text: match[0], column: offset + (match.index ?? 0) + 1 }));
}

function readEntry(line: string, lineNumber: number, path: string, issue: (line: number, column: number, message: string) => void): ProfileEntry | null {
  const separator = /(^|\s)--(\s|$)/.exec(line);
  const head = separator ? line.slice(0, separator.index) : line;
  const words = tokens(head, 0);
  const fail = (token: Token | undefined, message: string): null => {
    issue(lineNumber, token?.column ?? line.length + 1, message);
    return null;
  };
  const [entryToken, wantToken, levelToken, ...rest] = words;
  if (!entryToken) return fail(undefined, 'an entry needs a name');
  const target = entryTarget(entryToken.text);
  if (typeof target === 'string') return fail(entryToken, target);
  if (!wantToken) return fail(undefined, `${entryToken.text}: give the wanted state after the name: y (built in), y/m (built in or module) or n (off)`);
  if (!WANTS.includes(wantToken.text as Want)) {
    const hint = wantToken.text === 'm' ? ' (a profile cannot ask for a module only: use y/m)' : '';
    return fail(wantToken, `'${wantToken.text.slice(0, 40)}' is not a wanted state: use y, y/m or n${hint}`);
  }
  if (!levelToken) return fail(undefined, `${entryToken.text}: give the level after the state: required, recommended or optional`);
  if (!LEVELS.includes(levelToken.text as Level))
    return fail(levelToken, `'${levelToken.text.slice(0, 40)}' is not a level: use required, recommended or optional`);
  const when: EntryConditions = { since: null, before: null, arches: [], notArches: [] };
  for (let index = 0; index < rest.length; index++) {
    const keyword = rest[index] as Token;
    const argument = rest[index + 1];
    if (keyword.text !== 'since' && keyword.text !== 'before' && keyword.text !== 'arch') {
      return fail(keyword, `'${keyword.text.slice(0, 40)}' is not a condition: use since X.Y, before X.Y or arch NAME[,NAME] (and -- before the reason)`);
    }
    if (!argument) return fail(undefined, `${keyword.text} needs a value`);
    index++;
    if (keyword.text === 'arch') {
      const problem = readArches(argument.text, when);
      if (problem) return fail(argument, problem);
      continue;
    }
    const version = parseKernelVersion(argument.text);
    if (!version) return fail(argument, `'${argument.text.slice(0, 40)}' is not a kernel version: write MAJOR.MINOR, e.g. 5.2`);
    const bound = keyword.text as 'since' | 'before';
    if (when[bound] !== null) return fail(keyword, `${bound} is given twice`);
    when[bound] = version;
  }
  if (when.since && when.before && compareKernelVersions(when.since, when.before) >= 0) {
    return fail(
      words.find((word) => word.text === 'before'),
      `before ${formatKernelVersion(when.before)} is not after since ${formatKernelVersion(when.since)}: the entry would never apply`,
    );
  }
  if (!separator) return fail(undefined, `${entryToken.text}: give the reason it is wanted after --`);
  const reasonStart = separator.index + separator[0].length;
  const reason = line.slice(reasonStart).replace(/\t/g, ' ').trim();
  if (reason === '') return fail(undefined, `${entryToken.text}: the reason after -- is empty`);
  if (reason.length > PROFILE_LIMITS.reason)
    return fail({ text: reason, column: reasonStart + 1 }, `the reason is longer than ${PROFILE_LIMITS.reason} characters`);
  return {
    ...target,
    written: entryToken.text,
    want: wantToken.text as Want,
    level: levelToken.text as Level,
    reason,
    when,
    at: { path, line: lineNumber, column: entryToken.column },
  };
}

/** A symbol (`CONFIG_X`) or a module name; a string is the reason it is neither. */
export function entryTarget(text: string): { kind: 'symbol' | 'module'; name: string } | string {
  const symbol = SYMBOL_ENTRY.exec(text);
  if (symbol) {
    if ((symbol[1] as string).length > 100) return 'the symbol name is longer than 100 characters';
    return { kind: 'symbol', name: symbol[1] as string };
  }
  if (text.startsWith('CONFIG_')) return `'${text.slice(0, 60)}' is not a symbol: CONFIG_ is followed by letters, digits and _`;
  if (text.length > PROFILE_LIMITS.name) return `the module name is longer than ${PROFILE_LIMITS.name} characters`;
  if (!MODULE_NAME.test(text)) {
    return `'${text.slice(0, 60)}' is neither a symbol (CONFIG_NAME) nor a module name (letters, digits, _ and -)`;
  }
  return { kind: 'module', name: text };
}

function readArches(text: string, when: EntryConditions): string | null {
  for (const part of text.split(',')) {
    const negated = part.startsWith('!');
    const name = negated ? part.slice(1) : part;
    if (!ARCH_NAME.test(name) || name.length > 32)
      return `'${part.slice(0, 40)}' is not an architecture: use the kernel's names (x86, arm64, riscv), ! for "not on"`;
    (negated ? when.notArches : when.arches).push(name);
  }
  return null;
}

function conditionKey(when: EntryConditions): string {
  const version = (value: EntryConditions['since']): string => (value ? formatKernelVersion(value) : '-');
  return `${version(when.since)}/${version(when.before)}/${when.arches.join(',')}/${when.notArches.join(',')}`;
}

/** The profile in the text format, which `parseProfileText` reads back to the same entries. */
export function formatProfileText(profile: Pick<Profile, 'name' | 'description' | 'sources' | 'entries'>, comment: string[] = []): string {
  const lines = comment.map((line) => `# ${oneLine(line)}`.trimEnd());
  lines.push(`profile: ${profile.name}`);
  if (profile.description !== '') lines.push(`description: ${oneLine(profile.description)}`);
  for (const source of profile.sources) lines.push(`source: ${oneLine(source)}`);
  const width = Math.min(32, Math.max(0, ...profile.entries.map((entry) => entry.written.length)));
  for (const entry of profile.entries) {
    const conditions = [
      entry.when.since ? `since ${formatKernelVersion(entry.when.since)}` : '',
      entry.when.before ? `before ${formatKernelVersion(entry.when.before)}` : '',
      entry.when.arches.length + entry.when.notArches.length > 0
        ? `arch ${[...entry.when.arches, ...entry.when.notArches.map((arch) => `!${arch}`)].join(',')}`
        : '',
    ].filter((part) => part !== '');
    lines.push([entry.written.padEnd(width), entry.want.padEnd(3), entry.level.padEnd(11), ...conditions, '--', oneLine(entry.reason)].join(' '));
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(new RegExp(FORBIDDEN.source, 'g'), ' ').replace(/\t/g, ' ');
}
