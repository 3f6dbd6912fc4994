import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type NavigationAction } from '../../keymap.js';
import { clamp, movement, visibleTop } from '../../shell/scroll.js';
import type { OpenPane } from '../../shell/ui-state.js';
import { type ChangeRow, ownerText, selectable } from './rows.js';

export type ChangesState = Extract<OpenPane, { kind: 'changes' }>;

export interface ChangesEnv {
  /** null while the changes are read. */
  rows: readonly ChangeRow[] | null;
  height: number;
  /** The menu node that stands for a symbol, or -1. */
  nodeOf(name: string): number;
}

export interface ChangesKeyOutcome {
  state: ChangesState;
  intent: Intent;
}

function selectableIndices(rows: readonly ChangeRow[]): number[] {
  const indices: number[] = [];
  rows.forEach((row, index) => {
    if (selectable(row)) indices.push(index);
  });
  return indices;
}

/** The cursor on the nearest row it can be on, and on screen with the heading above the first one. */
export function settleChanges(state: ChangesState, rows: readonly ChangeRow[], height: number): ChangesState {
  const indices = selectableIndices(rows);
  if (indices.length === 0) return state.cursor === 0 && state.top === 0 ? state : { ...state, cursor: 0, top: 0 };
  const cursor = indices.find((index) => index >= state.cursor) ?? indices.at(-1)!;
  const top = cursor === indices[0] && cursor < height ? 0 : visibleTop(state.top, cursor, height, rows.length);
  return cursor === state.cursor && top === state.top ? state : { ...state, cursor, top };
}

function navigate(state: ChangesState, action: NavigationAction, env: ChangesEnv): ChangesKeyOutcome {
  const rows = env.rows ?? [];
  const indices = selectableIndices(rows);
  if (indices.length === 0) return { state, intent: NONE };
  const move = movement(action, env.height);
  const at = Math.max(0, indices.indexOf(state.cursor));
  const target = Number.isFinite(move.delta) ? clamp(at + move.delta, 0, indices.length - 1) : move.delta > 0 ? indices.length - 1 : 0;
  const cursor = indices[target]!;
  const wanted = move.scroll ? state.top + (cursor - state.cursor) : state.top;
  return { state: settleChanges({ ...state, cursor, top: visibleTop(wanted, cursor, env.height, rows.length) }, rows, env.height), intent: NONE };
}

function toggleFold(state: ChangesState, row: ChangeRow | undefined): ChangesKeyOutcome {
  if (!row || row.kind === 'heading' || row.kind === 'on-save') return { state, intent: NONE };
  const key = row.group.key;
  const unfolded = state.unfolded.includes(key) ? state.unfolded.filter((entry) => entry !== key) : [...state.unfolded, key];
  return { state: { ...state, unfolded }, intent: NONE };
}

function revert(state: ChangesState, row: ChangeRow | undefined): ChangesKeyOutcome {
  const keep = (intent: Intent): ChangesKeyOutcome => ({ state, intent });
  switch (row?.kind) {
    case 'own':
      return keep({ kind: 'revert', name: row.change.name, owner: null });
    case 'followed':
      return keep({ kind: 'revert', name: row.change.name, owner: ownerText(row.group) });
    case 'step':
      return keep(say(`r reverts one value at a time: move to one of "${row.group.label}", or u undoes the last step`, 'error'));
    case 'fold':
      return toggleFold(state, row);
    case 'on-save': {
      const { name, inFile, here } = row.difference;
      if (here === null) return keep(say(`${name} is not in this tree: saving leaves it out (nothing to revert)`, 'error'));
      return keep(say(`The file's ${name}=${inFile || '""'} does not hold here (e says why): saving writes ${here || '""'}`, 'error'));
    }
    default:
      return keep(NONE);
  }
}

function nameOf(row: ChangeRow | undefined): string | null {
  if (row?.kind === 'own' || row?.kind === 'followed') return row.change.name;
  if (row?.kind === 'on-save' && row.difference.here !== null) return row.difference.name;
  return null;
}

type Handler = (state: ChangesState, env: ChangesEnv, row: ChangeRow | undefined) => ChangesKeyOutcome;

const navigated =
  (action: NavigationAction): Handler =>
  (state, env) =>
    navigate(state, action, env);

const CHANGES_ACTIONS: Record<ActionIn<'changes'>, Handler> = {
  up: navigated('up'),
  down: navigated('down'),
  'page-up': navigated('page-up'),
  'page-down': navigated('page-down'),
  'half-up': navigated('half-up'),
  'half-down': navigated('half-down'),
  first: navigated('first'),
  last: navigated('last'),
  revert: (state, _env, row) => revert(state, row),
  show: (state, _env, row) => {
    if (row?.kind === 'fold' || row?.kind === 'step') return toggleFold(state, row);
    const name = nameOf(row);
    return { state, intent: name ? { kind: 'show-symbol', name } : NONE };
  },
  fold: (state, _env, row) => toggleFold(state, row),
  why: (state, env, row) => {
    const name = nameOf(row);
    const node = name ? env.nodeOf(name) : -1;
    return { state, intent: node >= 0 ? { kind: 'why', node } : NONE };
  },
  undo: (state) => ({ state, intent: { kind: 'undo' } }),
  redo: (state) => ({ state, intent: { kind: 'redo' } }),
  save: (state) => ({ state, intent: { kind: 'save' } }),
  quit: (state) => ({ state, intent: { kind: 'quit' } }),
  close: (state) => ({ state, intent: CLOSE }),
};

/** What a key does in the changes pane. */
export function changesKey(state: ChangesState, key: KeyEvent, env: ChangesEnv): ChangesKeyOutcome {
  const [action] = actionsFor(KEYMAP.changes, key);
  if (!action) return { state, intent: NONE };
  return CHANGES_ACTIONS[action](state, env, env.rows?.[state.cursor]);
}
