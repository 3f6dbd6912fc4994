import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { type Intent, NONE } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type KeymapMode } from '../../keymap.js';
import { editField, type TextField, textField } from '../../text/text-field.js';
import { type BuildPaneEnv, logKey } from './log-state.js';

/** The question before a build when the configuration has unsaved changes (the quit dialog's pattern). */
export type SaveAnswer = 'save' | 'as-is' | 'cancel';
export const SAVE_ANSWERS: readonly SaveAnswer[] = ['save', 'as-is', 'cancel'];

/** The question when the log is closed while make still runs. */
export type CloseAnswer = 'stop' | 'stay';
export const CLOSE_ANSWERS: readonly CloseAnswer[] = ['stop', 'stay'];

/** What B asks before anything runs: make's targets (and options), and -j. */
export interface BuildForm {
  target: TextField;
  jobs: TextField;
  focus: 'target' | 'jobs';
  error: string | null;
}

/** What a build asks make for: the targets and options (none: make's default goal), and -j (null: the default). */
export interface BuildRequestChoice {
  makeArgs: string[];
  jobs: number | null;
}

export type BuildStage =
  /** Nothing asked or started yet (the pane is closed, or just opened). */
  | { kind: 'idle' }
  /** The target and -j, before anything is saved or run. */
  | { kind: 'form'; form: BuildForm }
  | { kind: 'ask-save'; choice: SaveAnswer }
  /** Saving was refused because the file changed on disk since it was loaded. */
  | { kind: 'ask-overwrite' }
  /** Planning, saving and spawning make. */
  | { kind: 'starting'; step: string }
  /** make could not be started (nothing to build, the log is not writable, the save failed, ...). */
  | { kind: 'not-started'; error: string }
  /** make runs or has ended: the log, the progress and at the end the summary. */
  | { kind: 'log' };

