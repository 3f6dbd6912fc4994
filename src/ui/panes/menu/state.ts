import { isSubmenu, type MenuRow } from '../../../model/menu-rows.js';
import type { Suggestion } from '../../../features/hardware/suggestions.js';
import type { ConfigState, MenuModel, Tristate } from '../../../model/types.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { UiAction } from '../../shell/ui-reducer.js';
import { currentFrame, QUIT_CHOICES, type UiState } from '../../shell/ui-state.js';
import { isChar, isCtrl } from '../../input/key-match.js';

/** What a key press asks for: a UI change (reducer) or work for the engine (controller). */
export type Intent =
  | { kind: 'ui'; action: UiAction }
  | { kind: 'set'; node: number; value: Tristate }
  /** Space: the next allowed value, as menuconfig cycles n -> m -> y. */
  | { kind: 'cycle'; node: number }
  /** Pick a choice member and leave the choice's screen. */
  | { kind: 'choose'; node: number }
  | { kind: 'edit'; node: number }
  | { kind: 'help'; node: number }
  | { kind: 'why'; node: number }
  | { kind: 'field-key'; key: KeyEvent }
  | { kind: 'commit-field' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'revert'; index: number }
  /** Leave the pending view for the menu entry of the change at `index`. */
  | { kind: 'show-change'; index: number }
  | { kind: 'pending' }
  | { kind: 'save'; force?: boolean; thenQuit?: boolean }
  | { kind: 'save-as' }
  | { kind: 'load' }
  /** Quit, asking first when there are unsaved changes. */
  | { kind: 'quit' }
  | { kind: 'quit-answer'; choice: 'save' | 'discard' | 'cancel' }
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
  | { kind: 'search' }
  /** Open the hardware suggestions pane. */
  | { kind: 'hardware' }
  /** Apply hardware suggestions, with what they require, as one undoable step. */
  | { kind: 'accept-suggestions'; suggestions: readonly Suggestion[] }
  /** Engine work of the presets view (preview, apply, un-apply, save), queued like every change. */
  | { kind: 'presets-work'; run: () => Promise<void> }
  /** Saving and starting the build of the build view (B), queued after the changes before it. */
  | { kind: 'build-work'; run: () => Promise<void> }
  | { kind: 'none' };

export interface BindingContext {
  model: MenuModel;
  config: ConfigState;
  rowAtCursor: MenuRow | undefined;
  /** Whether a search view is plugged in. */
  searchAvailable: boolean;
}

const NONE: Intent = { kind: 'none' };
const ui = (action: UiAction): Intent => ({ kind: 'ui', action });

/** Keys that move a cursor or scroll, the same in the menu, help and pending views. */
function navigation(key: KeyEvent): Intent | null {
  if (key.name === 'up' || (key.name === 'char' && key.char === 'k' && !key.ctrl)) return ui({ type: 'move', delta: -1 });
  if (key.name === 'down' || (key.name === 'char' && key.char === 'j' && !key.ctrl)) return ui({ type: 'move', delta: 1 });
  if (key.name === 'pageup' || (key.name === 'char' && key.ctrl && key.char === 'b')) {
    return ui({ type: 'page', direction: -1, half: false });
  }
  if (key.name === 'pagedown' || (key.name === 'char' && key.ctrl && key.char === 'f')) {
    return ui({ type: 'page', direction: 1, half: false });
  }
  if (key.name === 'char' && key.ctrl && key.char === 'u') return ui({ type: 'page', direction: -1, half: true });
  if (key.name === 'char' && key.ctrl && key.char === 'd') return ui({ type: 'page', direction: 1, half: true });
  if (key.name === 'home' || (key.name === 'char' && key.char === 'g' && !key.ctrl)) return ui({ type: 'edge', edge: 'first' });
  if (key.name === 'end' || (key.name === 'char' && key.char === 'G')) return ui({ type: 'edge', edge: 'last' });
  return null;
}

