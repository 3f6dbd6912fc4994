import { type DriverBuild, fixSelection } from '../../../features/hardware/suggestion-targets.js';
import type { Suggestion } from '../../../features/hardware/suggestions.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { type Intent, NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP } from '../../keymap.js';
import { COMMON_PANE_KEYS } from '../../shell/pane-keys.js';
import { clamp, isNavigation, moveCursor, scrollPage, visibleTop } from '../../shell/scroll.js';

export interface HardwarePaneState {
  /** Index of the highlighted suggestion. */
  cursor: number;
  top: number;
  /** Names of the suggestions marked with space. */
  marked: readonly string[];
  /** The suggestion list, the whole report (inputs, notes, modules outside the tree), "modules or built in?", or the fix accepting would apply. */
  page: 'list' | 'report' | 'modules' | 'plan';
  reportTop: number;
  planTop: number;
  /** The suggestions the modules question is about (their names). */
  pending: readonly string[];
}

export interface HardwarePaneEnv {
  /** null until the report is there. */
  suggestions: readonly Suggestion[] | null;
  /** Suggestions that fit in the list. */
  perPage: number;
  reportLines: number;
  reportHeight: number;
  /** The menu node of a symbol, or -1. */
  nodeOf(name: string): number;
  /** Accepting drivers asks first whether to turn MODULES on: the config has no module support. */
  modulesOff?: boolean;
  planLines?: number;
  planHeight?: number;
  /** The plan page shows a fix with changes, planned on the values the config has now. */
  planApplicable?: boolean;
}

/** What the pane's keys ask for: work of the hardware pane (run by its hook), or an intent for the App. */
export type HardwareIntent =
  | Intent
  /** Plan the fix that accepts these suggestions, drivers built as `build` says (shown as a diff, nothing changed). */
  | { kind: 'plan-suggestions'; suggestions: readonly Suggestion[]; build: DriverBuild }
  /** Apply the plan the plan page shows, as one undoable step. */
  | { kind: 'apply-plan' };

export interface HardwareKeyOutcome {
  state: HardwarePaneState;
  intent: HardwareIntent;
  /** Read the hardware again. */
  refresh?: boolean;
}

export function initialHardwarePane(): HardwarePaneState {
  return { cursor: 0, top: 0, marked: [], page: 'list', reportTop: 0, planTop: 0, pending: [] };
}

export interface HardwarePaneLayout {
  /** Origin and counts; which inputs failed and why the first did. */
  header: number;
  list: number;
  /** Reasons and requirements of the highlighted suggestion (0: no room). */
  detail: number;
}

export function hardwarePaneLayout(height: number): HardwarePaneLayout {
  const header = 3;
  const detail = height >= 14 ? Math.min(8, height - header - 4) : 0;
  return { header, list: Math.max(1, height - header - detail), detail };
}

/** The marked suggestions still in the list, else the highlighted one. */
export function chosenSuggestions(state: HardwarePaneState, suggestions: readonly Suggestion[]): Suggestion[] {
  const marked = suggestions.filter((suggestion) => state.marked.includes(suggestion.name));
  if (marked.length > 0) return marked;
  const highlighted = suggestions[state.cursor];
  return highlighted ? [highlighted] : [];
}

type Handler = (state: HardwarePaneState, env: HardwarePaneEnv) => HardwareKeyOutcome;

/** Keys the list, the report and the plan share. */
const COMMON = {
  ...COMMON_PANE_KEYS,
  reread: () => ({ state: initialHardwarePane(), intent: say('Reading the hardware again...'), refresh: true }),
} satisfies Record<string, Handler>;

/** An action on the highlighted suggestion: nothing while there is none. */
function onHighlighted(act: (suggestion: Suggestion, state: HardwarePaneState, env: HardwarePaneEnv) => HardwareKeyOutcome): Handler {
  return (state, env) => {
    const highlighted = env.suggestions?.[state.cursor];
    return highlighted ? act(highlighted, state, env) : { state, intent: NONE };
  };
}

/** An intent on the highlighted suggestion's menu entry, or why it has none. */
function onNode(intent: (node: number) => Intent): Handler {
  return onHighlighted((suggestion, state, env) => {
    const node = env.nodeOf(suggestion.name);
    return { state, intent: node >= 0 ? intent(node) : say(`CONFIG_${suggestion.name} has no menu entry`, 'error') };
  });
}

function moveTo(state: HardwarePaneState, cursor: number, wantedTop: number, count: number, perPage: number): HardwarePaneState {
  if (count === 0) return state;
  const at = clamp(cursor, 0, count - 1);
  return { ...state, cursor: at, top: visibleTop(wantedTop, at, perPage, count) };
}

/** The plan page, planning the fix that accepts `suggestions`. */
function planning(state: HardwarePaneState, suggestions: readonly Suggestion[], build: DriverBuild): HardwareKeyOutcome {
  return { state: { ...state, page: 'plan', planTop: 0, pending: [] }, intent: { kind: 'plan-suggestions', suggestions, build } };
}

/**
 * Accepting shows the fix first: at once, or, on a config without module support and with a
 * driver that could be one, after asking "modules or built in?".
 */
