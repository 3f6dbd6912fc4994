import type { SearchResult } from '../../../features/search/search-result.js';
import { MAX_QUERY_LENGTH } from '../../../features/search/symbol-search.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type NavigationAction } from '../../keymap.js';
import { INFO_ROWS } from '../../shell/layout.js';
import { clamp, movement, visibleTop } from '../../shell/scroll.js';
import { editField, textField, type TextField } from '../../text/text-field.js';

/** Where typed keys go: into the query, or to the highlighted result (y/m/n, help, why, jump). */
export type SearchFocus = 'query' | 'results';

export interface SearchPaneState {
  field: TextField;
  focus: SearchFocus;
  /** Index of the highlighted result. */
  cursor: number;
  /** Index of the first result on screen. */
  top: number;
  /** The pane was reopened with the last query: the first character typed starts a new one. */
  replace: boolean;
}

export interface SearchPaneEnv {
  /** Results of the current query described so far (the first of `total`). */
  results: readonly SearchResult[];
  total: number;
  /** Results that fit on one screen. */
  perPage: number;
  /** The index is still being built: no results yet. */
  indexing?: boolean;
}

export interface SearchKeyOutcome {
  state: SearchPaneState;
  intent: Intent;
}

export function initialSearchPane(): SearchPaneState {
  return { field: textField(''), focus: 'query', cursor: 0, top: 0, replace: false };
}

export interface SearchPaneLayout {
  /** Results on one screen (two lines each). */
  perPage: number;
  /** Lines of the result list. */
  listRows: number;
  /** Lines of the info pane under the list (0: none). */
  info: number;
}

/** The query line, then two lines per result, then the info pane when there is room for it. */
export function searchPaneLayout(height: number): SearchPaneLayout {
  const info = height >= 16 ? INFO_ROWS : 0;
  const listRows = Math.max(2, height - 1 - info);
  return { perPage: Math.max(1, Math.floor(listRows / 2)), listRows, info };
}

/** Results to describe for a screen: always a few screens past the cursor, in steps of 50. */
export function searchLimit(state: SearchPaneState, perPage: number): number {
  const needed = Math.max(state.cursor, state.top + perPage) + perPage + 1;
  return Math.ceil(needed / 50) * 50;
}

/** Leaving for the menu keeps the query; the next `/` shows it again, ready to be replaced. */
function leave(state: SearchPaneState): SearchPaneState {
  return { ...state, focus: 'query', replace: state.field.text !== '' };
}

function moved(state: SearchPaneState, action: NavigationAction, env: SearchPaneEnv): SearchPaneState {
  const count = Math.max(env.total, env.results.length);
  if (count === 0) return state;
  const move = movement(action, env.perPage);
  const cursor = clamp(state.cursor + move.delta, 0, count - 1);
  const top = visibleTop(move.scroll ? state.top + move.delta : state.top, cursor, env.perPage, count);
  return { ...state, cursor, top, replace: false };
}

/** What a key does in the search pane: a new pane state, and an intent for the App to run. */
export function searchPaneKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv): SearchKeyOutcome {
  return state.focus === 'query' ? queryKey(state, key, env) : resultKey(state, key, env);
}

/** A query cut to what the search takes, with a message when something was cut. */
function withinLimit(state: SearchPaneState, field: TextField): SearchKeyOutcome {
  const changed = field.text !== state.field.text;
  const next = { ...state, field, replace: false, cursor: changed ? 0 : state.cursor, top: changed ? 0 : state.top };
  if (field.text.length <= MAX_QUERY_LENGTH) return { state: next, intent: NONE };
  const cut = { text: field.text.slice(0, MAX_QUERY_LENGTH), caret: Math.min(field.caret, MAX_QUERY_LENGTH) };
  return {
    state: { ...next, field: cut, cursor: 0, top: 0 },
    intent: say(`Search takes the first ${MAX_QUERY_LENGTH} characters; the rest was left out`, 'error'),
  };
}

/** Typed text edits the query; the first character after reopening replaces the last query. */
function typed(state: SearchPaneState, key: KeyEvent): SearchKeyOutcome {
  const text = (key.name === 'char' && !key.ctrl && !key.meta) || key.name === 'paste';
  const base = state.replace && (text || key.name === 'backspace') ? textField('') : state.field;
  const field = text && state.replace ? textField(key.char) : editField(base, key);
  return field ? withinLimit(state, field) : { state, intent: NONE };
}

type Outcome = (state: SearchPaneState, env: SearchPaneEnv, key: KeyEvent) => SearchKeyOutcome;

