import { type MutableRefObject, useCallback, useEffect, useReducer, useRef } from 'react';
import type { Session } from '../../../engine/session.js';
import { searchSymbols, type SearchResult, type SearchResults } from '../../../features/search/search-result.js';
import type { SymbolSearch } from '../../../features/search/symbol-search.js';
import type { ConfigState } from '../../../model/types.js';
import type { KeyEvent } from '../../input/key-event.js';
import { initialSearchPane, searchLimit, searchPaneKey, searchPaneLayout, type SearchFocus, type SearchPaneEnv, type SearchPaneState } from './state.js';
import { clearMessage, runFromPane, type PaneHost } from '../../shell/pane.js';

export interface SearchPaneModel {
  state: SearchPaneState;
  /** null while the index is being built. */
  results: SearchResults | null;
  /** `results` are those of an earlier query: the search for the query as typed is about to run. */
  searching: boolean;
  selected: SearchResult | undefined;
  onKey(key: KeyEvent): void;
  /** Where keys go now, including keys handled since the last render. */
  focus(): SearchFocus;
}

interface Cached {
  search: SymbolSearch;
  config: ConfigState;
  query: string;
  limit: number;
  value: SearchResults;
}

interface SearchOptions {
  session: Session;
  search: SymbolSearch | null;
  config: ConfigState;
  /** Lines of the pane. */
  height: number;
  /** The pane is on screen: results are only searched for then (and on keys). */
  visible: boolean;
  host: PaneHost;
}

/**
 * The results of the pane's query, searched once per query, config and screenful, and the
 * search for what is typed, scheduled once the keys read together are applied.
 */
function useSearchResults(optionsRef: MutableRefObject<SearchOptions>, stateRef: MutableRefObject<SearchPaneState>, rerender: () => void) {
  const cache = useRef<Cached | null>(null);
  /** The results of `state`'s query if they are known already. */
  const knownResults = useCallback((state: SearchPaneState): SearchResults | undefined => {
    const { search: current, config: values, height: lines } = optionsRef.current;
    const hit = cache.current;
    if (!current || !hit) return undefined;
    const limit = searchLimit(state, searchPaneLayout(lines).perPage);
    const fresh = hit.search === current && hit.config === values && hit.query === state.field.text && hit.limit >= limit;
    return fresh ? hit.value : undefined;
  }, []);

  const resultsFor = useCallback(
    (state: SearchPaneState): SearchResults | null => {
      const { search: current, config: values, height: lines } = optionsRef.current;
      if (!current) return null;
      const known = knownResults(state);
      if (known) return known;
      const query = state.field.text;
      const limit = searchLimit(state, searchPaneLayout(lines).perPage);
      const value = searchSymbols(current, values, query, { limit });
      cache.current = { search: current, config: values, query, limit, value };
      return value;
    },
    [knownResults],
  );

  // The search for what is typed now runs once this turn of the event loop is done: after the
  // keys read together are applied (one search for a paste, none for the queries it passed
  // through) and before the frame is sent (an immediate queued ahead of the frame writer's),
  // so that a key shows its results in one frame. A signal is handled between searches.
  const scheduled = useRef<NodeJS.Immediate | undefined>(undefined);
  const scheduleSearch = useCallback(() => {
    if (scheduled.current !== undefined) return;
    scheduled.current = setImmediate(() => {
      scheduled.current = undefined;
      if (optionsRef.current.visible) resultsFor(stateRef.current);
      rerender();
    });
  }, [resultsFor, optionsRef, stateRef, rerender]);

  useEffect(
    () => () => {
      if (scheduled.current !== undefined) clearImmediate(scheduled.current);
    },
    [],
  );
  return { knownResults, resultsFor, scheduleSearch, cached: () => cache.current?.value };
}

/**
 * The search pane's state (kept while the pane is closed, so Back and the next `/` find the
 * query as it was) and its results, described against the current config. Typing never
 * runs a search: the search for the latest query runs once the keys that arrived together
 * are applied (a paste is one search, not one per character, and queries typed over
 * meanwhile are never searched). Keys that act on the results (Enter, Down, y/m/n) search
 * the query as typed first.
 */
export function useSearchState(options: SearchOptions): SearchPaneModel {
  const { search } = options;
  const stateRef = useRef<SearchPaneState>(initialSearchPane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const { knownResults, resultsFor, scheduleSearch, cached } = useSearchResults(optionsRef, stateRef, rerender);

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { session, host, height: lines } = optionsRef.current;
      clearMessage(host);
      const before = stateRef.current;
      // Searched only when the key looks at the results: typed text never runs a search here.
      let results: SearchResults | null | undefined;
      const current = (): SearchResults | null => (results === undefined ? (results = resultsFor(before)) : results);
      const env: SearchPaneEnv = {
        get results() {
          return current()?.results ?? [];
        },
        get total() {
          return current()?.total ?? 0;
        },
        perPage: searchPaneLayout(lines).perPage,
        get indexing() {
          return current() === null;
        },
      };
      const outcome = searchPaneKey(before, key, env);
      if (outcome.state !== before) {
        stateRef.current = outcome.state;
        // A new query is drawn with its results, once they are searched; anything else at once.
        if (outcome.state.field.text !== before.field.text && optionsRef.current.visible) scheduleSearch();
        else rerender();
      }
      if (outcome.intent.kind !== 'none') {
        runFromPane(host, outcome.intent, session);
      }
    },
    [resultsFor, scheduleSearch],
  );

  const focus = useCallback(() => stateRef.current.focus, []);
  const state = stateRef.current;
  const active = search !== null && options.visible;
  const known = active ? knownResults(state) : undefined;

  if (active && known === undefined) scheduleSearch();

  // Until then the screen keeps the results it has (of the query before).
  const results = !active ? null : (known ?? cached() ?? null);
  return {
    state,
    results,
    searching: active && known === undefined,
    selected: results?.results[state.cursor],
    onKey,
    focus,
  };
}
