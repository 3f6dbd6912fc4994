import type { PresetsPaneState } from '../panes/presets/state.js';

type Hints = readonly (readonly [key: string, label: string])[];

const LIST: Hints = [
  ['space', 'mark'],
  ['⏎', 'preview'],
  ['a', 'apply'],
  ['x', 'take back'],
  ['c', 'new preset'],
  ['Esc', 'close'],
  ['u', 'undo'],
  ['r', 'read again'],
];
const PREVIEW: Hints = [['⏎/a', 'apply'], ['↑↓', 'scroll'], ['u', 'undo'], ['Esc', 'back to the list']];
const OUTCOME: Hints = [['↑↓', 'scroll'], ['u', 'undo'], ['Esc', 'back to the list']];
const CREATE: Hints = [['⏎', 'save'], ['Tab', 'next field'], ['←→', 'change'], ['Esc', 'cancel']];

/** The key hints of the presets view in its current mode; `applicable`: the page shows a preview Enter applies. */
export function presetsHints(state: PresetsPaneState, applicable: boolean): Hints {
  if (state.create) return CREATE;
  if (state.view === 'list') return LIST;
  return applicable ? PREVIEW : OUTCOME;
}
