import { CLOSE, type Intent } from '../intents/intent.js';

/** A key handler that leaves the pane's state as it is and asks for `intent` (fits any pane's handler type). */
export const keep =
  <const I>(intent: I) =>
  <S>(state: S, ..._context: unknown[]): { state: S; intent: I } => ({ state, intent });

/** The keys every list pane (checks, hardware, presets) handles alike: Ctrl-c quits, close, undo, redo. */
export const COMMON_PANE_KEYS = {
  quit: keep<Intent>({ kind: 'quit' }),
  close: keep<Intent>(CLOSE),
  undo: keep<Intent>({ kind: 'undo' }),
  redo: keep<Intent>({ kind: 'redo' }),
};
