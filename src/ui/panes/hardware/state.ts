import { defaultSelection } from '../../../features/hardware/accept-suggestions.js';
import type { Suggestion } from '../../../features/hardware/suggestions.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { Intent } from '../menu/state.js';
import { visibleTop } from '../../shell/ui-reducer.js';
import { isChar, isCtrl } from '../../input/key-match.js';
import { movement, clamp } from '../../shell/scroll.js';

export interface HardwarePaneState {
  /** Index of the highlighted suggestion. */
  cursor: number;
  top: number;
  /** Names of the suggestions marked with space. */
  marked: readonly string[];
  /** The suggestion list, or the whole report (inputs, notes, modules outside the tree). */
  view: 'list' | 'report';
  reportTop: number;
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
}

export interface HardwareKeyOutcome {
  state: HardwarePaneState;
  intent: Intent;
  /** Read the hardware again. */
  refresh?: boolean;
}

export function initialHardwarePane(): HardwarePaneState {
  return { cursor: 0, top: 0, marked: [], view: 'list', reportTop: 0 };
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

const NONE: Intent = { kind: 'none' };
const CLOSE: Intent = { kind: 'ui', action: { type: 'close' } };
const message = (text: string, tone: 'info' | 'error' = 'info'): Intent => ({ kind: 'ui', action: { type: 'message', message: { text, tone } } });

/** The marked suggestions still in the list, else the highlighted one. */
export function chosenSuggestions(state: HardwarePaneState, suggestions: readonly Suggestion[]): Suggestion[] {
  const marked = suggestions.filter((suggestion) => state.marked.includes(suggestion.name));
  if (marked.length > 0) return marked;
  const highlighted = suggestions[state.cursor];
  return highlighted ? [highlighted] : [];
}

/** What a key does in the hardware pane. */
export function hardwarePaneKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  const keep = (intent: Intent): HardwareKeyOutcome => ({ state, intent });
  if (isCtrl(key, 'c')) return keep({ kind: 'quit' });
  if (key.name === 'escape-escape' || isChar(key, 'd')) return keep(CLOSE);
  if (isChar(key, 'u') || isCtrl(key, 'z')) return keep({ kind: 'undo' });
  if (isCtrl(key, 'r') || isCtrl(key, 'y')) return keep({ kind: 'redo' });
  if (isChar(key, 'r')) return { state: initialHardwarePane(), intent: message('Reading the hardware again...'), refresh: true };
  if (state.view === 'report') return reportKey(state, key, env);
  if (isChar(key, 'i')) return { state: { ...state, view: 'report', reportTop: 0 }, intent: NONE };
  if (key.name === 'escape' || key.name === 'left' || isChar(key, 'h') || isChar(key, 'q')) return keep(CLOSE);
  const suggestions = env.suggestions;
  if (!suggestions) return keep(NONE);
  const move = movement(key, Math.max(1, env.perPage));
  if (move) return { state: moveTo(state, state.cursor + move.delta, move.scroll ? state.top + move.delta : state.top, suggestions.length, env.perPage), intent: NONE };
  const highlighted = suggestions[state.cursor];
  if (isChar(key, 'A')) {
    const all = defaultSelection([...suggestions]);
    return { state: { ...state, marked: [] }, intent: all.length > 0 ? { kind: 'accept-suggestions', suggestions: all } : message('Nothing to accept', 'error') };
  }
  if (!highlighted) return keep(NONE);
  if (isChar(key, ' ')) {
    const marked = state.marked.includes(highlighted.name)
      ? state.marked.filter((name) => name !== highlighted.name)
      : [...state.marked, highlighted.name];
    return { state: moveTo({ ...state, marked }, state.cursor + 1, state.top, suggestions.length, env.perPage), intent: NONE };
  }
  if (key.name === 'return' || isChar(key, 'y')) {
    return { state: { ...state, marked: [] }, intent: { kind: 'accept-suggestions', suggestions: chosenSuggestions(state, suggestions) } };
  }
  const node = env.nodeOf(highlighted.name);
  const onNode = (intent: (node: number) => Intent): HardwareKeyOutcome =>
    keep(node >= 0 ? intent(node) : message(`CONFIG_${highlighted.name} has no menu entry`, 'error'));
  if (isChar(key, '?') || key.name === 'f1') return onNode((at) => ({ kind: 'help', node: at }));
  if (isChar(key, 'e')) return onNode((at) => ({ kind: 'why', node: at }));
  if (key.name === 'right' || isChar(key, 'l')) {
    if (!highlighted.settable) return keep(message(`CONFIG_${highlighted.name} has no prompt, so no menu line (? shows what sets it)`, 'error'));
    return onNode((at) => ({ kind: 'ui', action: { type: 'jump', node: at } }));
  }
  return keep(NONE);
}

function moveTo(state: HardwarePaneState, cursor: number, wantedTop: number, count: number, perPage: number): HardwarePaneState {
  if (count === 0) return state;
  const at = clamp(cursor, 0, count - 1);
  return { ...state, cursor: at, top: visibleTop(wantedTop, at, perPage, count) };
}

function reportKey(state: HardwarePaneState, key: KeyEvent, env: HardwarePaneEnv): HardwareKeyOutcome {
  if (key.name === 'escape' || key.name === 'left' || isChar(key, 'h') || isChar(key, 'q') || isChar(key, 'i')) {
    return { state: { ...state, view: 'list' }, intent: NONE };
  }
  const move = movement(key, Math.max(1, env.reportHeight));
  if (!move) return { state, intent: NONE };
  const maxTop = Math.max(0, env.reportLines - env.reportHeight);
  return { state: { ...state, reportTop: clamp(state.reportTop + move.delta, 0, maxTop) }, intent: NONE };
}

/** Keeps the cursor on the list after it shrank (accepted suggestions leave it). */
export function settleHardwarePane(state: HardwarePaneState, count: number, perPage: number): HardwarePaneState {
  const cursor = clamp(state.cursor, 0, Math.max(0, count - 1));
  const top = visibleTop(state.top, cursor, perPage, count);
  return cursor === state.cursor && top === state.top ? state : { ...state, cursor, top };
}
