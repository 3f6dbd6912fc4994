import { isSubmenu, type MenuRow } from '../../model/menu-rows.js';
import type { ConfigState } from '../../model/types.js';
import type { TextField } from '../text/text-field.js';
import { clamp } from './scroll.js';
import {
  currentFrame,
  type MenuFrame,
  type Overlay,
  type PaneKind,
  type QuitChoice,
  type StatusMessage,
  type UiState,
  type ViewEnv,
} from './ui-state.js';

export type UiAction =
  /** Cursor (menu, pending view) or scroll position (help) by `delta` rows. */
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1; half: boolean }
  | { type: 'edge'; edge: 'first' | 'last' }
  /** First-letter hotkey: the next row whose prompt starts with `letter`. */
  | { type: 'hotkey'; letter: string }
  /** Open the submenu, menuconfig entry or choice under the cursor. */
  | { type: 'enter'; config: ConfigState }
  | { type: 'back' }
  | { type: 'arm-escape' }
  | { type: 'toggle'; flag: 'showAll' | 'showNames' | 'infoPane' }
  | { type: 'open'; overlay: Overlay }
  | { type: 'close' }
  | { type: 'help-loaded'; node: number; text: string }
  | { type: 'toggle-fold' }
  | { type: 'field'; field: TextField; error: string | null }
  | { type: 'field-error'; error: string }
  | { type: 'quit-choice'; choice: QuitChoice }
  | { type: 'message'; message: StatusMessage | null }
  /** Show `node` in its menu with the cursor on it (search results, pending-view entries). */
  | { type: 'jump'; node: number }
  /** Re-place the cursor after the config, show-all or terminal size changed. */
  | { type: 'settle' };

const KEEPS_ESCAPE_ARMED = new Set<UiAction['type']>(['arm-escape', 'settle', 'help-loaded', 'message']);

export function uiReducer(state: UiState, action: UiAction, env: ViewEnv): UiState {
  const next = reduce(state, action, env);
  if (next.escArmed && !KEEPS_ESCAPE_ARMED.has(action.type)) return { ...next, escArmed: false };
  return next;
}

function reduce(state: UiState, action: UiAction, env: ViewEnv): UiState {
  switch (action.type) {
    case 'move':
      return moveBy(state, action.delta, env, false);
    case 'page': {
      const height = state.overlay.kind === 'none' ? env.listHeight : env.pageHeight;
      const amount = Math.max(1, action.half ? Math.floor(height / 2) : height);
      return moveBy(state, action.direction * amount, env, true);
    }
    case 'edge':
      return moveBy(state, action.edge === 'first' ? -Infinity : Infinity, env, false);
    case 'hotkey':
      return hotkey(state, action.letter, env);
    case 'enter':
      return enter(state, action.config, env);
    case 'back':
      if (state.stack.length <= 1) return state;
      return settleCurrent({ ...state, stack: state.stack.slice(0, -1) }, env);
    case 'arm-escape':
      return { ...state, escArmed: true };
    case 'toggle': {
      const toggled = { ...state, [action.flag]: !state[action.flag] };
      return settleCurrent(toggled, env);
    }
    case 'open':
      return { ...state, overlay: action.overlay, returnTo: returnPaneFor(state, action.overlay) };
    case 'close': {
      const pane = OPENED_FROM_PANES.has(state.overlay.kind) ? state.returnTo : null;
      return { ...state, overlay: pane ? { kind: pane } : { kind: 'none' }, returnTo: null };
    }
    case 'help-loaded': {
      const overlay = state.overlay;
      if (overlay.kind !== 'help' || overlay.node !== action.node) return state;
      return { ...state, overlay: { ...overlay, text: action.text } };
    }
    case 'toggle-fold': {
      const overlay = state.overlay;
      if (overlay.kind !== 'help') return state;
      return { ...state, overlay: { ...overlay, expanded: !overlay.expanded } };
    }
    case 'field': {
      const overlay = state.overlay;
      if (overlay.kind !== 'editor' && overlay.kind !== 'file') return state;
      return { ...state, overlay: { ...overlay, field: action.field, error: action.error } };
    }
    case 'field-error': {
      const overlay = state.overlay;
      if (overlay.kind !== 'editor' && overlay.kind !== 'file') return state;
      return { ...state, overlay: { ...overlay, error: action.error } };
    }
    case 'quit-choice':
      if (state.overlay.kind !== 'quit') return state;
      return { ...state, overlay: { kind: 'quit', choice: action.choice } };
    case 'message':
      return { ...state, message: action.message };
    case 'jump':
      return jump(state, action.node, env);
    case 'settle':
      return settleCurrent(state, env);
  }
}

