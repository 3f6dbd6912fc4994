/**
 * The text of `.config` files and fragments, read and written the way the kernel's
 * scripts/kconfig/confdata.c does, and merge_config.sh's merge. Every `.config` line tuxconf reads
 * or writes outside the kernel's own writer goes through this module.
 */
import type { SymbolType, Tristate } from './types.js';

export const CONFIG_PREFIX = 'CONFIG_';

/** One assignment of a `.config`: `CONFIG_NAME=text` (text as written), or `# CONFIG_NAME is not set` (text null). */
export interface ConfigAssignment {
  name: string;
  text: string | null;
}

const NAME = /^[A-Za-z0-9_]+$/;
const NOT_SET_SUFFIX = ' is not set';
/** A line meant as "is not set" that the kernel does not read as one (spaces, no space after #). */
const NEAR_NOT_SET = /^#\s*CONFIG_([A-Za-z0-9_]+)\s+is\s+not\s+set\s*$/;

/** A symbol name as a user may write it, with or without CONFIG_, as the bare name. */
export function stripConfigPrefix(name: string): string {
  return name.startsWith(CONFIG_PREFIX) ? name.slice(CONFIG_PREFIX.length) : name;
}

/**
 * One line as conf_read() takes it: `CONFIG_NAME=...`, or exactly `# CONFIG_NAME is not set`.
 * Anything else (comments, blank lines, text the kernel skips with a warning) is null.
 */
export function parseConfigLine(line: string): ConfigAssignment | null {
  if (line.startsWith(`# ${CONFIG_PREFIX}`) && line.endsWith(NOT_SET_SUFFIX)) {
    const name = line.slice(2 + CONFIG_PREFIX.length, -NOT_SET_SUFFIX.length);
    return NAME.test(name) ? { name, text: null } : null;
  }
  if (!line.startsWith(CONFIG_PREFIX)) return null;
  const equals = line.indexOf('=');
  const name = line.slice(CONFIG_PREFIX.length, equals);
  return equals > 0 && NAME.test(name) ? { name, text: line.slice(equals + 1) } : null;
}

/**
 * The lines of a `.config` text as the kernel's reader gets them (confdata.c, getline_stripped):
 * split at each newline, and a carriage return just before a newline dropped (a file written on
 * Windows reads as it looks). A last line without a newline keeps what it has.
 */
export function configTextLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, index) => (index < lines.length - 1 && line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** The line the kernel's writer prints for an assignment. */
export function formatConfigLine(assignment: ConfigAssignment): string {
  const { name, text } = assignment;
  return text === null ? `# ${CONFIG_PREFIX}${name}${NOT_SET_SUFFIX}` : `${CONFIG_PREFIX}${name}=${text}`;
}

/** Every assignment of a `.config` text by name, the last one winning, as conf_read() reads them. */
export function readConfigAssignments(text: string): Map<string, string | null> {
  const assignments = new Map<string, string | null>();
  for (const line of text.split('\n')) {
    const assignment = parseConfigLine(line);
    if (assignment) assignments.set(assignment.name, assignment.text);
  }
  return assignments;
}

/**
 * The `CONFIG_NAME=...` values of a text, by name (`is not set` lines read as absent); a value no
 * .config line can hold (a carriage return in it) is left out.
 */
export function readConfigValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of readConfigAssignments(text)) {
    if (value !== null && unstorableValueReason(value) === undefined) values.set(name, value);
  }
  return values;
}

/**
 * The name in a line meant as `# CONFIG_NAME is not set` that the kernel does not read as one
 * (other spacing), or undefined. Such a line is a comment to the kernel.
 */
export function misspelledNotSetName(line: string): string | undefined {
  if (parseConfigLine(line)) return undefined;
  return NEAR_NOT_SET.exec(line)?.[1];
}

/** A string value as the kernel writes it (escape_string_value): in double quotes, `"` and `\` escaped with `\`. */
export function quoteConfigString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/**
 * A quoted string as conf_set_sym_val() reads it: `\c` stands for c, the value ends at the first
 * unescaped `"`. Returns the value and the text after the closing quote (the kernel ignores it),
 * or null when the text is not a closed quoted string.
 */
export function unquoteConfigString(text: string): { value: string; rest: string } | null {
  if (!text.startsWith('"')) return null;
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') return { value, rest: text.slice(i + 1) };
    if (ch === '\\') {
      i++;
      if (i >= text.length) return null;
      value += text[i];
    } else {
      value += ch;
    }
  }
  return null;
}

/**
 * A string value given with or without `.config` quotes, as the kernel's library takes it:
 * unquoted when the whole text is one quoted string, else the text itself.
 */
export function bareStringValue(text: string): string {
  const quoted = unquoteConfigString(text);
  return quoted && quoted.rest === '' ? quoted.value : text;
}

export type ValueKind = 'tristate' | 'string' | 'number' | 'unset';

export type ParsedValue = { ok: true; kind: ValueKind; value: string } | { ok: false; message: string };

/**
 * Reads one right-hand side strictly (null is `is not set`): what the kernel would take silently
 * in another way than written (an unquoted string, text after the closing quote) is refused.
 */
