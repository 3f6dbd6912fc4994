import type { ExportFormat } from '../../../features/presets/index.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { Intent } from '../menu/state.js';
import { nearestPreset, presetIndices, type PresetRow } from './rows.js';
import { editField, textField, type TextField } from '../../text/text-field.js';
import { visibleTop } from '../../shell/ui-reducer.js';
import { isChar, isCtrl } from '../../input/key-match.js';
import { movement, clamp } from '../../shell/scroll.js';

export type CreateBase = 'loaded' | 'defconfig';
export type CreateFocus = 'name' | 'format' | 'against';

/** The name prompt of "save the current changes as a new preset". */
export interface CreateForm {
  field: TextField;
  focus: CreateFocus;
  format: ExportFormat;
  against: CreateBase;
  error: string | null;
  /** The file name the user was told exists: Enter again overwrites it. */
  confirmOverwrite: string | null;
}

export interface PresetsPaneState {
  /** Index (in the rows) of the highlighted preset. */
  cursor: number;
  top: number;
  /** Keys of the marked presets, in the order they were marked: the order they apply in. */
  marked: readonly string[];
  /** The list, or the preview (or the outcome of an apply) of the chosen presets. */
  view: 'list' | 'outcome';
  outcomeTop: number;
  create: CreateForm | null;
}

export interface PresetsPaneEnv {
  /** null until the presets are read. */
  rows: readonly PresetRow[] | null;
  listHeight: number;
  outcomeLines: number;
  outcomeHeight: number;
  /** The outcome page shows a preview that Enter or `a` can apply. */
  outcomeApplicable: boolean;
  /** The name of the defconfig a new preset can be saved against, if this tree has one. */
  defconfig: string | null;
}

/** What the pane asks its hook for: engine work, or an intent for the App's controller. */
export type PresetsCommand =
  | { kind: 'none' }
  | { kind: 'intent'; intent: Intent }
  | { kind: 'preview'; keys: string[] }
  | { kind: 'apply'; keys: string[] }
  /** Apply what the outcome page previews. */
  | { kind: 'apply-previewed' }
  | { kind: 'unapply'; key: string }
  | { kind: 'create'; name: string; format: ExportFormat; against: CreateBase; overwrite: boolean }
  | { kind: 'reload' };

export interface PresetsKeyOutcome {
  state: PresetsPaneState;
  command: PresetsCommand;
}

export function initialPresetsPane(): PresetsPaneState {
  return { cursor: 0, top: 0, marked: [], view: 'list', outcomeTop: 0, create: null };
}

export interface PresetsPaneLayout {
  /** The line above the list: counts, marks and the legend (or the outcome's summary). */
  header: number;
  list: number;
  /** The highlighted preset's description, files and unmet requests (0: no room). */
  detail: number;
  /** The name prompt while creating a preset. */
  sheet: number;
}

export const CREATE_SHEET_ROWS = 7;

export function presetsPaneLayout(height: number, creating: boolean): PresetsPaneLayout {
  const header = 1;
  const sheet = creating ? Math.min(CREATE_SHEET_ROWS, Math.max(0, height - header - 1)) : 0;
  const detail = !creating && height >= 14 ? 5 : 0;
  return { header, list: Math.max(1, height - header - detail - sheet), detail, sheet };
}

const NONE: PresetsCommand = { kind: 'none' };
const CLOSE: PresetsCommand = { kind: 'intent', intent: { kind: 'ui', action: { type: 'close' } } };
const intent = (value: Intent): PresetsCommand => ({ kind: 'intent', intent: value });

/** The marked presets (in apply order) when there are any, else the highlighted one. */
export function chosenKeys(state: PresetsPaneState, rows: readonly PresetRow[]): string[] {
  if (state.marked.length > 0) return [...state.marked];
  const row = rows[state.cursor];
  return row?.kind === 'preset' ? [row.key] : [];
}

