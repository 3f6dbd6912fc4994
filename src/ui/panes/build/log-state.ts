import type { LogIssue } from '../../../features/build/build-log.js';
import { adjacentIssue } from '../../../features/build/issue-navigation.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type NavigationAction } from '../../keymap.js';
import { clamp, isNavigation, movement } from '../../shell/scroll.js';
import type { BuildIntent, BuildKeyOutcome, BuildPaneState } from './state.js';

/** What the log's keys need to know about the build: its size so far and its warnings and errors. */
export interface BuildPaneEnv {
  /** make is still running (also while a cancel waits for it). */
  running: boolean;
  /** Lines printed so far. */
  total: number;
  /** The oldest line still held for scrolling back (older ones are only in the log file). */
  firstHeld: number;
  issues: readonly LogIssue[];
  /** Log lines (or listed warnings and errors) on screen. */
  rows: number;
  firstError: LogIssue | undefined;
}

/** Lines kept above a warning or error that n/N brings into view. */
const CONTEXT_ABOVE = 2;

/** The last possible first line: the tail fills the screen. */
function lastTop(env: BuildPaneEnv): number {
  return Math.max(env.firstHeld, env.total - env.rows);
}

/** The first log line on screen. */
export function logTop(state: BuildPaneState, env: BuildPaneEnv): number {
  return state.top === null ? lastTop(env) : clamp(state.top, env.firstHeld, lastTop(env));
}

/** The first listed warning or error on screen (filter on). */
export function issueTop(state: BuildPaneState, env: BuildPaneEnv): number {
  const last = Math.max(0, env.issues.length - env.rows);
  return state.issueTop === null ? last : clamp(state.issueTop, 0, last);
}

/** The issue list's position of the warning or error on log line `line`, or -1. */
export function issuePosition(issues: readonly LogIssue[], line: number): number {
  let low = 0;
  let high = issues.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((issues[middle] as LogIssue).index < line) low = middle + 1;
    else high = middle;
  }
  return issues[low]?.index === line ? low : -1;
}

/** The highlighted warning or error (the first error may be make's own failure line, which is not listed). */
export function selectedIssue(state: BuildPaneState, env: Pick<BuildPaneEnv, 'issues' | 'firstError'>): LogIssue | undefined {
  if (state.selected === null) return undefined;
  const at = issuePosition(env.issues, state.selected);
  if (at >= 0) return env.issues[at];
  return env.firstError?.index === state.selected ? env.firstError : undefined;
}

/** Scrolls by `delta` lines; scrolling up stops following the tail, G follows it again. */
function scroll(state: BuildPaneState, delta: number, env: BuildPaneEnv): BuildPaneState {
  if (state.issuesOnly) {
    const current = issueTop(state, env);
    if (delta > 0 && state.issueTop === null) return state;
    return { ...state, issueTop: clamp(current + delta, 0, Math.max(0, env.issues.length - env.rows)) };
  }
  const current = logTop(state, env);
  if (delta > 0 && state.top === null) return state;
  return { ...state, top: clamp(current + delta, env.firstHeld, lastTop(env)) };
}

function toEdge(state: BuildPaneState, edge: 'first' | 'last', env: BuildPaneEnv): BuildPaneState {
  if (state.issuesOnly) return { ...state, issueTop: edge === 'first' ? 0 : null };
  return { ...state, top: edge === 'first' ? env.firstHeld : null };
}

/** Brings the warning or error on log line `line` into view (in the log or the filtered list). */
export function reveal(state: BuildPaneState, line: number, env: BuildPaneEnv): BuildPaneState {
  if (state.issuesOnly) {
    const at = issuePosition(env.issues, line);
    if (at < 0) return state;
    const top = issueTop(state, env);
    if (at >= top && at < top + env.rows) return state;
    return { ...state, issueTop: clamp(at - CONTEXT_ABOVE, 0, Math.max(0, env.issues.length - env.rows)) };
  }
  const top = logTop(state, env);
  if (line >= top && line < top + env.rows) return state;
  return { ...state, top: clamp(line - CONTEXT_ABOVE, env.firstHeld, lastTop(env)) };
}

