import type { SearchResult } from '../../../features/search/search-result.js';
import { MAX_QUERY_LENGTH } from '../../../features/search/symbol-search.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { Intent } from '../menu/state.js';
import { INFO_ROWS } from '../../shell/layout.js';
import { editField, textField, type TextField } from '../../text/text-field.js';
import { visibleTop } from '../../shell/ui-reducer.js';
import { isChar, isCtrl } from '../../input/key-match.js';

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

const NONE: Intent = { kind: 'none' };
const message = (text: string, tone: 'info' | 'error' = 'info'): Intent => ({ kind: 'ui', action: { type: 'message', message: { text, tone } } });

/** Leaving for the menu keeps the query; the next `/` shows it again, ready to be replaced. */
function leave(state: SearchPaneState): SearchPaneState {
  return { ...state, focus: 'query', replace: state.field.text !== '' };
}

function moved(state: SearchPaneState, delta: number, env: SearchPaneEnv, scroll: boolean): SearchPaneState {
  const count = Math.max(env.total, env.results.length);
  if (count === 0) return state;
  const cursor = Math.min(Math.max(state.cursor + delta, 0), count - 1);
  const top = visibleTop(scroll ? state.top + delta : state.top, cursor, env.perPage, count);
  return { ...state, cursor, top, replace: false };
}

/** Cursor keys of the result list; null for other keys. */
function navigation(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv): SearchPaneState | null {
  const page = Math.max(1, env.perPage);
  const half = Math.max(1, Math.floor(page / 2));
  if (key.name === 'down' || isChar(key, 'j')) return moved(state, 1, env, false);
  if (key.name === 'up' || isChar(key, 'k')) return moved(state, -1, env, false);
  if (key.name === 'pagedown' || isCtrl(key, 'f')) return moved(state, page, env, true);
  if (key.name === 'pageup' || isCtrl(key, 'b')) return moved(state, -page, env, true);
  if (isCtrl(key, 'd')) return moved(state, half, env, true);
  if (isCtrl(key, 'u')) return moved(state, -half, env, true);
  if (key.name === 'home' || isChar(key, 'g')) return moved(state, -Infinity, env, false);
  if (key.name === 'end' || isChar(key, 'G')) return moved(state, Infinity, env, false);
  return null;
}

/** What a key does in the search pane: a new pane state, and an intent for the App to run. */
export function searchPaneKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv): SearchKeyOutcome {
  // Read only by keys that act on the results: typing must not wait for a search.
  const selected = (): SearchResult | undefined => env.results[state.cursor];
  const keep = (intent: Intent): SearchKeyOutcome => ({ state, intent });
  if (isCtrl(key, 'c')) return keep({ kind: 'quit' });
  if (key.name === 'escape-escape') return { state: leave(state), intent: { kind: 'ui', action: { type: 'close' } } };
  if (isCtrl(key, 'z')) return keep({ kind: 'undo' });
  if (isCtrl(key, 'r') || isCtrl(key, 'y')) return keep({ kind: 'redo' });
  if (key.name === 'f1') {
    const result = selected();
    return keep(result ? helpIntent(result) : NONE);
  }
  return state.focus === 'query' ? queryKey(state, key, env, selected) : resultKey(state, key, env, selected());
}

/** A query cut to what the search takes, with a message when something was cut. */
function withinLimit(state: SearchPaneState, field: TextField): SearchKeyOutcome {
  const changed = field.text !== state.field.text;
  const next = { ...state, field, replace: false, cursor: changed ? 0 : state.cursor, top: changed ? 0 : state.top };
  if (field.text.length <= MAX_QUERY_LENGTH) return { state: next, intent: NONE };
  const cut = { text: field.text.slice(0, MAX_QUERY_LENGTH), caret: Math.min(field.caret, MAX_QUERY_LENGTH) };
  return {
    state: { ...next, field: cut, cursor: 0, top: 0 },
    intent: message(`Search takes the first ${MAX_QUERY_LENGTH} characters; the rest was left out`, 'error'),
  };
}

function queryKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv, selectedResult: () => SearchResult | undefined): SearchKeyOutcome {
  const hasResults = (): boolean => env.results.length > 0;
  if (key.name === 'escape') return { state: leave(state), intent: { kind: 'ui', action: { type: 'close' } } };
  if (key.name === 'return') {
    const selected = selectedResult();
    if (!selected) {
      const why = env.indexing
        ? 'Still reading the symbols: the results come in a moment'
        : state.field.text.trim()
          ? 'No symbol matches this query'
          : 'Type a name, prompt words or a word of the help text';
      return { state, intent: message(why, 'error') };
    }
    return { state: leave(state), intent: jumpIntent(selected) };
  }
  if (key.name === 'down' || key.name === 'tab') {
    return { state: hasResults() ? { ...state, focus: 'results', replace: false } : state, intent: NONE };
  }
  if (key.name === 'pagedown' || key.name === 'pageup') {
    const paged = navigation(state, key, env) ?? state;
    return { state: hasResults() ? { ...paged, focus: 'results' } : state, intent: NONE };
  }
  if (key.name === 'up') return { state, intent: NONE };
  const typed = (key.name === 'char' && !key.ctrl && !key.meta) || key.name === 'paste';
  const base = state.replace && (typed || key.name === 'backspace') ? textField('') : state.field;
  const field = typed && state.replace ? textField(key.char) : editField(base, key);
  if (!field) return { state, intent: NONE };
  return withinLimit(state, field);
}

function resultKey(state: SearchPaneState, key: KeyEvent, env: SearchPaneEnv, selected: SearchResult | undefined): SearchKeyOutcome {
  const toQuery = (field = state.field): SearchKeyOutcome => ({ state: { ...state, field, focus: 'query' }, intent: NONE });
  if ((key.name === 'up' || isChar(key, 'k')) && state.cursor === 0) return toQuery();
  const navigated = navigation(state, key, env);
  if (navigated) return { state: navigated, intent: NONE };
  if (key.name === 'escape' || key.name === 'left' || key.name === 'tab' || isChar(key, 'h') || isChar(key, '/')) return toQuery();
  if (key.name === 'backspace') return toQuery(editField(state.field, key) ?? state.field);
  if (key.name === 'paste') return withinLimit({ ...state, focus: 'query' }, editField(state.field, key) ?? state.field);
  if (isChar(key, 'u')) return { state, intent: { kind: 'undo' } };
  if (!selected) return { state, intent: NONE };
  if (key.name === 'return' || key.name === 'right' || isChar(key, 'l')) return { state: leave(state), intent: jumpIntent(selected) };
  if (isChar(key, '?')) return { state, intent: helpIntent(selected) };
  if (isChar(key, 'e')) return { state, intent: withNode(selected, (node) => ({ kind: 'why', node })) };
  if (isChar(key, 'y') || isChar(key, 'm') || isChar(key, 'n')) return { state, intent: setIntent(selected, key.char as 'y' | 'm' | 'n') };
  if (isChar(key, ' ')) return { state, intent: cycleIntent(selected) };
  if (key.name === 'char' && !key.ctrl && !key.meta) return { state, intent: message('/ or Esc goes back to the query; y/m/n/space set the highlighted symbol') };
  return { state, intent: NONE };
}

function withNode(result: SearchResult, intent: (node: number) => Intent): Intent {
  if (result.node < 0) return message(`CONFIG_${result.name} has no menu entry: only defaults and selects set it`, 'error');
  return intent(result.node);
}

function helpIntent(result: SearchResult): Intent {
  return withNode(result, (node) => ({ kind: 'help', node }));
}

/** Show the result in its menu; entries without a prompt have no line of their own there. */
function jumpIntent(result: SearchResult): Intent {
  if (result.prompt === null) {
    return message(`CONFIG_${result.name} has no prompt, so no menu line: only defaults and selects set it (? shows them)`, 'error');
  }
  return withNode(result, (node) => ({ kind: 'ui', action: { type: 'jump', node } }));
}

function isValueEntry(result: SearchResult): boolean {
  return result.type === 'int' || result.type === 'hex' || result.type === 'string';
}

function setIntent(result: SearchResult, value: 'y' | 'm' | 'n'): Intent {
  if (isValueEntry(result)) return message(`CONFIG_${result.name} is a ${result.type}: space edits it`);
  if (result.type !== 'bool' && result.type !== 'tristate') return NONE;
  return withNode(result, (node) => ({ kind: 'set', node, value }));
}

function cycleIntent(result: SearchResult): Intent {
  if (isValueEntry(result)) return withNode(result, (node) => ({ kind: 'edit', node }));
  if (result.type !== 'bool' && result.type !== 'tristate') return NONE;
  return withNode(result, (node) => ({ kind: 'cycle', node }));
}