export function intentFor(state: UiState, key: KeyEvent, context: BindingContext): Intent {
  switch (state.overlay.kind) {
    case 'quit':
      return quitDialogIntent(state.overlay.choice, key);
    case 'restore':
      return restoreIntent(key);
    case 'overwrite':
      if (isChar(key, 'y') || isChar(key, 'o')) return { kind: 'save', force: true, thenQuit: state.overlay.thenQuit };
      if (isChar(key, 'r')) return { kind: 'reload-reapply', thenQuit: state.overlay.thenQuit };
      if (isCtrl(key, 'c')) return { kind: 'quit' };
      if (key.name === 'escape' || key.name === 'escape-escape' || isChar(key, 'n') || isChar(key, 'q') || key.name === 'return') {
        return ui({ type: 'close' });
      }
      return NONE;
    case 'editor':
    case 'file':
      if (key.name === 'return') return { kind: 'commit-field' };
      if (key.name === 'escape' || key.name === 'escape-escape') return ui({ type: 'close' });
      if (isCtrl(key, 'c')) return ui({ type: 'close' });
      return { kind: 'field-key', key };
    case 'help':
      return helpIntent(state, key);
    case 'why': {
      const moved = navigation(key);
      if (moved) return moved;
      if (isCtrl(key, 'c')) return { kind: 'quit' };
      return ui({ type: 'close' });
    }
    case 'pending':
      return pendingIntent(state.overlay.cursor, key);
    case 'search':
    case 'hardware':
    case 'presets':
    case 'build':
      // The panes read keys themselves (src/ui/state/search-pane.ts, hardware-pane.ts).
      return NONE;
    case 'none':
      return menuIntent(state, key, context);
  }
}

function quitDialogIntent(choice: 'save' | 'discard' | 'cancel', key: KeyEvent): Intent {
  const index = QUIT_CHOICES.indexOf(choice);
  const pick = (offset: number): Intent => {
    const next = QUIT_CHOICES[(index + offset + QUIT_CHOICES.length) % QUIT_CHOICES.length] ?? 'cancel';
    return ui({ type: 'quit-choice', choice: next });
  };
  if (key.name === 'left' || key.name === 'up' || key.name === 'backtab' || isChar(key, 'h') || isChar(key, 'k')) return pick(-1);
  if (key.name === 'right' || key.name === 'down' || key.name === 'tab' || isChar(key, 'l') || isChar(key, 'j')) return pick(1);
  if (key.name === 'return') return { kind: 'quit-answer', choice };
  if (isChar(key, 'y') || isChar(key, 's')) return { kind: 'quit-answer', choice: 'save' };
  if (isChar(key, 'n') || isChar(key, 'd')) return { kind: 'quit-answer', choice: 'discard' };
  // A second Ctrl+C leaves without saving, as in most terminal programs.
  if (isCtrl(key, 'c')) return { kind: 'quit-answer', choice: 'discard' };
  if (key.name === 'escape' || key.name === 'escape-escape' || isChar(key, 'c') || isChar(key, 'q')) {
    return { kind: 'quit-answer', choice: 'cancel' };
  }
  return NONE;
}

function restoreIntent(key: KeyEvent): Intent {
  const moved = navigation(key);
  if (moved) return moved;
  if (isChar(key, 'r') || key.name === 'return') return { kind: 'restore-draft' };
  if (isChar(key, 'd')) return { kind: 'discard-draft' };
  if (isCtrl(key, 'c')) return { kind: 'quit' };
  if (key.name === 'escape' || key.name === 'escape-escape' || isChar(key, 'q')) {
    return { kind: 'keep-draft' };
  }
  return NONE;
}

function helpIntent(state: UiState, key: KeyEvent): Intent {
  const moved = navigation(key);
  if (moved) return moved;
  if (key.name === 'char' && key.char === ' ' && !key.ctrl) return ui({ type: 'page', direction: 1, half: false });
  if (isChar(key, 'f') || key.name === 'return' || key.name === 'tab') return ui({ type: 'toggle-fold' });
  if (isChar(key, 'e') && state.overlay.kind === 'help') return { kind: 'why', node: state.overlay.node };
  if (isCtrl(key, 'c')) return { kind: 'quit' };
  if (
    key.name === 'escape' ||
    key.name === 'escape-escape' ||
    key.name === 'left' ||
    key.name === 'f1' ||
    isChar(key, 'q') ||
    isChar(key, 'h') ||
    isChar(key, '?')
  ) {
    return ui({ type: 'close' });
  }
  return NONE;
}

function pendingIntent(cursor: number, key: KeyEvent): Intent {
  const moved = navigation(key);
  if (moved) return moved;
  if (isChar(key, 'r') || key.name === 'delete' || key.name === 'backspace') return { kind: 'revert', index: cursor };
  if (isChar(key, 'u')) return { kind: 'undo' };
  if (isCtrl(key, 'r')) return { kind: 'redo' };
  if (isChar(key, 's') || isCtrl(key, 's')) return { kind: 'save' };
  if (isCtrl(key, 'c')) return { kind: 'quit' };
  if (key.name === 'return' || key.name === 'right' || isChar(key, 'l')) return { kind: 'show-change', index: cursor };
  if (
    key.name === 'escape' ||
    key.name === 'escape-escape' ||
    key.name === 'left' ||
    isChar(key, 'q') ||
    isChar(key, 'h') ||
    isChar(key, 'p')
  ) {
    return ui({ type: 'close' });
  }
  return NONE;
}