/** Views a pane can open over itself; closing them goes back to the pane. */
const OPENED_FROM_PANES = new Set<Overlay['kind']>(['help', 'why', 'editor']);

function returnPaneFor(state: UiState, next: Overlay): PaneKind | null {
  if (!OPENED_FROM_PANES.has(next.kind)) return null;
  const current = state.overlay.kind;
  if (current === 'search' || current === 'hardware') return current;
  // why opened from a help page opened from a pane still goes back to the pane
  return OPENED_FROM_PANES.has(current) ? state.returnTo : null;
}

function moveBy(state: UiState, delta: number, env: ViewEnv, scrollToo: boolean): UiState {
  const overlay = state.overlay;
  if (overlay.kind === 'help' || overlay.kind === 'why' || overlay.kind === 'restore') {
    const maxTop = Math.max(0, env.pageLineCount - env.pageHeight);
    const top = clamp(overlay.top + delta, 0, maxTop);
    return top === overlay.top ? state : { ...state, overlay: { ...overlay, top } };
  }
  if (overlay.kind === 'pending') {
    const cursor = clamp(overlay.cursor + delta, 0, Math.max(0, env.pendingCount - 1));
    const wantedTop = scrollToo ? overlay.top + delta : overlay.top;
    const top = visibleTop(wantedTop, cursor, env.pageHeight, env.pendingCount);
    return { ...state, overlay: { ...overlay, cursor, top } };
  }
  if (overlay.kind !== 'none') return state;
  const frame = currentFrame(state);
  const rows = env.rowsOf(frame, state.showAll);
  if (rows.length === 0) return state;
  const cursor = clamp(frame.cursor + delta, 0, rows.length - 1);
  const wantedTop = scrollToo ? frame.top + delta : frame.top;
  return replaceFrame(state, placeCursor(frame, rows, cursor, wantedTop, env.listHeight));
}

function hotkey(state: UiState, letter: string, env: ViewEnv): UiState {
  if (state.overlay.kind !== 'none') return state;
  const frame = currentFrame(state);
  const rows = env.rowsOf(frame, state.showAll);
  const wanted = letter.toLowerCase();
  for (let step = 1; step <= rows.length; step++) {
    const index = (frame.cursor + step) % rows.length;
    const row = rows[index];
    if (row && !row.header && hotkeyOf(env, row) === wanted) {
      return replaceFrame(state, placeCursor(frame, rows, index, frame.top, env.listHeight));
    }
  }
  return state;
}

/** The letter that jumps to a row: the first letter or digit of its prompt, lower case. */
export function hotkeyOf(env: Pick<ViewEnv, 'model'>, row: MenuRow): string | null {
  const prompt = env.model.nodes[row.node]?.prompt ?? '';
  const match = prompt.match(/[A-Za-z0-9]/);
  return match ? match[0].toLowerCase() : null;
}

function enter(state: UiState, config: ConfigState, env: ViewEnv): UiState {
  if (state.overlay.kind !== 'none') return state;
  const frame = currentFrame(state);
  const row = env.rowsOf(frame, state.showAll)[frame.cursor];
  const node = row ? env.model.nodes[row.node] : undefined;
  if (!row || row.header || !node || !isSubmenu(node)) return state;
  let cursorNode = -1;
  if (node.kind === 'choice') {
    const selected = config.nodes[node.id]?.selected ?? -1;
    const member = node.children.find((child) => env.model.nodes[child]?.symbol === selected && selected >= 0);
    cursorNode = member ?? -1;
  }
  const opened: MenuFrame = { menu: node.id, cursor: 0, node: cursorNode, top: 0 };
  return settleCurrent({ ...state, stack: [...state.stack, opened] }, env);
}

