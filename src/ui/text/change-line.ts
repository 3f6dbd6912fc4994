import { escapeControl } from '../../model/escape-text.js';
import type { MenuModel } from '../../model/types.js';

export interface PendingChange {
  name: string;
  from: string | undefined;
  to: string;
}

/** One line of the pending-changes view: name, old -> new value, prompt. */
export function pendingLine(model: MenuModel, change: PendingChange, nameWidth = 28): string {
  const shown = (value: string | undefined): string => (value === undefined ? '(none)' : value === '' ? '""' : value);
  const prompt = model.byName.get(change.name)?.prompt ?? '';
  const values = `${shown(change.from)} -> ${shown(change.to)}`;
  return escapeControl(` ${change.name.padEnd(nameWidth)}  ${values.padEnd(12)}  ${prompt}`);
}
