import { acceptDefault, acceptMenuDefaults, decideLost, type LostEntry, noteChanged, startReview } from '../../../features/upgrade/index.js';
import type { Tristate } from '../../../model/types.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE, say, ui } from '../../intents/intent.js';
import { type ActionIn, KEYMAP } from '../../keymap.js';
import { clamp, isNavigation, moveCursor, visibleTop } from '../../shell/scroll.js';
import type { ReviewMarks, ReviewRow } from './rows.js';

export interface UpgradePaneState {
  cursor: number;
  top: number;
  marks: ReviewMarks;
}

export interface UpgradePaneEnv {
  /** null until the report is there. */
  rows: readonly ReviewRow[] | null;
  perPage: number;
  /** The menu node of a symbol, or -1. */
  nodeOf(name: string): number;
}

/** Engine work a key asks for: fix one lost entry (through the successor shown), or every one that can be fixed. */
/** `protect`: the new options the user set in the review; a fix changes them only when nothing else works. */
export type UpgradeWork =
  { kind: 'fix'; entry: LostEntry; successor: string | undefined; protect: string[] } | { kind: 'fix-all'; entries: LostEntry[]; protect: string[] };

export interface UpgradeKeyOutcome {
  state: UpgradePaneState;
  intent: Intent;
  work?: UpgradeWork;
}

export function initialUpgradePane(): UpgradePaneState {
  return { cursor: 0, top: 0, marks: { review: startReview(), successors: {}, blocked: {} } };
}

export function upgradePaneLayout(height: number): { header: number; list: number; detail: number } {
  const header = 1;
  const detail = height >= 14 ? 7 : 0;
  return { header, list: Math.max(1, height - header - detail), detail };
}

/** Whether a row still asks for a decision: an open or blocked lost entry, a new option not decided. */
export function undecided(row: ReviewRow): boolean {
  if (row.kind === 'lost') return row.status === 'open' || row.status === 'blocked';
  return row.kind === 'new' && row.decided === null;
}

/** The next row after `from` that asks for a decision (and `also` accepts), as oldconfig goes on to the next question. */
function nextOpen(rows: readonly ReviewRow[], from: number, also: (row: ReviewRow) => boolean = () => true): number {
  for (let index = from + 1; index < rows.length; index++) if (undecided(rows[index]!) && also(rows[index]!)) return index;
  return -1;
}

/** The first row that asks for a decision (where the review starts), else the first item. */
export function firstOpen(rows: readonly ReviewRow[]): number {
  const open = nextOpen(rows, -1);
  return open >= 0
    ? open
    : Math.max(
        0,
        rows.findIndex((row) => row.kind !== 'heading'),
      );
}

function moveTo(state: UpgradePaneState, cursor: number, env: UpgradePaneEnv): UpgradePaneState {
  const count = env.rows?.length ?? 0;
  if (cursor < 0 || count === 0) return state;
  const at = clamp(cursor, 0, count - 1);
  return { ...state, cursor: at, top: visibleTop(state.top, at, env.perPage, count) };
}

/** A decision on the row under the cursor, then on to the next open one. */
function decided(state: UpgradePaneState, marks: ReviewMarks, env: UpgradePaneEnv, also?: (row: ReviewRow) => boolean): UpgradeKeyOutcome {
  const next = nextOpen(env.rows ?? [], state.cursor, also);
  return { state: moveTo({ ...state, marks }, next, env), intent: NONE };
}

type Handler = (state: UpgradePaneState, row: ReviewRow | undefined, env: UpgradePaneEnv) => UpgradeKeyOutcome;

const keep =
  (intent: Intent): Handler =>
  (state) => ({ state, intent });

function fix(state: UpgradePaneState, row: ReviewRow | undefined): UpgradeKeyOutcome {
  if (row?.kind !== 'lost') return { state, intent: say('f fixes a lost value; new options keep their default (Enter) or take y, m, n') };
  if (row.status === 'holds') return { state, intent: say(`CONFIG_${row.entry.name} holds already`) };
  return { state, intent: NONE, work: { kind: 'fix', entry: row.entry, successor: row.successor, protect: setInReview(state) } };
}

function setNew(value: Tristate): Handler {
  return (state, row, env) => {
    if (row?.kind !== 'new') return { state, intent: say('y, m and n set new options; f fixes a lost value, a accepts it') };
    const marks = { ...state.marks, review: noteChanged(state.marks.review, row.entry.name) };
    return { ...decided(state, marks, env), intent: { kind: 'set', node: row.entry.node, value } };
  };
}

function accept(state: UpgradePaneState, row: ReviewRow | undefined, env: UpgradePaneEnv): UpgradeKeyOutcome {
  if (row?.kind === 'lost') return decided(state, { ...state.marks, review: decideLost(state.marks.review, row.entry.name, 'accepted') }, env);
  if (row?.kind === 'new') return decided(state, { ...state.marks, review: acceptDefault(state.marks.review, row.entry.name) }, env);
  return { state, intent: NONE };
}