/** What a key does in the presets view. */
export function presetsPaneKey(state: PresetsPaneState, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  const keep = (command: PresetsCommand): PresetsKeyOutcome => ({ state, command });
  if (isCtrl(key, 'c')) return keep(intent({ kind: 'quit' }));
  if (state.create) return createKey(state, state.create, key, env);
  if (key.name === 'escape-escape' || isChar(key, 'F')) return keep(CLOSE);
  if (isChar(key, 'u') || isCtrl(key, 'z')) return keep(intent({ kind: 'undo' }));
  if (isCtrl(key, 'r') || isCtrl(key, 'y')) return keep(intent({ kind: 'redo' }));
  if (state.view === 'outcome') return outcomeKey(state, key, env);
  if (key.name === 'escape' || key.name === 'left' || isChar(key, 'h') || isChar(key, 'q')) return keep(CLOSE);
  if (isChar(key, 'r')) return keep({ kind: 'reload' });
  if (isChar(key, 'c')) {
    const form: CreateForm = { field: textField(''), focus: 'name', format: 'fragment', against: 'loaded', error: null, confirmOverwrite: null };
    return { state: { ...state, create: form }, command: NONE };
  }
  const rows = env.rows;
  if (!rows) return keep(NONE);
  const move = movement(key, Math.max(1, env.listHeight));
  if (move) return { state: moveCursor(state, rows, move.delta, move.scroll, env.listHeight), command: NONE };
  const row = rows[state.cursor];
  if (isChar(key, 'x')) return keep(row?.kind === 'preset' ? { kind: 'unapply', key: row.key } : NONE);
  if (isChar(key, ' ')) {
    if (row?.kind !== 'preset') return keep(NONE);
    const marked = state.marked.includes(row.key) ? state.marked.filter((marking) => marking !== row.key) : [...state.marked, row.key];
    return { state: moveCursor({ ...state, marked }, rows, 1, false, env.listHeight), command: NONE };
  }
  const chosen = chosenKeys(state, rows);
  if (key.name === 'return' || key.name === 'right' || isChar(key, 'l') || isChar(key, 'v')) {
    if (chosen.length === 0) return keep(NONE);
    return { state: { ...state, view: 'outcome', outcomeTop: 0 }, command: { kind: 'preview', keys: chosen } };
  }
  if (isChar(key, 'a')) {
    if (chosen.length === 0) return keep(NONE);
    return { state: { ...state, marked: [], view: 'outcome', outcomeTop: 0 }, command: { kind: 'apply', keys: chosen } };
  }
  return keep(NONE);
}

function outcomeKey(state: PresetsPaneState, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  if (key.name === 'escape' || key.name === 'left' || isChar(key, 'h') || isChar(key, 'q') || isChar(key, 'v')) {
    return { state: { ...state, view: 'list' }, command: NONE };
  }
  if (key.name === 'return' || isChar(key, 'a')) {
    if (!env.outcomeApplicable) return { state, command: NONE };
    return { state: { ...state, marked: [], outcomeTop: 0 }, command: { kind: 'apply-previewed' } };
  }
  const move = movement(key, Math.max(1, env.outcomeHeight));
  if (!move) return { state, command: NONE };
  const maxTop = Math.max(0, env.outcomeLines - env.outcomeHeight);
  return { state: { ...state, outcomeTop: clamp(state.outcomeTop + move.delta, 0, maxTop) }, command: NONE };
}

const FOCUS_ORDER: CreateFocus[] = ['name', 'format', 'against'];