const QUERY_ACTIONS: Record<ActionIn<'search.query'>, Outcome> = {
  quit: (state) => ({ state, intent: { kind: 'quit' } }),
  close: (state) => ({ state: leave(state), intent: CLOSE }),
  undo: (state) => ({ state, intent: { kind: 'undo' } }),
  redo: (state) => ({ state, intent: { kind: 'redo' } }),
  help: (state, env) => ({ state, intent: selected(state, env, helpIntent) }),
  show: (state, env) => {
    const result = env.results[state.cursor];
    if (result) return { state: leave(state), intent: jumpIntent(result) };
    const why = env.indexing
      ? 'Still reading the symbols: the results come in a moment'
      : state.field.text.trim()
        ? 'No symbol matches this query'
        : 'Type a name, prompt words or a word of the help text';
    return { state, intent: say(why, 'error') };
  },
  results: (state, env) => ({ state: env.results.length > 0 ? { ...state, focus: 'results', replace: false } : state, intent: NONE }),
  'page-into-results': (state, env, key) => {
    const paged = moved(state, key.name === 'pageup' ? 'page-up' : 'page-down', env);
    return { state: env.results.length > 0 ? { ...paged, focus: 'results' } : state, intent: NONE };
  },
  edit: (state, _env, key) => typed(state, key),
  ignore: (state) => ({ state, intent: NONE }),
};

function queryKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv): SearchKeyOutcome {
  const [action] = actionsFor(KEYMAP['search.query'], key);
  return action ? QUERY_ACTIONS[action](state, env, key) : typed(state, key);
}

const toQuery = (state: SearchPaneState, field = state.field): SearchKeyOutcome => ({ state: { ...state, field, focus: 'query' }, intent: NONE });
const onResult =
  (intent: (result: SearchResult) => Intent): Outcome =>
  (state, env) => ({ state, intent: selected(state, env, intent) });
const navigated =
  (action: NavigationAction): Outcome =>
  (state, env) =>
    action === 'up' && state.cursor === 0 ? toQuery(state) : { state: moved(state, action, env), intent: NONE };

const RESULT_ACTIONS: Record<ActionIn<'search.results'>, Outcome> = {
  ...QUERY_ACTIONS,
  up: navigated('up'),
  down: navigated('down'),
  'page-up': navigated('page-up'),
  'page-down': navigated('page-down'),
  'half-up': navigated('half-up'),
  'half-down': navigated('half-down'),
  first: navigated('first'),
  last: navigated('last'),
  query: (state) => toQuery(state),
  'query-edit': (state, _env, key) =>
    key.name === 'paste'
      ? withinLimit({ ...state, focus: 'query' }, editField(state.field, key) ?? state.field)
      : toQuery(state, editField(state.field, key) ?? state.field),
  show: (state, env) => {
    const result = env.results[state.cursor];
    return result ? { state: leave(state), intent: jumpIntent(result) } : { state, intent: NONE };
  },
  why: onResult((result) => withNode(result, (node) => ({ kind: 'why', node }))),
  'set-y': onResult((result) => setIntent(result, 'y')),
  'set-m': onResult((result) => setIntent(result, 'm')),
  'set-n': onResult((result) => setIntent(result, 'n')),
  cycle: onResult(cycleIntent),
  typed: onResult(() => say('/ or Esc goes back to the query; y/m/n/space set the highlighted symbol')),
};

function resultKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv): SearchKeyOutcome {
  const [action] = actionsFor(KEYMAP['search.results'], key);
  return action ? RESULT_ACTIONS[action](state, env, key) : { state, intent: NONE };
}

/** The intent for the highlighted result, read only by keys that act on it: typing must not wait for a search. */
function selected(state: SearchPaneState, env: SearchPaneEnv, intent: (result: SearchResult) => Intent): Intent {
  const result = env.results[state.cursor];
  return result ? intent(result) : NONE;
}

function withNode(result: SearchResult, intent: (node: number) => Intent): Intent {
  if (result.node < 0) return say(`CONFIG_${result.name} has no menu entry: only defaults and selects set it`, 'error');
  return intent(result.node);
}

function helpIntent(result: SearchResult): Intent {
  return withNode(result, (node) => ({ kind: 'help', node }));
}

/** Show the result in its menu; entries without a prompt have no line of their own there. */
function jumpIntent(result: SearchResult): Intent {
  if (result.prompt === null) {
    return say(`CONFIG_${result.name} has no prompt, so no menu line: only defaults and selects set it (? shows them)`, 'error');
  }
  return withNode(result, (node) => ({ kind: 'ui', action: { type: 'jump', node } }));
}

function isValueEntry(result: SearchResult): boolean {
  return result.type === 'int' || result.type === 'hex' || result.type === 'string';
}

function setIntent(result: SearchResult, value: 'y' | 'm' | 'n'): Intent {
  if (isValueEntry(result)) return say(`CONFIG_${result.name} is a ${result.type}: space edits it`);
  if (result.type !== 'bool' && result.type !== 'tristate') return NONE;
  return withNode(result, (node) => ({ kind: 'set', node, value }));
}

function cycleIntent(result: SearchResult): Intent {
  if (isValueEntry(result)) return withNode(result, (node) => ({ kind: 'edit', node }));
  if (result.type !== 'bool' && result.type !== 'tristate') return NONE;
  return withNode(result, (node) => ({ kind: 'cycle', node }));
}
