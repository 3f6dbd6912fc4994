import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { type Intent, NONE } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type KeymapMode } from '../../keymap.js';
import { COMMON_PANE_KEYS, keep } from '../../shell/pane-keys.js';
import { clamp, isNavigation, moveCursor, scrollPage, visibleTop } from '../../shell/scroll.js';
import type { ChecksRow } from './rows.js';

export interface ChecksPaneState {
  /** Index (in the rows) of the highlighted profile or entry. */
  cursor: number;
  top: number;
  /** The list of profiles and entries, or the fix planned for one profile (a diff). */
  page: 'list' | 'plan';
  planTop: number;
}

export interface ChecksPaneEnv {
  /** null until the profiles are read. */
  rows: readonly ChecksRow[] | null;
  listHeight: number;
  planLines: number;
  planHeight: number;
  /** The plan page shows a plan with changes, made on the values the config has now. */
  planApplicable: boolean;
}

/** What the pane's keys ask for: work of the checks pane (run by its hook), or an intent for the App. */
export type ChecksIntent =
  | Intent
  /** Plan the fix of one profile's unmet required entries (and recommended ones). */
  | { kind: 'plan'; profile: number; recommended: boolean }
  /** Apply the plan the plan page shows, as one undoable step. */
  | { kind: 'apply-plan' }
  | { kind: 'reload' };

export interface ChecksKeyOutcome {
  state: ChecksPaneState;
  intent: ChecksIntent;
}

export function initialChecksPane(): ChecksPaneState {
  return { cursor: 0, top: 0, page: 'list', planTop: 0 };
}

export interface ChecksPaneLayout {
  /** The line above the list: how many profiles are met. */
  header: number;
  list: number;
  /** The highlighted entry's reason, state and why it is off (0: no room). */
  detail: number;
}

export function checksPaneLayout(height: number): ChecksPaneLayout {
  const detail = height >= 14 ? 6 : 0;
  return { header: 1, list: Math.max(1, height - 1 - detail), detail };
}

/** The keymap table of the pane's mode. */
export function checksMode(state: ChecksPaneState, planApplicable: boolean): KeymapMode {
  if (state.page === 'list') return 'checks.list';
  return planApplicable ? 'checks.plan' : 'checks.outcome';
}

type Handler = (state: ChecksPaneState, env: ChecksPaneEnv) => ChecksKeyOutcome;

const COMMON = COMMON_PANE_KEYS satisfies Record<string, Handler>;

/** f (required) or R (required and recommended) on a profile or one of its entries: that profile's fix, planned. */
function plan(recommended: boolean): Handler {
  return (state, env) => {
    const row = env.rows?.[state.cursor];
    if (!row || row.kind === 'note') return { state, intent: NONE };
    return { state: { ...state, page: 'plan', planTop: 0 }, intent: { kind: 'plan', profile: row.profile, recommended } };
  };
}

type ListAction = Exclude<ActionIn<'checks.list'>, 'up' | 'down' | 'page-up' | 'page-down' | 'half-up' | 'half-down' | 'first' | 'last'>;

const LIST_ACTIONS: Record<ListAction, Handler> = {
  ...COMMON,
  reload: keep({ kind: 'reload' }),
  fix: plan(false),
  'fix-recommended': plan(true),
  show: (state, env) => {
    const row = env.rows?.[state.cursor];
    const symbol = row?.kind === 'entry' ? row.status.symbols.at(-1) : undefined;
    return { state, intent: symbol ? { kind: 'show-symbol', name: symbol } : NONE };
  },
};

function listKey(state: ChecksPaneState, key: KeyEvent, env: ChecksPaneEnv): ChecksKeyOutcome {
  const [action] = actionsFor(KEYMAP['checks.list'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) {
    if (!env.rows) return { state, intent: NONE };
    return { state: { ...state, ...moveCursor(state, action, env.rows.length, env.listHeight) }, intent: NONE };
  }
  return LIST_ACTIONS[action](state, env);
}

function planKey(state: ChecksPaneState, key: KeyEvent, env: ChecksPaneEnv): ChecksKeyOutcome {
  const [action] = actionsFor(KEYMAP['checks.plan'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) return { state: { ...state, planTop: scrollPage(state.planTop, action, env.planLines, env.planHeight) }, intent: NONE };
  if (action === 'list') return { state: { ...state, page: 'list' }, intent: NONE };
  if (action === 'apply') return env.planApplicable ? { state: { ...state, page: 'list' }, intent: { kind: 'apply-plan' } } : { state, intent: NONE };
  return COMMON[action](state, env);
}

/** What a key does in the checks pane. */
export function checksPaneKey(state: ChecksPaneState, key: KeyEvent, env: ChecksPaneEnv): ChecksKeyOutcome {
  return state.page === 'plan' ? planKey(state, key, env) : listKey(state, key, env);
}

/** Keeps the cursor on a row and on screen after the rows changed (read again, a profile met). */
export function settleChecksPane(state: ChecksPaneState, rows: readonly ChecksRow[] | null, height: number): ChecksPaneState {
  if (!rows) return state;
  const cursor = clamp(state.cursor, 0, Math.max(0, rows.length - 1));
  const top = visibleTop(state.top, cursor, height, rows.length);
  return cursor === state.cursor && top === state.top ? state : { ...state, cursor, top };
}
