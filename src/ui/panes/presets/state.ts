import type { ExportFormat } from '../../../features/presets/index.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { type Intent, NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type KeymapMode } from '../../keymap.js';
import { COMMON_PANE_KEYS, keep } from '../../shell/pane-keys.js';
import { clamp, isNavigation, movement, scrollPage, visibleTop } from '../../shell/scroll.js';
import { editField, textField, type TextField } from '../../text/text-field.js';
import { nearestPreset, presetIndices, type PresetRow } from './rows.js';

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
  page: 'list' | 'outcome';
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
  /** The outcome page has requests that do not stick and no fix for them yet: f fixes them too. */
  outcomeFixable?: boolean;
  /** The name of the defconfig a new preset can be saved against, if this tree has one. */
  defconfig: string | null;
}

/** What the pane's keys ask for: work of the presets pane (run by its hook), or an intent for the App. */
export type PresetsIntent =
  | Intent
  | { kind: 'preview'; keys: string[] }
  | { kind: 'apply'; keys: string[] }
  /** Apply what the outcome page previews. */
  | { kind: 'apply-previewed' }
  /** One fix for the requests that do not stick, as one step right after the presets (`applyFirst`: apply the previewed ones first). */
  | { kind: 'fix-requests'; applyFirst: boolean }
  | { kind: 'unapply'; key: string }
  | { kind: 'create'; name: string; format: ExportFormat; against: CreateBase; overwrite: boolean }
  | { kind: 'reload' };

export interface PresetsKeyOutcome {
  state: PresetsPaneState;
  intent: PresetsIntent;
}

