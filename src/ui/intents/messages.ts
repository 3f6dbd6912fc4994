import { TuxconfError, type ValueChange } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';
import type { UiAction } from '../shell/ui-reducer.js';

export const info = (text: string): UiAction => ({ type: 'message', message: { text, tone: 'info' } });
export const error = (text: string): UiAction => ({ type: 'message', message: { text, tone: 'error' } });

/** What went wrong, for the status line: the message and the hint of a TuxconfError. */
export function errorText(cause: unknown): string {
  if (cause instanceof TuxconfError) return escapeControl(cause.hint ? `${cause.message} (${cause.hint})` : cause.message);
  return escapeControl(cause instanceof Error ? cause.message : String(cause));
}

/** "E1000E = m" plus the values that changed with it. */
export function describeChanges(name: string, changes: ValueChange[]): string {
  const own = changes.find((change) => change.name === name);
  const others = changes.filter((change) => change.name !== name);
  const head = own ? `${name}: ${own.from || '""'} -> ${own.to || '""'}` : `${name}: no change`;
  if (others.length === 0) return head;
  const listed = others.slice(0, 3).map((change) => `${change.name}=${change.to || '""'}`);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `${head}; also ${listed.join(', ')}${more}`;
}
