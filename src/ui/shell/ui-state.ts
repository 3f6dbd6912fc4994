import type { MenuModel } from '../../model/types.js';
import type { MenuRow } from '../../model/menu-rows.js';
import type { DraftOffer } from '../../features/drafts/draft-offer.js';
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

/** The pane on screen, with the state of those whose state is small (the others keep theirs in their hooks). */
export type OpenPane =
  | { kind: 'menu' }
  /** The full help of a node; `text` is null while it loads. */
  | { kind: 'help'; node: number; text: string | null; top: number; expanded: boolean }
  /**
   * "Why can't I change this?" for a symbol; `cursor` is the reason under the cursor (-1: none);
   * `want`: the value the fix under the reasons is for, when the user asked for one (y/m/n, or a
   * value typed for an int, hex or string symbol).
   */
  | { kind: 'why'; node: number; top: number; cursor: number; want?: string }
  /** The user's changes with what came with them; `unfolded` holds the keys of the groups shown whole. */
  | { kind: 'changes'; cursor: number; top: number; unfolded: readonly string[] }
  /** Editing a string/int/hex value; `fix`: Enter searches the fix for the value typed rather than setting it. */
  | { kind: 'editor'; node: number; field: TextField; error: string | null; fix?: boolean }
  /** A file name for save-as or load. */
  | { kind: 'file'; purpose: 'save-as' | 'load'; field: TextField; error: string | null }
  | { kind: 'quit'; choice: QuitChoice }
  /** Unsaved changes of an earlier session that ended without saving: restore them? */
  | { kind: 'restore'; offer: DraftOffer; top: number }
  /** The config file changed on disk since it was loaded: overwrite it? */
  | { kind: 'overwrite'; path: string; thenQuit: boolean }
  /** Symbol search over the whole tree (its query and results live in the search pane's hook). */
  | { kind: 'search' }
  /** Suggestions from this machine's (or a captured machine's) hardware. */
  | { kind: 'hardware' }
  /** Fragment presets: browse, preview, apply, take back, and save the changes as one. */
  | { kind: 'presets' }
  /** Requirement profiles: each with its status, entries with why they are off, a fix as a diff. */
  | { kind: 'checks' }
  /** The build started with B: its target, streamed log, progress and result. */
  | { kind: 'build' }
  /** The review of a config written by another kernel release (`source`: its file; null: the one reviewed last, else the config opened). */
  | { kind: 'upgrade'; source: string | null };

export type PaneKind = OpenPane['kind'];

/** Panes that help, why and the value editor opened from them go back to when they close. */
export type ReturnPane = Extract<OpenPane, { kind: 'search' | 'hardware' | 'changes' | 'upgrade' }>;

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
  pane: OpenPane;
  /** The pane the open help, why or value editor was opened from, and goes back to on close. */
  returnTo: ReturnPane | null;
  message: StatusMessage | null;
}

/** What the reducer needs to know about the menu outside the UI state. */
export interface MenuEnv {
  model: MenuModel;
  /** The rows the frame shows now (depends on the config and show-all). */
  rowsOf(frame: MenuFrame, showAll: boolean): readonly MenuRow[];
  /** Rows the menu list has room for. */
  listHeight: number;
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
    pane: { kind: 'menu' },
    returnTo: null,
    message: null,
  };
}

export function currentFrame(state: UiState): MenuFrame {
  const frame = state.stack.at(-1);
  if (!frame) throw new Error('the menu stack is empty');
  return frame;
}