export function initialPresetsPane(): PresetsPaneState {
  return { cursor: 0, top: 0, marked: [], page: 'list', outcomeTop: 0, create: null };
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

/** The marked presets (in apply order) when there are any, else the highlighted one. */
export function chosenKeys(state: PresetsPaneState, rows: readonly PresetRow[]): string[] {
  if (state.marked.length > 0) return [...state.marked];
  const row = rows[state.cursor];
  return row?.kind === 'preset' ? [row.key] : [];
}

/** The keymap table of the pane's mode. */
export function presetsMode(state: PresetsPaneState, outcomeApplicable: boolean, outcomeFixable = false): KeymapMode {
  if (state.create) return 'presets.create';
  if (state.page === 'list') return 'presets.list';
  if (outcomeApplicable) return 'presets.preview';
  return outcomeFixable ? 'presets.fixable' : 'presets.outcome';
}

type Handler = (state: PresetsPaneState, env: PresetsPaneEnv, key: KeyEvent) => PresetsKeyOutcome;

const COMMON = COMMON_PANE_KEYS satisfies Record<string, Handler>;

/** Preview (Enter) or apply (a) the marked presets, else the highlighted one. */
function chosen(kind: 'preview' | 'apply'): Handler {
  return (state, env) => {
    const keys = env.rows ? chosenKeys(state, env.rows) : [];
    if (keys.length === 0) return { state, intent: NONE };
    const marked = kind === 'apply' ? [] : state.marked;
    return { state: { ...state, marked, page: 'outcome', outcomeTop: 0 }, intent: { kind, keys } };
  };
}

type ListAction = Exclude<ActionIn<'presets.list'>, 'up' | 'down' | 'page-up' | 'page-down' | 'half-up' | 'half-down' | 'first' | 'last'>;

const LIST_ACTIONS: Record<ListAction, Handler> = {
  ...COMMON,
  reload: keep({ kind: 'reload' }),
  create: (state) => ({
    state: { ...state, create: { field: textField(''), focus: 'name', format: 'fragment', against: 'loaded', error: null, confirmOverwrite: null } },
    intent: NONE,
  }),
  unapply: (state, env) => {
    const row = env.rows?.[state.cursor];
    return { state, intent: row?.kind === 'preset' ? { kind: 'unapply', key: row.key } : NONE };
  },
  mark: (state, env) => {
    const row = env.rows?.[state.cursor];
    if (!env.rows || row?.kind !== 'preset') return { state, intent: NONE };
    const marked = state.marked.includes(row.key) ? state.marked.filter((marking) => marking !== row.key) : [...state.marked, row.key];
    return { state: moveCursor({ ...state, marked }, env.rows, 1, false, env.listHeight), intent: NONE };
  },
  preview: chosen('preview'),
  apply: chosen('apply'),
};

function listKey(state: PresetsPaneState, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  const [action] = actionsFor(KEYMAP['presets.list'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) {
    if (!env.rows) return { state, intent: NONE };
    const move = movement(action, env.listHeight);
    return { state: moveCursor(state, env.rows, move.delta, move.scroll, env.listHeight), intent: NONE };
  }
  // Until the presets are read, only the keys that leave, read again or create do something.
  if (!env.rows && (action === 'unapply' || action === 'mark' || action === 'preview' || action === 'apply')) return { state, intent: NONE };
  return LIST_ACTIONS[action](state, env, key);
}

function outcomeKey(state: PresetsPaneState, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  const [action] = actionsFor(KEYMAP['presets.preview'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) return { state: { ...state, outcomeTop: scrollPage(state.outcomeTop, action, env.outcomeLines, env.outcomeHeight) }, intent: NONE };
  if (action === 'list') return { state: { ...state, page: 'list' }, intent: NONE };
  if (action === 'fix') {
    if (!env.outcomeFixable) return { state, intent: say('Nothing to fix: every request sticks, or the fix was applied', 'error') };
    return { state: { ...state, marked: [], outcomeTop: 0 }, intent: { kind: 'fix-requests', applyFirst: env.outcomeApplicable } };
  }
  if (action === 'apply')
    return env.outcomeApplicable ? { state: { ...state, marked: [], outcomeTop: 0 }, intent: { kind: 'apply-previewed' } } : { state, intent: NONE };
  return COMMON[action](state, env, key);
}

/** What a key does in the presets pane. */
export function presetsPaneKey(state: PresetsPaneState, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  if (state.create) return createKey(state, state.create, key, env);
  return state.page === 'outcome' ? outcomeKey(state, key, env) : listKey(state, key, env);
}

const FOCUS_ORDER: CreateFocus[] = ['name', 'format', 'against'];

function createKey(state: PresetsPaneState, form: CreateForm, key: KeyEvent, env: PresetsPaneEnv): PresetsKeyOutcome {
  const withForm = (next: CreateForm): PresetsKeyOutcome => ({ state: { ...state, create: next }, intent: NONE });
  const focusBy = (step: number): PresetsKeyOutcome => {
    const at = FOCUS_ORDER.indexOf(form.focus);
    return withForm({ ...form, focus: FOCUS_ORDER[(at + step + FOCUS_ORDER.length) % FOCUS_ORDER.length] ?? 'name' });
  };
  const [action] = actionsFor(KEYMAP['presets.create'], key);
  if (action === 'quit') return { state, intent: { kind: 'quit' } };
  if (action === 'cancel') return { state: { ...state, create: null }, intent: NONE };
  if (action === 'save') return save(state, form);
  if (action === 'next-field') return focusBy(1);
  if (action === 'previous-field') return focusBy(-1);
  if (form.focus === 'name') {
    const field = editField(form.field, key);
    return field ? withForm({ ...form, field, error: null, confirmOverwrite: null }) : { state, intent: NONE };
  }
  if (action !== 'change') return { state, intent: NONE };
  if (form.focus === 'format') return withForm({ ...form, format: form.format === 'fragment' ? 'guix' : 'fragment', confirmOverwrite: null });
  if (!env.defconfig) return withForm({ ...form, error: 'this tree has no arch defconfig to compare with' });
  return withForm({ ...form, against: form.against === 'loaded' ? 'defconfig' : 'loaded', error: null });
}

/** Enter in the create form: a name is needed; Enter again on a name that exists overwrites it. */
function save(state: PresetsPaneState, form: CreateForm): PresetsKeyOutcome {
  const name = form.field.text.trim();
  if (!name) return { state: { ...state, create: { ...form, focus: 'name', error: 'type a name for the preset' } }, intent: NONE };
  const overwrite = form.confirmOverwrite === `${name}:${form.format}`;
  return { state, intent: { kind: 'create', name, format: form.format, against: form.against, overwrite } };
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
