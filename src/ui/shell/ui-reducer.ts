import { isSubmenu, type MenuRow } from '../../model/menu-rows.js';
import type { ConfigState } from '../../model/types.js';
import type { TextField } from '../text/text-field.js';
import { clamp, visibleTop } from './scroll.js';
import { currentFrame, type MenuFrame, type OpenPane, type PaneKind, type ReturnPane, type StatusMessage, type UiState, type MenuEnv } from './ui-state.js';

export type UiAction =
  /** The menu's cursor by `delta` rows. */
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
  | { type: 'open'; pane: OpenPane }
  /** The open pane's new state (a pane's key handler computed it); ignored when another pane is open by now. */
  | { type: 'update'; pane: OpenPane }
  | { type: 'close' }
  | { type: 'help-loaded'; node: number; text: string }
  | { type: 'field'; field: TextField; error: string | null }
  | { type: 'field-error'; error: string }
  | { type: 'message'; message: StatusMessage | null }
  /** Show `node` in its menu with the cursor on it (search results, changes, reasons). */
  | { type: 'jump'; node: number }
  /** Re-place the cursor after the config, show-all or terminal size changed. */
  | { type: 'settle' };

const KEEPS_ESCAPE_ARMED = new Set<UiAction['type']>(['arm-escape', 'settle', 'help-loaded', 'message']);

export function uiReducer(state: UiState, action: UiAction, env: MenuEnv): UiState {
  const next = reduce(state, action, env);
  if (next.escArmed && !KEEPS_ESCAPE_ARMED.has(action.type)) return { ...next, escArmed: false };
  return next;
}

function reduce(state: UiState, action: UiAction, env: MenuEnv): UiState {
  switch (action.type) {
    case 'move':
      return moveBy(state, action.delta, env, false);
    case 'page': {
      const amount = Math.max(1, action.half ? Math.floor(env.listHeight / 2) : env.listHeight);
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
    case 'toggle':
      return settleCurrent({ ...state, [action.flag]: !state[action.flag] }, env);
    case 'open':
      return { ...state, pane: action.pane, returnTo: returnPaneFor(state, action.pane) };
    case 'update':
      return state.pane.kind === action.pane.kind ? { ...state, pane: action.pane } : state;
    case 'close': {
      const back = OPENED_FROM_PANES.has(state.pane.kind) ? state.returnTo : null;
      return { ...state, pane: back ?? { kind: 'menu' }, returnTo: null };
    }
    case 'message':
      return { ...state, message: action.message };
    case 'jump':
      return jump(state, action.node, env);
    case 'settle':
      return settleCurrent(state, env);
    default: {
      const pane = paneAfter(state.pane, action);
      return pane === state.pane ? state : { ...state, pane };
    }
  }
}

/** What a late answer does to the open pane: help text that arrived, a field's edit or error. */
function paneAfter(pane: OpenPane, action: Extract<UiAction, { type: 'help-loaded' | 'field' | 'field-error' }>): OpenPane {
  if (action.type === 'help-loaded') return pane.kind === 'help' && pane.node === action.node ? { ...pane, text: action.text } : pane;
  if (pane.kind !== 'editor' && pane.kind !== 'file') return pane;
  return action.type === 'field' ? { ...pane, field: action.field, error: action.error } : { ...pane, error: action.error };
}

/** Panes that can be opened over the search, hardware and changes panes; closing them goes back there. */
const OPENED_FROM_PANES = new Set<PaneKind>(['help', 'why', 'editor']);

function returnPaneFor(state: UiState, next: OpenPane): ReturnPane | null {
  if (!OPENED_FROM_PANES.has(next.kind)) return null;
  const current = state.pane;
  if (current.kind === 'search' || current.kind === 'hardware' || current.kind === 'changes' || current.kind === 'upgrade') return current;
  // why opened from a help page opened from a pane still goes back to the pane
  return OPENED_FROM_PANES.has(current.kind) ? state.returnTo : null;
}

function moveBy(state: UiState, delta: number, env: MenuEnv, scrollToo: boolean): UiState {
  if (state.pane.kind !== 'menu') return state;
  const frame = currentFrame(state);
  const rows = env.rowsOf(frame, state.showAll);
  if (rows.length === 0) return state;
  const cursor = clamp(frame.cursor + delta, 0, rows.length - 1);
  const wantedTop = scrollToo ? frame.top + delta : frame.top;
  return replaceFrame(state, placeCursor(frame, rows, cursor, wantedTop, env.listHeight));
}

function hotkey(state: UiState, letter: string, env: MenuEnv): UiState {
  if (state.pane.kind !== 'menu') return state;
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
export function hotkeyOf(env: Pick<MenuEnv, 'model'>, row: MenuRow): string | null {
  const prompt = env.model.nodes[row.node]?.prompt ?? '';
  const match = prompt.match(/[A-Za-z0-9]/);
  return match ? match[0].toLowerCase() : null;
}

function enter(state: UiState, config: ConfigState, env: MenuEnv): UiState {
  if (state.pane.kind !== 'menu') return state;
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
export function screensTo(env: Pick<MenuEnv, 'model'>, nodeId: number): number[] {
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

function jump(state: UiState, nodeId: number, env: MenuEnv): UiState {
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
  if (plain.found || state.showAll) return { ...state, stack: plain.stack, pane: { kind: 'menu' }, returnTo: null };
  // Hidden entries are only reachable with show-all on.
  return { ...state, showAll: true, stack: build(true).stack, pane: { kind: 'menu' }, returnTo: null };
}

function settleCurrent(state: UiState, env: MenuEnv): UiState {
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

function placeCursor(frame: MenuFrame, rows: readonly MenuRow[], cursor: number, wantedTop: number, height: number): MenuFrame {
  return {
    ...frame,
    cursor,
    node: rows[cursor]?.node ?? -1,
    top: visibleTop(wantedTop, cursor, height, rows.length),
  };
}

function replaceFrame(state: UiState, frame: MenuFrame): UiState {
  return { ...state, stack: [...state.stack.slice(0, -1), frame] };
}
