import type { KeyEvent, KeyName } from './key-event.js';

/**
 * A key as the keymap writes it: `Up`, `PgDn`, `Enter`, `Esc Esc`, `Space`, `Ctrl-r`, a
 * character (`y`, `?`, `G`), `paste` (text that arrived together), or a class: `letter-or-digit`,
 * `printable` (any character typed without Ctrl or Alt), `any` (every key).
 */
export type KeySpec = string;

/** One hint on the hint line: the key as drawn, what it does, and its place (lower first; default the table's order). */
export type Hint = readonly [key: string, label: string, rank?: number];

/** One action of a pane and the keys that ask for it; the hint line and the help page's key list come from here too. */
export interface Binding<A extends string = string> {
  readonly action: A;
  readonly keys: readonly KeySpec[];
  readonly hint?: Hint;
  /** The help page's text for these keys; bindings next to each other with the same text share one row. */
  readonly help?: string;
}

export function bind<A extends string>(action: A, keys: readonly KeySpec[], extra: { hint?: Hint; help?: string } = {}): Binding<A> {
  return { action, keys, ...extra };
}

const NAMED: Readonly<Record<string, KeyName>> = {
  Up: 'up',
  Down: 'down',
  Left: 'left',
  Right: 'right',
  PgUp: 'pageup',
  PgDn: 'pagedown',
  Home: 'home',
  End: 'end',
  Enter: 'return',
  Tab: 'tab',
  'S-Tab': 'backtab',
  Esc: 'escape',
  'Esc Esc': 'escape-escape',
  Backspace: 'backspace',
  Delete: 'delete',
  F1: 'f1',
  paste: 'paste',
};

const CLASSES: Readonly<Record<string, (key: KeyEvent) => boolean>> = {
  'letter-or-digit': (key) => plain(key) && /^[A-Za-z0-9]$/.test(key.char),
  printable: (key) => plain(key),
  any: () => true,
};

function plain(key: KeyEvent): boolean {
  return key.name === 'char' && !key.ctrl && !key.meta;
}

/** Whether `key` is the key a spec names (a class matches too; see `actionsFor` for the order). */
export function specMatches(spec: KeySpec, key: KeyEvent): boolean {
  const named = NAMED[spec];
  if (named) return key.name === named;
  if (spec === 'Space') return plain(key) && key.char === ' ';
  if (spec.startsWith('Ctrl-') && spec.length === 6) return key.name === 'char' && key.ctrl && key.char === spec.slice(5);
  const inClass = CLASSES[spec];
  if (inClass) return inClass(key);
  return plain(key) && key.char === spec;
}

const isClass = (spec: KeySpec): boolean => spec in CLASSES;

/**
 * The actions a key asks for in a table, in the table's order: keys named exactly first, then
 * classes (`y` in the menu sets a value; only where nothing else takes it, it is a hotkey). A
 * pane's handler takes the first action that applies where it is.
 */
export function actionsFor<A extends string>(table: readonly Binding<A>[], key: KeyEvent): A[] {
  const exact: A[] = [];
  const classes: A[] = [];
  for (const binding of table) {
    if (binding.keys.some((spec) => !isClass(spec) && specMatches(spec, key))) exact.push(binding.action);
    else if (binding.keys.some((spec) => isClass(spec) && specMatches(spec, key))) classes.push(binding.action);
  }
  return [...exact, ...classes];
}

const hintCache = new WeakMap<readonly Binding[], readonly Hint[]>();

/** The hint line of a table: its hints, by rank, then in the table's order. */
export function hintsOf(table: readonly Binding[]): readonly Hint[] {
  let hints = hintCache.get(table);
  if (!hints) {
    const listed = table.flatMap((binding) => (binding.hint ? [binding.hint] : []));
    hints = listed
      .map((hint, index) => ({ hint, index }))
      .sort((a, b) => (a.hint[2] ?? 1000) - (b.hint[2] ?? 1000) || a.index - b.index)
      .map(({ hint }) => hint);
    hintCache.set(table, hints);
  }
  return hints;
}

/** A key spec as the help page shows it. */
function shown(spec: KeySpec): string {
  return spec === 'letter-or-digit' ? 'letter or digit' : spec;
}

/**
 * The help page's key list of a table: one row per run of bindings that share a help text.
 * Two bindings with as many keys each read as pairs (`Up/Down  k/j`, `Ctrl-u/Ctrl-d`); others list every key.
 */
export function keyReference(table: readonly Binding[]): (readonly [keys: string, text: string])[] {
  const rows: (readonly [string, string])[] = [];
  for (let index = 0; index < table.length;) {
    const text = table[index]?.help;
    let end = index + 1;
    while (text !== undefined && table[end]?.help === text) end++;
    if (text !== undefined) rows.push([keysOf(table.slice(index, end)), text]);
    index = end;
  }
  return rows;
}

function keysOf(group: readonly Binding[]): string {
  const [first, second] = group;
  if (group.length === 2 && first && second && first.keys.length === second.keys.length) {
    return first.keys.map((spec, at) => `${shown(spec)}/${shown(second.keys[at] ?? '')}`).join('  ');
  }
  return group.flatMap((binding) => binding.keys.map(shown)).join('  ');
}
