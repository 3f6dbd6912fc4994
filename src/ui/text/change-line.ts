import { escapeControl } from '../../model/escape-text.js';
import type { MenuModel } from '../../model/types.js';

export interface ValueChangeLike {
  name: string;
  from: string | undefined;
  to: string;
}

/** A value as a line shows it: `""` for the empty string, `(none)` where there was none. */
export function shownValue(value: string | undefined): string {
  return value === undefined ? '(none)' : value === '' ? '""' : value;
}

/** The name column's width for a list of changes: the longest name, between 12 and `most`. */
export function nameColumn(changes: readonly { name: string }[], most = 28): number {
  let width = 12;
  for (const change of changes) width = Math.max(width, change.name.length);
  return Math.min(most, width);
}

/** One changed value on a line: name, old -> new value, prompt. */
export function changeLine(model: MenuModel, change: ValueChangeLike, nameWidth = 28): string {
  const prompt = model.byName.get(change.name)?.prompt ?? '';
  const values = `${shownValue(change.from)} -> ${shownValue(change.to)}`;
  return escapeControl(` ${change.name.padEnd(nameWidth)}  ${values.padEnd(12)}  ${prompt}`);
}