/** n / N: the next or previous warning or error after the highlighted one (or the screen's edge). */
function jump(state: BuildPaneState, direction: 'next' | 'previous', env: BuildPaneEnv): BuildKeyOutcome {
  const issues = env.issues;
  let target: LogIssue | undefined;
  if (state.issuesOnly) {
    const at = state.selected === null ? -1 : issuePosition(issues, state.selected);
    const top = issueTop(state, env);
    const from = at >= 0 ? at : direction === 'next' ? top - 1 : Math.min(issues.length, top + env.rows);
    target = issues[from + (direction === 'next' ? 1 : -1)];
  } else {
    const top = logTop(state, env);
    const from = state.selected ?? (direction === 'next' ? top - 1 : top + env.rows);
    target = adjacentIssue(issues, from, direction);
  }
  if (!target) {
    const where = direction === 'next' ? 'below' : 'above';
    const text = issues.length === 0 ? 'No warnings or errors so far' : `No more warnings or errors ${where}`;
    return { state, intent: say(text) };
  }
  const selected = { ...state, selected: target.index };
  const shown = reveal(selected, target.index, env);
  if (!state.issuesOnly && target.index < env.firstHeld) {
    return {
      state: shown,
      intent: say(`Line ${target.index + 1} is only in the log file now; w lists the warnings and errors`),
    };
  }
  return { state: shown, intent: NONE };
}

function toggleFilter(state: BuildPaneState, env: BuildPaneEnv): BuildPaneState {
  const next: BuildPaneState = { ...state, issuesOnly: !state.issuesOnly, issueTop: null };
  return state.selected === null ? next : reveal(next, state.selected, env);
}

/** Enter: the highlighted warning or error in full; with none highlighted, the first error. */
function openDetail(state: BuildPaneState, env: BuildPaneEnv): BuildKeyOutcome {
  const target = selectedIssue(state, env) ?? env.firstError ?? env.issues[0];
  if (!target) return { state, intent: say('No warnings or errors to show') };
  const revealed = state.issuesOnly && issuePosition(env.issues, target.index) < 0 ? { ...state, issuesOnly: false } : state;
  return { state: { ...reveal({ ...revealed, selected: target.index }, target.index, env), detail: true }, intent: NONE };
}

/** The navigation keys in the log and the filtered list (space pages down, as in less). */
function navigate(state: BuildPaneState, action: NavigationAction, env: BuildPaneEnv): BuildPaneState {
  const move = movement(action, Math.max(1, env.rows));
  if (move.delta === -Infinity) return toEdge(state, 'first', env);
  if (move.delta === Infinity) return toEdge(state, 'last', env);
  return scroll(state, move.delta, env);
}

/** q or Esc Esc: close, asking first while make runs. */
function requestClose(state: BuildPaneState, env: BuildPaneEnv): BuildKeyOutcome {
  if (env.running) return { state: { ...state, closing: 'stop', detail: false, escArmed: false }, intent: NONE };
  return { state: { ...state, detail: false, escArmed: false }, intent: { kind: 'close-pane' } };
}

type LogHandler = (state: BuildPaneState, env: BuildPaneEnv) => BuildKeyOutcome;
const keep =
  (intent: BuildIntent): LogHandler =>
  (state) => ({ state, intent });

/** Keys the log and a warning or error shown in full share. */
const SHARED = {
  interrupt: (state: BuildPaneState, env: BuildPaneEnv) => ({ state, intent: env.running ? ({ kind: 'cancel-build' } as const) : ({ kind: 'quit' } as const) }),
  close: requestClose,
  cancel: (state: BuildPaneState, env: BuildPaneEnv) => ({ state, intent: env.running ? ({ kind: 'cancel-build' } as const) : say('The build has ended') }),
  next: (state: BuildPaneState, env: BuildPaneEnv) => jump(state, 'next', env),
  previous: (state: BuildPaneState, env: BuildPaneEnv) => jump(state, 'previous', env),
} satisfies Record<string, LogHandler>;

type LogAction = Exclude<ActionIn<'build.running'>, NavigationAction>;

const LOG_ACTIONS: Record<LogAction, LogHandler> = {
  ...SHARED,
  back: requestClose,
  escape: (state, env) => (state.escArmed ? requestClose(state, env) : { state: { ...state, escArmed: true }, intent: NONE }),
  filter: (state, env) => ({ state: toggleFilter(state, env), intent: NONE }),
  show: openDetail,
  retry: (state, env) => (env.running ? { state, intent: NONE } : keep({ kind: 'retry' })(state, env)),
};

const DETAIL_ACTIONS: Record<ActionIn<'build.detail'>, LogHandler> = {
  ...SHARED,
  back: (state) => ({ state: { ...state, detail: false }, intent: NONE }),
};

/** What a key does in the log (or in a warning or error shown in full). */
export function logKey(state: BuildPaneState, key: KeyEvent, env: BuildPaneEnv): BuildKeyOutcome {
  if (state.detail) {
    const [action] = actionsFor(KEYMAP['build.detail'], key);
    return action ? DETAIL_ACTIONS[action](state, env) : { state, intent: NONE };
  }
  const [action] = actionsFor(env.running ? KEYMAP['build.running'] : KEYMAP['build.ended'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) return { state: navigate(state, action, env), intent: NONE };
  return LOG_ACTIONS[action](state, env);
}