/** The screens that lead to `nodeId`: the root, then every enclosing menu, menuconfig entry or choice. */
export function screensTo(env: Pick<ViewEnv, 'model'>, nodeId: number): number[] {
  const screens: number[] = [];
  let node = env.model.nodes[nodeId];
  while (node && node.id !== 0) {
    const parent = env.model.nodes[node.parent];
    if (!parent) break;
    if (parent.id === 0 || isSubmenu(parent)) screens.push(parent.id);
    node = parent;
  }
  if (screens.at(-1) !== 0) screens.push(0);
  return screens.reverse();
}

function jump(state: UiState, nodeId: number, env: ViewEnv): UiState {
  if (!env.model.nodes[nodeId] || nodeId === 0) return state;
  const screens = screensTo(env, nodeId);
  const targets = [...screens.slice(1), nodeId];
  const build = (showAll: boolean): { stack: MenuFrame[]; found: boolean } => {
    let found = true;
    const stack = screens.map((menu, index) => {
      const target = targets[index] ?? -1;
      const rows = env.rowsOf({ menu, cursor: 0, node: target, top: 0 }, showAll);
      const at = rows.findIndex((row) => row.node === target && !row.header);
      if (at < 0) found = false;
      return placeCursor({ menu, cursor: 0, node: target, top: 0 }, rows, Math.max(0, at), 0, env.listHeight);
    });
    return { stack, found };
  };
  const plain = build(state.showAll);
  if (plain.found || state.showAll) return { ...state, stack: plain.stack, overlay: { kind: 'none' }, returnTo: null };
  // Hidden entries are only reachable with show-all on.
  return { ...state, showAll: true, stack: build(true).stack, overlay: { kind: 'none' }, returnTo: null };
}

function settleCurrent(state: UiState, env: ViewEnv): UiState {
  const frame = currentFrame(state);
  const settled = settleFrame(frame, env.rowsOf(frame, state.showAll), env.listHeight);
  return settled === frame ? state : replaceFrame(state, settled);
}

/**
 * Keeps the cursor on the same node when rows appear or disappear around it (else at the same
 * index, clamped), and the cursor row on screen.
 */
export function settleFrame(frame: MenuFrame, rows: readonly MenuRow[], height: number): MenuFrame {
  let cursor = frame.cursor;
  if (frame.node >= 0 && rows[cursor]?.node !== frame.node) {
    const at = rows.findIndex((row) => row.node === frame.node);
    if (at >= 0) cursor = at;
  }
  cursor = clamp(cursor, 0, Math.max(0, rows.length - 1));
  const settled = placeCursor(frame, rows, cursor, frame.top, height);
  const same = settled.cursor === frame.cursor && settled.node === frame.node && settled.top === frame.top;
  return same ? frame : settled;
}

function placeCursor(
  frame: MenuFrame,
  rows: readonly MenuRow[],
  cursor: number,
  wantedTop: number,
  height: number,
): MenuFrame {
  return {
    ...frame,
    cursor,
    node: rows[cursor]?.node ?? -1,
    top: visibleTop(wantedTop, cursor, height, rows.length),
  };
}

/** The first visible row: as close to `wanted` as keeps `cursor` on screen and the screen full. */
export function visibleTop(wanted: number, cursor: number, height: number, count: number): number {
  const rows = Math.max(1, height);
  let top = clamp(wanted, cursor - rows + 1, cursor);
  top = clamp(top, 0, Math.max(0, count - rows));
  return top;
}

function replaceFrame(state: UiState, frame: MenuFrame): UiState {
  return { ...state, stack: [...state.stack.slice(0, -1), frame] };
}

