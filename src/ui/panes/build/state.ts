import type { LogIssue } from '../../../features/build/build-log.js';
import { adjacentIssue } from '../../../features/build/issue-navigation.js';
import type { KeyEvent } from '../../input/key-event.js';
import { isChar, isCtrl } from '../../input/key-match.js';
import { clamp, movement } from '../../shell/scroll.js';

/** The question before a build when the configuration has unsaved changes (the quit dialog's pattern). */
export type SaveAnswer = 'save' | 'as-is' | 'cancel';
export const SAVE_ANSWERS: readonly SaveAnswer[] = ['save', 'as-is', 'cancel'];

/** The question when the log is closed while make still runs. */
export type CloseAnswer = 'stop' | 'stay';
export const CLOSE_ANSWERS: readonly CloseAnswer[] = ['stop', 'stay'];

export type BuildStage =
  /** Nothing asked or started yet (the view is closed, or just opened). */
  | { kind: 'idle' }
  | { kind: 'ask-save'; choice: SaveAnswer }
  /** Saving was refused because the file changed on disk since it was loaded. */
  | { kind: 'ask-overwrite' }
  /** Saving, planning and spawning make. */
  | { kind: 'starting'; step: string }
  /** make could not be started (nothing to build, the log is not writable, the save failed, ...). */
  | { kind: 'not-started'; error: string }
  /** make runs or has ended: the log, the progress and at the end the summary. */
  | { kind: 'log' };

export interface BuildViewState {
  stage: BuildStage;
  /** First log line on screen (absolute line index); null follows the tail. */
  top: number | null;
  /** With the filter on: first warning or error on screen (index in the issue list); null follows the newest. */
  issueTop: number | null;
  /** Only warnings and errors are listed (w). */
  issuesOnly: boolean;
  /** Log line index of the highlighted warning or error (n/N, Enter). */
  selected: number | null;
  /** The highlighted warning or error is shown in full, with its source. */
  detail: boolean;
  /** Asking whether to stop the running build before closing. */
  closing: CloseAnswer | null;
  /** One Esc was pressed; a second closes. */
  escArmed: boolean;
}

