import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type KeymapMode } from '../../keymap.js';
import { scrollPage } from '../../shell/scroll.js';
import { type OpenPane, QUIT_CHOICES, type QuitChoice } from '../../shell/ui-state.js';

/** The dialogs: the sheets under the menu (value editor, file name, quit, overwrite) and the draft offer's page. */
export type DialogState = Extract<OpenPane, { kind: 'editor' | 'file' | 'quit' | 'overwrite' | 'restore' }>;

export function isDialog(pane: OpenPane): pane is DialogState {
  return pane.kind === 'editor' || pane.kind === 'file' || pane.kind === 'quit' || pane.kind === 'overwrite' || pane.kind === 'restore';
}

/** The draft offer is a page: its length and the rows it has. */
export interface DialogEnv {
  lines: number;
  height: number;
}

export interface DialogKeyOutcome {
  state: DialogState;
  intent: Intent;
}

/** The keymap table of a dialog. */
export function dialogMode(state: DialogState): KeymapMode {
  if (state.kind === 'editor' && state.fix) return 'editor.fix';
  return state.kind === 'file' ? `file.${state.purpose}` : state.kind;
}

const keep = (state: DialogState, intent: Intent): DialogKeyOutcome => ({ state, intent });

function quitKey(state: Extract<DialogState, { kind: 'quit' }>, key: KeyEvent): DialogKeyOutcome {
  const pick = (offset: number): DialogKeyOutcome => {
    const index = QUIT_CHOICES.indexOf(state.choice);
    const choice: QuitChoice = QUIT_CHOICES[(index + offset + QUIT_CHOICES.length) % QUIT_CHOICES.length] ?? 'cancel';
    return keep({ ...state, choice }, NONE);
  };
  const actions: Record<ActionIn<'quit'>, () => DialogKeyOutcome> = {
    previous: () => pick(-1),
    next: () => pick(1),
    answer: () => keep(state, { kind: 'quit-answer', choice: state.choice }),
    save: () => keep(state, { kind: 'quit-answer', choice: 'save' }),
    discard: () => keep(state, { kind: 'quit-answer', choice: 'discard' }),
    cancel: () => keep(state, { kind: 'quit-answer', choice: 'cancel' }),
  };
  const [action] = actionsFor(KEYMAP.quit, key);
  return action ? actions[action]() : keep(state, NONE);
}

function overwriteKey(state: Extract<DialogState, { kind: 'overwrite' }>, key: KeyEvent): DialogKeyOutcome {
  const actions: Record<ActionIn<'overwrite'>, Intent> = {
    overwrite: { kind: 'save', force: true, thenQuit: state.thenQuit },
    reload: { kind: 'reload-reapply', thenQuit: state.thenQuit },
    quit: { kind: 'quit' },
    cancel: CLOSE,
  };
  const [action] = actionsFor(KEYMAP.overwrite, key);
  return keep(state, action ? actions[action] : NONE);
}

/**
 * The value editor and the file name: Enter commits (in the editor opened for a fix: searches the
 * fix for the value), Tab in the editor searches the fix, Esc cancels (back to the why page the
 * editor for a fix was opened from), every other key edits the text.
 */
function fieldKey(state: Extract<DialogState, { kind: 'editor' | 'file' }>, key: KeyEvent): DialogKeyOutcome {
  const [action] = actionsFor(KEYMAP[dialogMode(state) as 'editor'], key);
  if (action === 'fix' || (action === 'commit' && state.kind === 'editor' && state.fix)) return keep(state, { kind: 'fix-field' });
  if (action === 'commit') return keep(state, { kind: 'commit-field' });
  // The editor opened from the why page goes back to it.
  if (action === 'cancel') return keep(state, state.kind === 'editor' && state.fix ? { kind: 'why', node: state.node } : CLOSE);
  return keep(state, { kind: 'field-key', key });
}

function restoreKey(state: Extract<DialogState, { kind: 'restore' }>, key: KeyEvent, env: DialogEnv): DialogKeyOutcome {
  const [action] = actionsFor(KEYMAP.restore, key);
  switch (action) {
    case undefined:
      return keep(state, NONE);
    case 'restore':
      return keep(state, { kind: 'restore-draft' });
    case 'discard':
      return keep(state, { kind: 'discard-draft' });
    case 'keep':
      return keep(state, { kind: 'keep-draft' });
    case 'quit':
      return keep(state, { kind: 'quit' });
    default:
      return keep({ ...state, top: scrollPage(state.top, action, env.lines, env.height) }, NONE);
  }
}

/** What a key does in the open dialog. */
export function dialogKey(state: DialogState, key: KeyEvent, env: DialogEnv): DialogKeyOutcome {
  switch (state.kind) {
    case 'quit':
      return quitKey(state, key);
    case 'overwrite':
      return overwriteKey(state, key);
    case 'restore':
      return restoreKey(state, key, env);
    default:
      return fieldKey(state, key);
  }
}
