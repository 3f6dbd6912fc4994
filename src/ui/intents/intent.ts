import type { FixPlan } from '../../engine/session.js';
import type { Tristate } from '../../model/types.js';
import type { KeyEvent } from '../input/key-event.js';
import type { UiAction } from '../shell/ui-reducer.js';
import type { QuitChoice } from '../shell/ui-state.js';

/**
 * What a key asks for once a pane has read it: a change of the UI state (done at once), or
 * work for the engine, run by src/ui/intents/run-intent.ts one at a time in order.
 */
export type Intent =
  | { kind: 'ui'; action: UiAction }
  /** Open a pane that keeps its own state (at once, so that keys typed right after reach it). */
  | { kind: 'open'; pane: 'search' | 'hardware' | 'presets' | 'checks' | 'build' }
  | { kind: 'set'; node: number; value: Tristate }
  /** Space: the next allowed value, as menuconfig cycles n -> m -> y. */
  | { kind: 'cycle'; node: number }
  /** Pick a choice member and leave the choice's screen. */
  | { kind: 'choose'; node: number }
  /** The value editor; `fix`: its Enter searches the fix for the value typed (opened from the why page). */
  | { kind: 'edit'; node: number; fix?: boolean }
  | { kind: 'help'; node: number }
  | { kind: 'why'; node: number }
  | { kind: 'field-key'; key: KeyEvent }
  | { kind: 'commit-field' }
  /** The why page with the fix for the value typed in the value editor. */
  | { kind: 'fix-field' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Set a value back to the loaded config's; `owner` is the user's change it came with, if it is not one itself. */
  | { kind: 'revert'; name: string; owner: string | null }
  /** Show a symbol's entry in its menu (turning show-all on for a hidden one). */
  | { kind: 'show-symbol'; name: string }
  | { kind: 'changes' }
  | { kind: 'save'; force?: boolean; thenQuit?: boolean }
  | { kind: 'save-as' }
  | { kind: 'load' }
  /** Quit, asking first when there are unsaved changes. */
  | { kind: 'quit' }
  | { kind: 'quit-answer'; choice: QuitChoice }
  /** Put back, or throw away, the unsaved changes of an earlier session. */
  | { kind: 'restore-draft' }
  | { kind: 'discard-draft' }
  | { kind: 'keep-draft' }
  /** Look for an earlier session's unsaved changes and offer them (at start, queued like every engine request). */
  | { kind: 'offer-draft' }
  /** The config changed on disk: read it again and apply this session's changes to it. */
  | { kind: 'reload-reapply'; thenQuit: boolean }
  /** Back one screen; at the top, quit. */
  | { kind: 'back-or-quit' }
  /** Apply a planned fix as one undoable step (the why page's f); `close` the pane it was shown in. */
  | { kind: 'apply-fix'; plan: FixPlan; close: boolean }
  /** A pane's own engine work (a preset preview, saving before a build), queued after the changes before it. */
  | { kind: 'work'; run: () => Promise<void> }
  | { kind: 'none' };

export const NONE: Intent = { kind: 'none' };

export const ui = (action: UiAction): Intent => ({ kind: 'ui', action });

export const CLOSE: Intent = ui({ type: 'close' });

export function say(text: string, tone: 'info' | 'error' = 'info'): Intent {
  return ui({ type: 'message', message: { text, tone } });
}