function setInReview(state: UpgradePaneState): string[] {
  return [...state.marks.review.newDecided].flatMap(([name, decision]) => (decision === 'changed' ? [name] : []));
}

function openLost(rows: readonly ReviewRow[]): LostEntry[] {
  return rows.flatMap((row) => (row.kind === 'lost' && undecided(row) ? [row.entry] : []));
}

/** A: on a new option, the defaults of its whole menu; on a lost value, every lost value still open is accepted as this tree has it. */
function acceptAll(state: UpgradePaneState, row: ReviewRow | undefined, env: UpgradePaneEnv): UpgradeKeyOutcome {
  if (row?.kind === 'new') {
    const marks = { ...state.marks, review: acceptMenuDefaults(state.marks.review, row.group) };
    return decided(state, marks, env, (next) => next.kind !== 'new' || next.group !== row.group);
  }
  if (row?.kind !== 'lost') return { state, intent: NONE };
  let review = state.marks.review;
  for (const entry of openLost(env.rows ?? [])) review = decideLost(review, entry.name, 'accepted');
  return decided(state, { ...state.marks, review }, env, (next) => next.kind !== 'lost');
}

function nextSuccessor(state: UpgradePaneState, row: ReviewRow | undefined): UpgradeKeyOutcome {
  if (row?.kind !== 'lost' || row.entry.successors.length < 2) return { state, intent: NONE };
  const names = row.entry.successors.map((successor) => successor.name);
  const next = names[(names.indexOf(row.successor ?? '') + 1) % names.length]!;
  const blocked = { ...state.marks.blocked };
  delete blocked[row.entry.name];
  return { state: { ...state, marks: { ...state.marks, successors: { ...state.marks.successors, [row.entry.name]: next }, blocked } }, intent: NONE };
}

/** The menu node of the row's symbol for help, why and show; a removed symbol has none. */
function onNode(intent: (node: number) => Intent): Handler {
  return (state, row, env) => {
    if (!row || row.kind === 'heading') return { state, intent: NONE };
    const name = row.kind === 'changed' ? row.change.name : row.entry.name;
    const node = row.kind === 'new' ? row.entry.node : env.nodeOf(name);
    return { state, intent: node >= 0 ? intent(node) : say(`CONFIG_${name} has no entry in this tree`, 'error') };
  };
}

type Action = Exclude<ActionIn<'upgrade'>, 'up' | 'down' | 'page-up' | 'page-down' | 'half-up' | 'half-down' | 'first' | 'last'>;

const ACTIONS: Record<Action, Handler> = {
  quit: keep({ kind: 'quit' }),
  close: keep(CLOSE),
  undo: keep({ kind: 'undo' }),
  redo: keep({ kind: 'redo' }),
  save: keep({ kind: 'save' }),
  enter: (state, row, env) => (row?.kind === 'lost' ? fix(state, row) : accept(state, row, env)),
  fix: (state, row) => fix(state, row),
  // Every lost value still open (not accepted, not holding): one plan, one step.
  'fix-all': (state, _row, env) => ({ state, intent: NONE, work: { kind: 'fix-all', entries: openLost(env.rows ?? []), protect: setInReview(state) } }),
  accept,
  'accept-all': acceptAll,
  successor: (state, row) => nextSuccessor(state, row),
  'set-y': setNew('y'),
  'set-m': setNew('m'),
  'set-n': setNew('n'),
  help: onNode((node) => ({ kind: 'help', node })),
  why: onNode((node) => ({ kind: 'why', node })),
  show: onNode((node) => ui({ type: 'jump', node })),
};

/** A cursor that landed on a heading goes on in the direction it moved (back the other way at an end). */
function offHeading(state: UpgradePaneState, from: number, env: UpgradePaneEnv): UpgradePaneState {
  const rows = env.rows ?? [];
  if (rows[state.cursor]?.kind !== 'heading') return state;
  const step = state.cursor >= from ? 1 : -1;
  for (const direction of [step, -step]) {
    for (let index = state.cursor + direction; index >= 0 && index < rows.length; index += direction)
      if (rows[index]!.kind !== 'heading') return moveTo(state, index, env);
  }
  return state;
}

/** What a key does in the upgrade review. */
export function upgradePaneKey(state: UpgradePaneState, key: KeyEvent, env: UpgradePaneEnv): UpgradeKeyOutcome {
  const [action] = actionsFor(KEYMAP.upgrade, key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action))
    return { state: offHeading({ ...state, ...moveCursor(state, action, env.rows?.length ?? 0, env.perPage) }, state.cursor, env), intent: NONE };
  if (!env.rows && action !== 'close' && action !== 'quit') return { state, intent: NONE };
  return ACTIONS[action](state, env.rows?.[state.cursor], env);
}

/** Keeps the cursor on the list after the rows changed. */
export function settleUpgradePane(state: UpgradePaneState, count: number, perPage: number): UpgradePaneState {
  const cursor = clamp(state.cursor, 0, Math.max(0, count - 1));
  const top = visibleTop(state.top, cursor, perPage, count);
  return cursor === state.cursor && top === state.top ? state : { ...state, cursor, top };
}