export function parseConfigValue(text: string | null): ParsedValue {
  if (text === null) return { ok: true, kind: 'unset', value: 'n' };
  if (text === 'y' || text === 'm' || text === 'n') return { ok: true, kind: 'tristate', value: text };
  if (text.startsWith('"')) return parseQuoted(text);
  if (/^-?[0-9]+$/.test(text) || /^0[xX][0-9a-fA-F]+$/.test(text)) return { ok: true, kind: 'number', value: text };
  if (text === '') return { ok: false, message: 'the value is empty: write y, m, n, a number or a quoted string' };
  if (/^(yes|no|true|false|on|off|module)$/i.test(text)) return { ok: false, message: `value '${text}' is not y, m or n` };
  return {
    ok: false,
    message: `value '${text}' is not y, m, n, a number or a quoted string (the kernel ignores unquoted strings)`,
  };
}

function parseQuoted(text: string): ParsedValue {
  const quoted = unquoteConfigString(text);
  if (!quoted) return { ok: false, message: 'the string is not closed: add the missing "' };
  if (quoted.rest.trim() !== '') return { ok: false, message: `unexpected text after the closing quote: '${quoted.rest}'` };
  return { ok: true, kind: 'string', value: quoted.value };
}

/** The value a right-hand side asks for, as the session reports values ('y', 'm', 'n' or the bare text). */
export function requestedValue(text: string | null): string {
  const parsed = parseConfigValue(text);
  return parsed.ok ? parsed.value : (text ?? 'n');
}

/** The right-hand side the kernel writes for a value of a symbol of this type; null for `is not set`. */
export function configValueText(type: SymbolType, value: string): string | null {
  if (type === 'string') return quoteConfigString(value);
  if ((type === 'bool' || type === 'tristate') && value === 'n') return null;
  return value;
}

/** The `.config` line for a symbol's value, as the kernel's writer prints it. */
export function configLineFor(name: string, type: SymbolType, value: string): string {
  return formatConfigLine({ name, text: configValueText(type, value) });
}

/**
 * Whether the kernel's library accepts a value for a symbol of this type (sym_string_valid):
 * ints without leading zeros or `+`, hex with or without `0x`, any string, y/m/n.
 */
export function validConfigValue(type: SymbolType, value: string): boolean {
  switch (type) {
    case 'string':
      return true;
    case 'int':
      return /^-?(0|[1-9][0-9]*)$/.test(value);
    case 'hex':
      return /^(0[xX])?[0-9a-fA-F]+$/.test(value);
    case 'bool':
    case 'tristate':
      return /^[ymnYMN]/.test(value);
    default:
      return false;
  }
}

/**
 * Whether two values of a symbol are the same to the kernel. confdata.c compares values as
 * strings (strcmp); the one normalisation is the setter's (sym_set_string_value): a hex value
 * without `0x` or `0X` gets `0x`. So `10` and `0x10` are one hex value, `0x010` another; an int is
 * compared as written (the library takes no leading zeros or `+`, so one int has one spelling).
 */
export function sameConfigValue(type: SymbolType, a: string, b: string): boolean {
  if (type === 'hex') return withHexPrefix(a) === withHexPrefix(b);
  return a === b;
}

function withHexPrefix(value: string): string {
  return /^0[xX]/.test(value) ? value : `0x${value}`;
}

/** The tristate a bool or tristate value stands for, or undefined for any other text. */
export function tristateOf(value: string): Tristate | undefined {
  return value === 'y' || value === 'm' || value === 'n' ? value : undefined;
}

/** The CONFIG_ names a fragment sets, in the order it sets them (with the prefix), by merge_config.sh's own two patterns. */
export function fragmentSymbolNames(fragment: string): string[] {
  const names: string[] = [];
  for (const line of fragment.split('\n')) {
    const name = /^(CONFIG_[A-Za-z0-9_]*)=/.exec(line)?.[1] ?? /^# (CONFIG_[A-Za-z0-9_]*) is not set$/.exec(line)?.[1];
    if (name) names.push(name);
  }
  return names;
}

/**
 * merge_config.sh -m: every line of the base that mentions a symbol the fragment sets
 * (`CONFIG_X=` or `CONFIG_X `, anywhere in the line, as its sed does) is dropped, then the
 * fragment is appended. The kernel's olddefconfig then reads the result.
 */
export function mergeFragmentText(base: string, fragment: string): string {
  const names = fragmentSymbolNames(fragment);
  const mentions = (line: string): boolean => names.some((name) => line.includes(`${name}=`) || line.includes(`${name} `));
  const kept = base
    .split('\n')
    .filter((line) => !mentions(line))
    .join('\n');
  return `${kept}\n${fragment}${fragment.endsWith('\n') ? '' : '\n'}`;
}

/**
 * Why a value cannot be stored in a `.config` line, or undefined when it can. The kernel's
 * format is one line per symbol: a newline would start a new line (a new CONFIG_ assignment of
 * the writer's choosing), and a NUL ends the value early in the kernel's C strings.
 */
export function unstorableValueReason(value: string): string | undefined {
  if (value.includes('\n') || value.includes('\r')) return 'the value contains a line break, which a .config line cannot hold';
  if (value.includes('\0')) return 'the value contains a NUL character, which a .config line cannot hold';
  return undefined;
}