function accepting(state: HardwarePaneState, chosen: Suggestion[], env: HardwarePaneEnv): HardwareKeyOutcome {
  if (env.modulesOff && chosen.some((suggestion) => suggestion.type === 'tristate' && !suggestion.rootPath)) {
    return { state: { ...state, page: 'modules', pending: chosen.map((suggestion) => suggestion.name) }, intent: NONE };
  }
  return planning(state, chosen, env.modulesOff ? 'builtin' : 'modules');
}

/** The modules question: m turns MODULES on and builds the drivers as modules, y builds them in, Esc goes back. */
function modulesKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  const [action] = actionsFor(KEYMAP['hardware.modules'], key);
  if (action === 'quit') return { state, intent: { kind: 'quit' } };
  if (action === 'list') return { state: { ...state, page: 'list', pending: [] }, intent: NONE };
  if (!action) return { state, intent: NONE };
  const suggestions = (env.suggestions ?? []).filter((suggestion) => state.pending.includes(suggestion.name));
  return planning(state, suggestions, action === 'as-modules' ? 'modules' : 'builtin');
}

/** The fix as a diff: scrolled, applied as one step (when it has changes and is not stale), or left. */
function planKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  const [action] = actionsFor(KEYMAP['hardware.plan'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) return { state: { ...state, planTop: scrollPage(state.planTop, action, env.planLines ?? 0, env.planHeight ?? 1) }, intent: NONE };
  if (action === 'list') return { state: { ...state, page: 'list' }, intent: NONE };
  if (action === 'apply') return env.planApplicable ? { state: { ...state, page: 'list' }, intent: { kind: 'apply-plan' } } : { state, intent: NONE };
  return COMMON[action](state, env);
}

type ListAction = Exclude<ActionIn<'hardware.list'>, 'up' | 'down' | 'page-up' | 'page-down' | 'half-up' | 'half-down' | 'first' | 'last'>;

const LIST_ACTIONS: Record<ListAction, Handler> = {
  ...COMMON,
  report: (state) => ({ state: { ...state, page: 'report', reportTop: 0 }, intent: NONE }),
  'accept-all': (state, env) => {
    const all = fixSelection([...(env.suggestions ?? [])]);
    return all.length > 0 ? accepting({ ...state, marked: [] }, all, env) : { state: { ...state, marked: [] }, intent: say('Nothing to accept', 'error') };
  },
  mark: onHighlighted((highlighted, state, env) => {
    const marked = state.marked.includes(highlighted.name) ? state.marked.filter((name) => name !== highlighted.name) : [...state.marked, highlighted.name];
    return { state: moveTo({ ...state, marked }, state.cursor + 1, state.top, env.suggestions?.length ?? 0, env.perPage), intent: NONE };
  }),
  accept: onHighlighted((_highlighted, state, env) => accepting({ ...state, marked: [] }, chosenSuggestions(state, env.suggestions ?? []), env)),
  help: onNode((node) => ({ kind: 'help', node })),
  why: onNode((node) => ({ kind: 'why', node })),
  show: (state, env) => {
    const highlighted = env.suggestions?.[state.cursor];
    if (highlighted && !highlighted.settable)
      return { state, intent: say(`CONFIG_${highlighted.name} has no prompt, so no menu line (? shows what sets it)`, 'error') };
    return onNode((node) => ({ kind: 'ui', action: { type: 'jump', node } }))(state, env);
  },
};

/** Until the report is there, only the keys that leave, read again or show the inputs do something. */
const WITHOUT_REPORT = new Set<string>([...Object.keys(COMMON), 'report']);

/** What a key does in the hardware pane. */
export function hardwarePaneKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  if (state.page === 'report') return reportKey(state, key, env);
  if (state.page === 'modules') return modulesKey(state, key, env);
  if (state.page === 'plan') return planKey(state, key, env);
  const [action] = actionsFor(KEYMAP['hardware.list'], key);
  if (!action || (!env.suggestions && !WITHOUT_REPORT.has(action))) return { state, intent: NONE };
  if (isNavigation(action)) return { state: { ...state, ...moveCursor(state, action, env.suggestions?.length ?? 0, env.perPage) }, intent: NONE };
  return LIST_ACTIONS[action](state, env);
}

function reportKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  const [action] = actionsFor(KEYMAP['hardware.report'], key);
  if (!action) return { state, intent: NONE };
  if (isNavigation(action)) return { state: { ...state, reportTop: scrollPage(state.reportTop, action, env.reportLines, env.reportHeight) }, intent: NONE };
  if (action === 'list') return { state: { ...state, page: 'list' }, intent: NONE };
  return COMMON[action](state, env);
}

/** Keeps the cursor on the list after it shrank (accepted suggestions leave it). */
export function settleHardwarePane(state: HardwarePaneState, count: number, perPage: number): HardwarePaneState {
  const cursor = clamp(state.cursor, 0, Math.max(0, count - 1));
  const top = visibleTop(state.top, cursor, perPage, count);
  return cursor === state.cursor && top === state.top ? state : { ...state, cursor, top };
}