export interface BuildPaneState {
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

/** What the build pane's keys ask for: its own work (run by its hook), or an intent for the App. */
export type BuildIntent =
  | Intent
  /** The form was answered: plan the build, then save (asking first) and run it. */
  | { kind: 'plan'; choice: BuildRequestChoice }
  | { kind: 'save-answer'; answer: SaveAnswer }
  | { kind: 'overwrite-answer'; overwrite: boolean }
  /** Stop make (a second one while it stops kills the group at once). */
  | { kind: 'cancel-build' }
  /** Close the pane (after the build ended, or before it started). */
  | { kind: 'close-pane' }
  | { kind: 'stop-and-close' }
  /** The same build again. */
  | { kind: 'retry' };

export interface BuildKeyOutcome {
  state: BuildPaneState;
  intent: BuildIntent;
}

export function initialBuildPane(): BuildPaneState {
  return { stage: { kind: 'idle' }, top: null, issueTop: null, issuesOnly: false, selected: null, detail: false, closing: null, escArmed: false };
}

/** A fresh log for a build that starts now. */
export function logPane(): BuildPaneState {
  return { ...initialBuildPane(), stage: { kind: 'log' } };
}

/** The form, filled in with what to build: `bzImage modules` and `8`. */
export function buildForm(choice: BuildRequestChoice): BuildForm {
  return { target: textField(choice.makeArgs.join(' ')), jobs: textField(choice.jobs === null ? '' : String(choice.jobs)), focus: 'target', error: null };
}

/** The form's answer, or what is wrong with it. */
export function formChoice(form: BuildForm): BuildRequestChoice | string {
  const jobs = form.jobs.text.trim();
  if (jobs !== '' && !/^[1-9][0-9]{0,3}$/.test(jobs)) return '-j needs a whole number from 1 (or nothing for the default)';
  return { makeArgs: form.target.text.split(/\s+/).filter(Boolean), jobs: jobs === '' ? null : Number(jobs) };
}

/** The keymap table of what is on screen. */
export function buildMode(state: BuildPaneState, running: boolean): KeymapMode {
  const stage = state.stage.kind;
  if (stage === 'idle' || stage === 'starting') return 'build.starting';
  if (stage !== 'log') return `build.${stage}`;
  if (state.closing) return 'build.stop-question';
  if (state.detail) return 'build.detail';
  return running ? 'build.running' : 'build.ended';
}

function choose<T>(choices: readonly T[], current: T, offset: number): T {
  const index = choices.indexOf(current);
  return choices[(index + offset + choices.length) % choices.length] as T;
}

function formKey(state: BuildPaneState, form: BuildForm, key: KeyEvent): BuildKeyOutcome {
  const withForm = (next: BuildForm): BuildKeyOutcome => ({ state: { ...state, stage: { kind: 'form', form: next } }, intent: NONE });
  const [action] = actionsFor(KEYMAP['build.form'], key);
  if (action === 'cancel') return { state, intent: { kind: 'close-pane' } };
  if (action === 'next-field') return withForm({ ...form, focus: form.focus === 'target' ? 'jobs' : 'target' });
  if (action === 'start') {
    const choice = formChoice(form);
    return typeof choice === 'string' ? withForm({ ...form, focus: 'jobs', error: choice }) : { state, intent: { kind: 'plan', choice } };
  }
  const field = editField(form[form.focus], key);
  return field ? withForm({ ...form, [form.focus]: field, error: null }) : { state, intent: NONE };
}

function saveQuestionKey(state: BuildPaneState, choice: SaveAnswer, key: KeyEvent): BuildKeyOutcome {
  const answer = (value: SaveAnswer): BuildKeyOutcome => ({ state, intent: { kind: 'save-answer', answer: value } });
  const picked = (offset: number): BuildKeyOutcome => ({
    state: { ...state, stage: { kind: 'ask-save', choice: choose(SAVE_ANSWERS, choice, offset) } },
    intent: NONE,
  });
  const actions: Record<ActionIn<'build.ask-save'>, () => BuildKeyOutcome> = {
    previous: () => picked(-1),
    next: () => picked(1),
    answer: () => answer(choice),
    save: () => answer('save'),
    'as-is': () => answer('as-is'),
    cancel: () => answer('cancel'),
  };
  const [action] = actionsFor(KEYMAP['build.ask-save'], key);
  return action ? actions[action]() : { state, intent: NONE };
}

function stopQuestionKey(state: BuildPaneState, choice: CloseAnswer, key: KeyEvent): BuildKeyOutcome {
  const stop = (): BuildKeyOutcome => ({ state: { ...state, closing: null }, intent: { kind: 'stop-and-close' } });
  const stay = (): BuildKeyOutcome => ({ state: { ...state, closing: null }, intent: NONE });
  const actions: Record<ActionIn<'build.stop-question'>, () => BuildKeyOutcome> = {
    previous: () => ({ state: { ...state, closing: choose(CLOSE_ANSWERS, choice, -1) }, intent: NONE }),
    next: () => ({ state: { ...state, closing: choose(CLOSE_ANSWERS, choice, 1) }, intent: NONE }),
    stop,
    answer: () => (choice === 'stop' ? stop() : stay()),
    keep: stay,
  };
  const [action] = actionsFor(KEYMAP['build.stop-question'], key);
  return action ? actions[action]() : { state, intent: NONE };
}

function stageKey(state: BuildPaneState, key: KeyEvent, env: BuildPaneEnv): BuildKeyOutcome {
  const stage = state.stage;
  switch (stage.kind) {
    case 'idle':
    case 'starting':
      // Planning, saving and spawning take a moment; the log takes over when make runs.
      return { state, intent: NONE };
    case 'form':
      return formKey(state, stage.form, key);
    case 'ask-save':
      return saveQuestionKey(state, stage.choice, key);
    case 'ask-overwrite': {
      const [action] = actionsFor(KEYMAP['build.ask-overwrite'], key);
      return action ? { state, intent: { kind: 'overwrite-answer', overwrite: action === 'overwrite' } } : { state, intent: NONE };
    }
    case 'not-started': {
      const [action] = actionsFor(KEYMAP['build.not-started'], key);
      return { state, intent: action === 'retry' ? { kind: 'retry' } : action === 'close' ? { kind: 'close-pane' } : NONE };
    }
    case 'log':
      return state.closing ? stopQuestionKey(state, state.closing, key) : logKey(state, key, env);
  }
}

/** What a key does in the build pane, as a pure function of the pane's state and the build's. */
export function buildPaneKey(state: BuildPaneState, key: KeyEvent, env: BuildPaneEnv): BuildKeyOutcome {
  const outcome = stageKey(state, key, env);
  // Any key but a first Esc disarms a pending Esc.
  if (outcome.state.escArmed && key.name !== 'escape') return { ...outcome, state: { ...outcome.state, escArmed: false } };
  return outcome;
}

/** Drops a stop-the-build question once make has ended by itself. */
export function settleBuildPane(state: BuildPaneState, running: boolean): BuildPaneState {
  return state.closing && !running ? { ...state, closing: null } : state;
}

export interface BuildPaneLayout {
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

export function buildPaneLayout(height: number, summaryLines: number, asking: boolean): BuildPaneLayout {
  const sheet = asking ? BUILD_SHEET_ROWS : 0;
  const summary = sheet === 0 && summaryLines > 0 ? 1 + Math.min(summaryLines, BUILD_SUMMARY_LINES) : 0;
  return { head: BUILD_HEAD_ROWS, log: Math.max(1, height - BUILD_HEAD_ROWS - sheet - summary), summary, sheet };
}