/** What the keys need to know about the build: its size so far and its warnings and errors. */
export interface BuildViewEnv {
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

export type BuildCommand =
  | { kind: 'none' }
  | { kind: 'save-answer'; answer: SaveAnswer }
  | { kind: 'overwrite-answer'; overwrite: boolean }
  /** Stop make (a second one while it stops kills the group at once). */
  | { kind: 'cancel-build' }
  | { kind: 'close' }
  | { kind: 'stop-and-close' }
  /** Ctrl+C once the build has ended: quit tuxconf, as in the other views. */
  | { kind: 'quit' }
  | { kind: 'retry' }
  | { kind: 'message'; text: string; tone: 'info' | 'error' };

export interface BuildKeyOutcome {
  state: BuildViewState;
  command: BuildCommand;
}

const NONE: BuildCommand = { kind: 'none' };
/** Lines kept above a warning or error that n/N brings into view. */
const CONTEXT_ABOVE = 2;

export function initialBuildView(): BuildViewState {
  return { stage: { kind: 'idle' }, top: null, issueTop: null, issuesOnly: false, selected: null, detail: false, closing: null, escArmed: false };
}

/** A fresh log view for a build that starts now. */
export function logView(): BuildViewState {
  return { ...initialBuildView(), stage: { kind: 'log' } };
}

/** The last possible first line: the tail fills the screen. */
function lastTop(env: BuildViewEnv): number {
  return Math.max(env.firstHeld, env.total - env.rows);
}

/** The first log line on screen. */
export function logTop(state: BuildViewState, env: BuildViewEnv): number {
  return state.top === null ? lastTop(env) : clamp(state.top, env.firstHeld, lastTop(env));
}

/** The first listed warning or error on screen (filter on). */
export function issueTop(state: BuildViewState, env: BuildViewEnv): number {
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
export function selectedIssue(state: BuildViewState, env: Pick<BuildViewEnv, 'issues' | 'firstError'>): LogIssue | undefined {
  if (state.selected === null) return undefined;
  const at = issuePosition(env.issues, state.selected);
  if (at >= 0) return env.issues[at];
  return env.firstError?.index === state.selected ? env.firstError : undefined;
}

/** Scrolls by `delta` lines; scrolling up stops following the tail, G follows it again. */
function scroll(state: BuildViewState, delta: number, env: BuildViewEnv): BuildViewState {
  if (state.issuesOnly) {
    const current = issueTop(state, env);
    if (delta > 0 && state.issueTop === null) return state;
    return { ...state, issueTop: clamp(current + delta, 0, Math.max(0, env.issues.length - env.rows)) };
  }
  const current = logTop(state, env);
  if (delta > 0 && state.top === null) return state;
  return { ...state, top: clamp(current + delta, env.firstHeld, lastTop(env)) };
}

function toEdge(state: BuildViewState, edge: 'first' | 'last', env: BuildViewEnv): BuildViewState {
  if (state.issuesOnly) return { ...state, issueTop: edge === 'first' ? 0 : null };
  return { ...state, top: edge === 'first' ? env.firstHeld : null };
}

/** Navigation keys shared by the log and the filtered list (space pages down, as in less). */
function navigate(state: BuildViewState, key: KeyEvent, env: BuildViewEnv): BuildViewState | null {
  const page = Math.max(1, env.rows);
  if (isChar(key, ' ')) return scroll(state, page, env);
  const moved = movement(key, page);
  if (!moved) return null;
  if (moved.delta === -Infinity) return toEdge(state, 'first', env);
  if (moved.delta === Infinity) return toEdge(state, 'last', env);
  return scroll(state, moved.delta, env);
}

/** Brings the warning or error on log line `line` into view (in the log or the filtered list). */
export function reveal(state: BuildViewState, line: number, env: BuildViewEnv): BuildViewState {
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
function jump(state: BuildViewState, direction: 'next' | 'previous', env: BuildViewEnv): BuildKeyOutcome {
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
    return { state, command: { kind: 'message', text, tone: 'info' } };
  }
  const selected = { ...state, selected: target.index };
  const shown = reveal(selected, target.index, env);
  if (!state.issuesOnly && target.index < env.firstHeld) {
    return {
      state: shown,
      command: { kind: 'message', text: `Line ${target.index + 1} is only in the log file now; w lists the warnings and errors`, tone: 'info' },
    };
  }
  return { state: shown, command: NONE };
}

function toggleFilter(state: BuildViewState, env: BuildViewEnv): BuildViewState {
  const next: BuildViewState = { ...state, issuesOnly: !state.issuesOnly, issueTop: null };
  return state.selected === null ? next : reveal(next, state.selected, env);
}

/** Enter: the highlighted warning or error in full; with none highlighted, the first error. */
function openDetail(state: BuildViewState, env: BuildViewEnv): BuildKeyOutcome {
  const target = selectedIssue(state, env) ?? env.firstError ?? env.issues[0];
  if (!target) return { state, command: { kind: 'message', text: 'No warnings or errors to show', tone: 'info' } };
  const revealed = state.issuesOnly && issuePosition(env.issues, target.index) < 0 ? { ...state, issuesOnly: false } : state;
  return { state: { ...reveal({ ...revealed, selected: target.index }, target.index, env), detail: true }, command: NONE };
}

function choose<T>(choices: readonly T[], current: T, offset: number): T {
  const index = choices.indexOf(current);
  return choices[(index + offset + choices.length) % choices.length] as T;
}

function choiceOffset(key: KeyEvent): number {
  if (key.name === 'left' || key.name === 'up' || key.name === 'backtab' || isChar(key, 'h') || isChar(key, 'k')) return -1;
  if (key.name === 'right' || key.name === 'down' || key.name === 'tab' || isChar(key, 'l') || isChar(key, 'j')) return 1;
  return 0;
}

function saveQuestionKey(state: BuildViewState, choice: SaveAnswer, key: KeyEvent): BuildKeyOutcome {
  const offset = choiceOffset(key);
  if (offset !== 0) return { state: { ...state, stage: { kind: 'ask-save', choice: choose(SAVE_ANSWERS, choice, offset) } }, command: NONE };
  const answer = (value: SaveAnswer): BuildKeyOutcome => ({ state, command: { kind: 'save-answer', answer: value } });
  if (key.name === 'return') return answer(choice);
  if (isChar(key, 'y') || isChar(key, 's')) return answer('save');
  if (isChar(key, 'n') || isChar(key, 'b')) return answer('as-is');
  if (key.name === 'escape' || key.name === 'escape-escape' || isChar(key, 'c') || isChar(key, 'q') || isCtrl(key, 'c')) return answer('cancel');
  return { state, command: NONE };
}

function closeQuestionKey(state: BuildViewState, choice: CloseAnswer, key: KeyEvent): BuildKeyOutcome {
  const offset = choiceOffset(key);
  if (offset !== 0) return { state: { ...state, closing: choose(CLOSE_ANSWERS, choice, offset) }, command: NONE };
  if (isChar(key, 'y') || isChar(key, 's') || isCtrl(key, 'c') || (key.name === 'return' && choice === 'stop')) {
    return { state: { ...state, closing: null }, command: { kind: 'stop-and-close' } };
  }
  if (isChar(key, 'n') || isChar(key, 'q') || key.name === 'escape' || key.name === 'escape-escape' || key.name === 'return') {
    return { state: { ...state, closing: null }, command: NONE };
  }
  return { state, command: NONE };
}

/** q or Esc Esc: close, asking first while make runs. */
function requestClose(state: BuildViewState, env: BuildViewEnv): BuildKeyOutcome {
  if (env.running) return { state: { ...state, closing: 'stop', escArmed: false }, command: NONE };
  return { state: { ...state, escArmed: false }, command: { kind: 'close' } };
}

function logKey(state: BuildViewState, key: KeyEvent, env: BuildViewEnv): BuildKeyOutcome {
  if (state.closing) return closeQuestionKey(state, state.closing, key);
  if (isCtrl(key, 'c')) return { state, command: env.running ? { kind: 'cancel-build' } : { kind: 'quit' } };
  if (key.name === 'escape-escape' || isChar(key, 'q') || (key.name === 'escape' && state.escArmed && !state.detail)) {
    if (state.detail && key.name !== 'escape-escape') return { state: { ...state, detail: false }, command: NONE };
    return requestClose({ ...state, detail: false }, env);
  }
  if (state.detail) {
    if (key.name === 'escape' || key.name === 'return' || key.name === 'left' || isChar(key, 'h')) {
      return { state: { ...state, detail: false }, command: NONE };
    }
  } else if (key.name === 'escape') {
    return { state: { ...state, escArmed: true }, command: NONE };
  }
  if (isChar(key, 'c')) {
    return env.running ? { state, command: { kind: 'cancel-build' } } : { state, command: { kind: 'message', text: 'The build has ended', tone: 'info' } };
  }
  if (isChar(key, 'n')) return jump(state, 'next', env);
  if (isChar(key, 'N')) return jump(state, 'previous', env);
  if (state.detail) return { state, command: NONE };
  const moved = navigate(state, key, env);
  if (moved) return { state: moved, command: NONE };
  if (isChar(key, 'w')) return { state: toggleFilter(state, env), command: NONE };
  if (key.name === 'return') return openDetail(state, env);
  if (isChar(key, 'r') && !env.running) return { state, command: { kind: 'retry' } };
  return { state, command: NONE };
}

/** What a key does in the build view, as a pure function of the view's state and the build's. */
export function buildViewKey(state: BuildViewState, key: KeyEvent, env: BuildViewEnv): BuildKeyOutcome {
  const outcome = stageKey(state, key, env);
  // Any key but a first Esc disarms a pending Esc.
  if (outcome.state.escArmed && key.name !== 'escape') return { ...outcome, state: { ...outcome.state, escArmed: false } };
  return outcome;
}

function stageKey(state: BuildViewState, key: KeyEvent, env: BuildViewEnv): BuildKeyOutcome {
  const stage = state.stage;
  switch (stage.kind) {
    case 'idle':
    case 'starting':
      // Saving and spawning take a moment; the log view takes over when make runs.
      return { state, command: NONE };
    case 'ask-save':
      return saveQuestionKey(state, stage.choice, key);
    case 'ask-overwrite':
      if (isChar(key, 'y') || isChar(key, 'o')) return { state, command: { kind: 'overwrite-answer', overwrite: true } };
      if (key.name === 'escape' || key.name === 'escape-escape' || key.name === 'return' || isChar(key, 'n') || isChar(key, 'q') || isCtrl(key, 'c')) {
        return { state, command: { kind: 'overwrite-answer', overwrite: false } };
      }
      return { state, command: NONE };
    case 'not-started':
      if (isChar(key, 'r')) return { state, command: { kind: 'retry' } };
      if (key.name === 'escape' || key.name === 'escape-escape' || key.name === 'return' || isChar(key, 'q') || isCtrl(key, 'c')) {
        return { state, command: { kind: 'close' } };
      }
      return { state, command: NONE };
    case 'log':
      return logKey(state, key, env);
  }
}

/** Drops a stop-the-build question once make has ended by itself. */
export function settleBuildView(state: BuildViewState, running: boolean): BuildViewState {
  return state.closing && !running ? { ...state, closing: null } : state;
}

export interface BuildViewLayout {
  /** The progress (or result) line and the log file's path. */
  head: number;
  log: number;
  /** The result under the log once make has ended: a rule and its lines. */
  summary: number;
  /** A question under the log (stop the running build?). */
  sheet: number;
}

export const BUILD_HEAD_ROWS = 2;
export const BUILD_SHEET_ROWS = 5;
/** Result lines shown under the log at most (the first error, the boot image, the modules, ...). */
export const BUILD_SUMMARY_LINES = 5;

export function buildViewLayout(height: number, summaryLines: number, asking: boolean): BuildViewLayout {
  const sheet = asking ? BUILD_SHEET_ROWS : 0;
  const summary = sheet === 0 && summaryLines > 0 ? 1 + Math.min(summaryLines, BUILD_SUMMARY_LINES) : 0;
  return { head: BUILD_HEAD_ROWS, log: Math.max(1, height - BUILD_HEAD_ROWS - sheet - summary), summary, sheet };
}
