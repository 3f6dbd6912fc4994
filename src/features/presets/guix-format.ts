import { TuxconfError } from '../../engine/errors.js';
import { quoteConfigString, unstorableValueReason } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import type { PresetEntry, SourceIssue } from './preset-types.js';
import { type Datum, type Position, SexpSyntaxError, readAll } from './sexp-reader.js';

/** One option list found in a Guix file: a `(define NAME '(...))` or a bare top-level list. */
export interface GuixOptionList {
  /** The defined name (`%default-extra-linux-options`), or null for a bare list. */
  name: string | null;
  line: number;
  entries: PresetEntry[];
  /** Text of the `;` comment lines just above the list. */
  description: string;
}

export interface ParsedGuixFile {
  lists: GuixOptionList[];
  issues: SourceIssue[];
}

/**
 * Reads the association lists Guix hands to `make-linux-libre`'s `#:extra-options`:
 * `(("CONFIG_X" . #t) ("CONFIG_Y" . m) ("CONFIG_Z" . #f) ("CONFIG_S" . "text") ("CONFIG_N" . 42))`.
 * Values map as Guix's `config->string` writes them: #t is y, m is m, #f is n.
 */
export function parseGuixOptions(text: string, path: string): ParsedGuixFile {
  let data: Datum[];
  try {
    data = readAll(text);
  } catch (error) {
    if (!(error instanceof SexpSyntaxError)) throw error;
    return { lists: [], issues: [{ path, line: error.at.line, column: error.at.column, message: error.message }] };
  }
  const lines = text.split('\n');
  const lists: GuixOptionList[] = [];
  const issues: SourceIssue[] = [];
  const issue = (datum: Datum | Position, message: string): void => {
    const at = 'at' in datum ? datum.at : datum;
    issues.push({ path, line: at.line, column: at.column, message });
  };

  for (const datum of data) {
    const definition = asDefinition(datum);
    if (definition) {
      if (!mentionsOptions(definition.value) && !isQuotedEmptyList(definition.value)) continue;
      const list = literalList(definition.value, issue);
      if (list) lists.push({ name: definition.name, line: datum.at.line, entries: readEntries(list, issue), description: commentAbove(lines, datum.at.line) });
      continue;
    }
    if (!mentionsOptions(datum)) continue;
    const list = literalList(datum, issue);
    if (list) lists.push({ name: null, line: datum.at.line, entries: readEntries(list, issue), description: commentAbove(lines, datum.at.line) });
  }
  if (lists.length === 0 && issues.length === 0) {
    issues.push({ path, line: 1, message: 'no option list found: expected (("CONFIG_NAME" . #t) ...) or (define %name `(...))' });
  }
  return { lists, issues };
}

function asDefinition(datum: Datum): { name: string; value: Datum } | null {
  if (datum.kind !== 'list' || datum.tail !== null) return null;
  const [head, name, value] = datum.items;
  if (head?.kind !== 'symbol' || (head.name !== 'define' && head.name !== 'define-public')) return null;
  if (name?.kind !== 'symbol' || value === undefined || datum.items.length !== 3) return null;
  return { name: name.name, value };
}

function isQuotedEmptyList(datum: Datum): boolean {
  return (
    datum.kind === 'quoted' && datum.quote !== 'unquote' && datum.quote !== 'unquote-splicing' && datum.datum.kind === 'list' && datum.datum.items.length === 0
  );
}

function mentionsOptions(datum: Datum): boolean {
  switch (datum.kind) {
    case 'string':
      return datum.value.startsWith('CONFIG_');
    case 'list':
      return datum.items.some(mentionsOptions) || (datum.tail !== null && mentionsOptions(datum.tail));
    case 'quoted':
      return mentionsOptions(datum.datum);
    default:
      return false;
  }
}

/** The list under at most one quote or quasiquote; anything that needs evaluating is refused. */
type IssueAt = (at: Datum | Position, message: string) => void;

function literalList(datum: Datum, issue: IssueAt): Extract<Datum, { kind: 'list' }> | null {
  const inner = datum.kind === 'quoted' && (datum.quote === 'quote' || datum.quote === 'quasiquote') ? datum.datum : datum;
  if (inner.kind === 'list' && inner.tail === null && (inner.items.length === 0 || inner.items[0]?.kind !== 'symbol')) return inner;
  const what = inner.kind === 'list' && inner.items[0]?.kind === 'symbol' ? `(${escapeControl(inner.items[0].name)} ...)` : 'this expression';
  issue(inner, `tuxconf reads literal option lists only and cannot evaluate ${what}: write the list out as (("CONFIG_NAME" . value) ...)`);
  return null;
}

function readEntries(list: Extract<Datum, { kind: 'list' }>, issue: IssueAt): PresetEntry[] {
  const entries: PresetEntry[] = [];
  for (const item of list.items) {
    if (item.kind === 'quoted' && item.quote.startsWith('unquote')) {
      issue(item, `tuxconf reads literal option lists only: ${item.quote === 'unquote' ? ',' : ',@'} needs evaluating; write the options out`);
      continue;
    }
    if (item.kind !== 'list' || item.items.length !== 1 || item.tail === null) {
      issue(item, 'each option must be a pair like ("CONFIG_NAME" . #t)');
      continue;
    }
    const key = item.items[0];
    if (key?.kind !== 'string') {
      issue(key ?? item, 'the option name must be a string like "CONFIG_NAME"');
      continue;
    }
    const name = /^CONFIG_([A-Za-z0-9_]+)$/.exec(key.value)?.[1];
    if (!name) {
      issue(key, `"${escapeControl(key.value)}" is not an option name: write "CONFIG_NAME" (with the CONFIG_ prefix)`);
      continue;
    }
    const text = valueText(item.tail);
    if (typeof text === 'object') {
      issue(text.at ?? item.tail, `${key.value}: ${text.error}`);
      continue;
    }
    entries.push({ name, text, line: key.at.line });
  }
  return entries;
}

