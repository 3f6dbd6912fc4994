import type { MenuModel } from '../../model/types.js';
import type { MenuRow } from '../../model/menu-rows.js';
import type { DraftOffer } from '../panes/dialogs/draft-offer.js';
import type { TextField } from '../text/text-field.js';

/** One screen of the menu stack: a menu, a menuconfig entry, or a choice. */
export interface MenuFrame {
  /** Node whose entries this screen lists (0 = the root menu). */
  menu: number;
  /** Index of the highlighted row. */
  cursor: number;
  /** Node under the cursor when it was last placed, so the cursor follows it when rows change. */
  node: number;
  /** Index of the first row on screen. */
  top: number;
}

export type QuitChoice = 'save' | 'discard' | 'cancel';
export const QUIT_CHOICES: readonly QuitChoice[] = ['save', 'discard', 'cancel'];

export type Overlay =
  | { kind: 'none' }
  /** The full help of a node; `text` is null while it loads. */
  | { kind: 'help'; node: number; text: string | null; top: number; expanded: boolean }
  /** "Why can't I change this?" for a symbol. */
  | { kind: 'why'; node: number; top: number }
  /** The diff against the loaded config, one row per changed symbol. */
  | { kind: 'pending'; cursor: number; top: number }
  /** Editing a string/int/hex value. */
  | { kind: 'editor'; node: number; field: TextField; error: string | null }
  /** A file name for save-as or load. */
  | { kind: 'file'; purpose: 'save-as' | 'load'; field: TextField; error: string | null }
  | { kind: 'quit'; choice: QuitChoice }
  /** Unsaved changes of an earlier session that ended without saving: restore them? */
  | { kind: 'restore'; offer: DraftOffer; top: number }
  /** The config file changed on disk since it was loaded: overwrite it? */
  | { kind: 'overwrite'; path: string; thenQuit: boolean }
  /** Symbol search over the whole tree (its query and results live in the search pane's state). */
  | { kind: 'search' }
  /** Suggestions from this machine's (or a captured machine's) hardware. */
  | { kind: 'hardware' }
  /** Fragment presets: browse, preview, apply, take back, and save the changes as one (state in the presets pane). */
  | { kind: 'presets' }
  /** The build started with B: its streamed log, progress and result (state in the build pane). */
  | { kind: 'build' };

/** Panes that take the keyboard and that help, why and the value editor return to when they close. */
export type PaneKind = 'search' | 'hardware';

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
}

export interface UiState {
  /** stack[0] is the root menu; the last frame is on screen. */
  stack: MenuFrame[];
  showAll: boolean;
  showNames: boolean;
  infoPane: boolean;
  /** One Esc was pressed in a menu; a second goes back. */
  escArmed: boolean;
  overlay: Overlay;
  /** The pane the open help, why or value editor was opened from, and goes back to on close. */
  returnTo: PaneKind | null;
  message: StatusMessage | null;
}

/** What the reducer needs to know about the world outside the UI state. */
export interface ViewEnv {
  model: MenuModel;
  /** The rows the frame shows now (depends on the config and show-all). */
  rowsOf(frame: MenuFrame, showAll: boolean): readonly MenuRow[];
  /** Rows the menu list has room for. */
  listHeight: number;
  /** Rows the help, pending and other scrolling views have room for. */
  pageHeight: number;
  /** Lines of the open help or why view at the current width (after folding and wrapping). */
  pageLineCount: number;
  pendingCount: number;
}

export function rootFrame(): MenuFrame {
  return { menu: 0, cursor: 0, node: -1, top: 0 };
}

export function initialUiState(options: { infoPane?: boolean } = {}): UiState {
  return {
    stack: [rootFrame()],
    showAll: false,
    showNames: false,
    infoPane: options.infoPane ?? true,
    escArmed: false,
    overlay: { kind: 'none' },
    returnTo: null,
    message: null,
  };
}

export function currentFrame(state: UiState): MenuFrame {
  const frame = state.stack.at(-1);
  if (!frame) throw new Error('the menu stack is empty');
  return frame;
}