function menuIntent(state: UiState, key: KeyEvent, context: BindingContext): Intent {
  const moved = navigation(key);
  if (moved) return moved;
  const row = context.rowAtCursor;
  const node = row ? context.model.nodes[row.node] : undefined;
  const inChoice = context.model.nodes[currentFrame(state).menu]?.kind === 'choice';
  const symbolNode = node && node.kind === 'symbol' && node.symbol >= 0 ? node.id : -1;
  const symbolType = node && node.symbol >= 0 ? context.model.symbols[node.symbol]?.type : undefined;
  const isValueEntry = symbolType === 'int' || symbolType === 'hex' || symbolType === 'string';

  if (key.name === 'paste') {
    // Pasted text is not a string of commands (a .config line would set values as it went).
    return ui({ type: 'message', message: { text: 'Pasted text is taken by the search (/) and the value editors; in the menu it is ignored', tone: 'info' } });
  }
  if (key.name === 'escape-escape') return { kind: 'back-or-quit' };
  if (key.name === 'escape') return state.escArmed ? { kind: 'back-or-quit' } : ui({ type: 'arm-escape' });
  if (key.name === 'left' || isChar(key, 'h')) return ui({ type: 'back' });
  if (isCtrl(key, 'c') || isChar(key, 'q')) return { kind: 'quit' };

  if (inChoice && symbolNode >= 0) {
    if (key.name === 'return' || key.name === 'right' || isChar(key, 'l') || isChar(key, ' ') || isChar(key, 'y')) {
      return { kind: 'choose', node: symbolNode };
    }
  }
  if (key.name === 'return' || key.name === 'right' || isChar(key, 'l')) {
    if (node && !row?.header && isSubmenu(node)) return ui({ type: 'enter', config: context.config });
    if (key.name === 'return' && isValueEntry) return { kind: 'edit', node: symbolNode };
    // As in menuconfig, Enter never changes a value: a stray Enter must not flip an option.
    if (key.name === 'return' && symbolNode >= 0) {
      return ui({ type: 'message', message: { text: 'Enter opens menus; y, m, n or space change a value', tone: 'info' } });
    }
    return NONE;
  }
  if (symbolNode >= 0 && !isValueEntry) {
    if (isChar(key, 'y')) return { kind: 'set', node: symbolNode, value: 'y' };
    if (isChar(key, 'm')) return { kind: 'set', node: symbolNode, value: 'm' };
    if (isChar(key, 'n')) return { kind: 'set', node: symbolNode, value: 'n' };
    if (isChar(key, ' ')) return { kind: 'cycle', node: symbolNode };
  }
  if (symbolNode >= 0 && isValueEntry && isChar(key, ' ')) return { kind: 'edit', node: symbolNode };
  if (isChar(key, '?') || key.name === 'f1') return node ? { kind: 'help', node: node.id } : NONE;
  if (isChar(key, 'e')) return symbolNode >= 0 ? { kind: 'why', node: symbolNode } : NONE;
  if (isChar(key, 'u') || isCtrl(key, 'z')) return { kind: 'undo' };
  if (isCtrl(key, 'r') || isCtrl(key, 'y')) return { kind: 'redo' };
  if (isChar(key, 'p')) return { kind: 'pending' };
  if (isChar(key, 's') || isCtrl(key, 's')) return { kind: 'save' };
  if (isChar(key, 'w')) return { kind: 'save-as' };
  if (isChar(key, 'o')) return { kind: 'load' };
  if (isChar(key, 'a')) return ui({ type: 'toggle', flag: 'showAll' });
  if (isChar(key, 'c')) return ui({ type: 'toggle', flag: 'showNames' });
  if (isChar(key, 'i')) return ui({ type: 'toggle', flag: 'infoPane' });
  if (isChar(key, '/')) return context.searchAvailable ? { kind: 'search' } : NONE;
  if (isChar(key, 'd')) return { kind: 'hardware' };
  if (isChar(key, 'F')) return ui({ type: 'open', overlay: { kind: 'presets' } });
  if (isChar(key, 'B')) return ui({ type: 'open', overlay: { kind: 'build' } });
  if (key.name === 'char' && !key.ctrl && !key.meta && /^[A-Za-z0-9]$/.test(key.char)) {
    return ui({ type: 'hotkey', letter: key.char });
  }
  return NONE;
}