function valueText(datum: Datum): string | { error: string; at?: Position } {
  switch (datum.kind) {
    case 'boolean':
      return datum.value ? 'y' : 'n';
    case 'symbol':
      if (datum.name === 'm') return 'm';
      if (datum.name === 'y' || datum.name === 'n') return { error: `write ${datum.name === 'y' ? '#t' : '#f'} for ${datum.name}` };
      return { error: `'${escapeControl(datum.name)}' is not a value: use #t, m, #f, a "string" or a number` };
    case 'string': {
      const unstorable = unstorableValueReason(datum.value);
      if (unstorable) return { error: unstorable, at: datum.unstorable ?? datum.at };
      return quoteConfigString(datum.value);
    }
    case 'number':
      if (datum.text.startsWith('#x')) return `0x${datum.text.slice(2)}`;
      // Beyond 2^53 a JavaScript number loses digits: keep them as written.
      return Number.isSafeInteger(datum.value) ? String(datum.value) : datum.text.replace(/^\+/, '');
    case 'quoted':
      if (datum.quote === 'quote' && datum.datum.kind === 'symbol' && datum.datum.name === 'm') {
        return { error: "write m, not 'm: the list is already quoted" };
      }
      return { error: 'tuxconf reads literal values only: write #t, m, #f, a "string" or a number' };
    default:
      return { error: 'use #t, m, #f, a "string" or a number' };
  }
}

function commentAbove(lines: string[], line: number): string {
  const comments: string[] = [];
  for (let index = line - 2; index >= 0; index--) {
    const match = /^\s*;+\s?(.*)$/.exec(lines[index] ?? '');
    if (!match) break;
    comments.unshift((match[1] ?? '').trim());
  }
  return escapeControl(comments.filter((comment) => comment !== '').join(' '));
}

/**
 * One value as Guix's extra-options list holds it: #t, #f, the symbol m, a string, a decimal
 * integer (its digits as the .config has them: a JavaScript number would lose those beyond 2^53)
 * or a `#x` number.
 */
export type GuixValue = boolean | 'module' | { string: string } | number | { integer: string } | { hex: string };

function guixDatum(value: GuixValue): string {
  if (value === true) return '#t';
  if (value === false) return '#f';
  if (value === 'module') return 'm';
  if (typeof value === 'number') return String(value);
  if ('integer' in value) return value.integer;
  if ('hex' in value) return `#x${value.hex}`;
  return `"${value.string.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** A name `(define NAME ...)` can take and this reader reads back as the same symbol. */
const GUIX_NAME = /^[A-Za-z0-9%_.+\-*/<>=!?:$&~^]+$/;

export function isGuixListName(name: string): boolean {
  return GUIX_NAME.test(name) && !/^[+-]?[0-9]+$/.test(name) && name !== '.' && name !== '%';
}

/** A list name made from any text (a file's name): characters a symbol cannot hold become `-`. */
export function guixListNameFrom(text: string): string {
  const name = text.replace(/[^A-Za-z0-9%_.+\-*/<>=!?:$&~^]/g, '-');
  return isGuixListName(name) ? name : `options-${name}`;
}

/** One option of an exported Guix list; `prompt` becomes a comment beside it, `menu` a heading above its group. */
export interface GuixListOption {
  name: string;
  value: GuixValue;
  prompt?: string;
  menu?: string;
}

/**
 * A Guix option list in the style of `%default-extra-linux-options`, as a `define` so that it
 * can be pasted into a Guix module or read back by tuxconf.
 */
export function formatGuixList(name: string, options: GuixListOption[], comment: string[] = []): string {
  if (!isGuixListName(name))
    throw new TuxconfError(`'${escapeControl(name)}' cannot name a Guix list`, {
      hint: 'use letters, digits and % _ . + - (no spaces, quotes or parentheses)',
    });
  // A line break in a comment would end the comment: what follows would be read as Scheme.
  const lines = comment.map((line) => (line === '' ? ';;' : `;; ${escapeControl(line)}`));
  lines.push(`(define ${name}`);
  if (options.length === 0) {
    lines.push('  `())');
  } else {
    let menu: string | undefined;
    options.forEach((option, index) => {
      let prefix = index === 0 ? '  `(' : '    ';
      if (option.menu !== undefined && option.menu !== menu) {
        if (index > 0) lines.push('');
        lines.push(`${prefix};; ${escapeControl(option.menu)}`);
        prefix = '    ';
      }
      menu = option.menu;
      const suffix = index === options.length - 1 ? '))' : '';
      const note = option.prompt ? ` ; ${escapeControl(option.prompt)}` : '';
      lines.push(`${prefix}("CONFIG_${option.name}" . ${guixDatum(option.value)})${suffix}${note}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