function createKey(state: PresetsPaneState, form: CreateForm, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  const withForm = (next: CreateForm): PresetsKeyOutcome => ({ state: { ...state, create: next }, command: NONE });
  if (key.name === 'escape' || key.name === 'escape-escape') return { state: { ...state, create: null }, command: NONE };
  if (key.name === 'return') {
    const name = form.field.text.trim();
    if (!name) return withForm({ ...form, focus: 'name', error: 'type a name for the preset' });
    const overwrite = form.confirmOverwrite === `${name}:${form.format}`;
    return { state, command: { kind: 'create', name, format: form.format, against: form.against, overwrite } };
  }
  const step = key.name === 'tab' || key.name === 'down' ? 1 : key.name === 'backtab' || key.name === 'up' ? -1 : 0;
  if (step !== 0) {
    const at = FOCUS_ORDER.indexOf(form.focus);
    return withForm({ ...form, focus: FOCUS_ORDER[(at + step + FOCUS_ORDER.length) % FOCUS_ORDER.length] ?? 'name' });
  }
  if (form.focus === 'name') {
    const field = editField(form.field, key);
    return field ? withForm({ ...form, field, error: null, confirmOverwrite: null }) : { state, command: NONE };
  }
  const toggles = key.name === 'left' || key.name === 'right' || isChar(key, ' ') || isChar(key, 'h') || isChar(key, 'l');
  if (!toggles) return { state, command: NONE };
  if (form.focus === 'format') return withForm({ ...form, format: form.format === 'fragment' ? 'guix' : 'fragment', confirmOverwrite: null });
  if (!env.defconfig) return withForm({ ...form, error: 'this tree has no arch defconfig to compare with' });
  return withForm({ ...form, against: form.against === 'loaded' ? 'defconfig' : 'loaded', error: null });
}

/** Moves the cursor over the presets (headings and notes are skipped), keeping it and its heading on screen. */
function moveCursor(state: PresetsPaneState, rows: readonly PresetRow[], delta: number, scroll: boolean, height: number): PresetsPaneState {
  const indices = presetIndices(rows);
  if (indices.length === 0) return state;
  const at = Math.max(0, indices.indexOf(state.cursor));
  const target = indices[clamp(at + (Number.isFinite(delta) ? delta : delta > 0 ? indices.length : -indices.length), 0, indices.length - 1)]!;
  return placeCursor({ ...state }, rows, target, scroll ? state.top + (target - state.cursor) : state.top, height);
}

function placeCursor(state: PresetsPaneState, rows: readonly PresetRow[], cursor: number, wantedTop: number, height: number): PresetsPaneState {
  const indices = presetIndices(rows);
  let top = visibleTop(wantedTop, cursor, height, rows.length);
  // The first preset of a group brings its heading (and the first preset the list's top) into view.
  if (cursor === indices[0] && cursor < height) top = 0;
  else if (top === cursor && cursor > 0 && rows[cursor - 1]?.kind === 'heading' && height > 1) top = cursor - 1;
  // The last preset brings the notes under it into view.
  if (cursor === indices.at(-1)) top = Math.max(top, Math.min(cursor, rows.length - height));
  top = clamp(top, 0, Math.max(0, rows.length - height));
  return { ...state, cursor, top };
}

/** Keeps the cursor on a preset after the list changed (read again, a preset saved), and on screen. */
export function settlePresetsPane(state: PresetsPaneState, rows: readonly PresetRow[] | null, height: number): PresetsPaneState {
  if (!rows) return state;
  const cursor = rows[state.cursor]?.kind === 'preset' ? state.cursor : nearestPreset(rows, state.cursor);
  if (cursor < 0) return state.cursor === 0 && state.top === 0 ? state : { ...state, cursor: 0, top: 0 };
  const settled = placeCursor(state, rows, cursor, state.top, height);
  return settled.cursor === state.cursor && settled.top === state.top ? state : settled;
}

/** Puts the cursor on the preset with `key` (a preset just saved). */
export function cursorToPreset(state: PresetsPaneState, rows: readonly PresetRow[], key: string, height: number): PresetsPaneState {
  const index = rows.findIndex((row) => row.kind === 'preset' && row.key === key);
  return index < 0 ? state : placeCursor(state, rows, index, state.top, height);
}
