import { useCallback, useReducer, useRef } from 'react';
import type { SearchResult, SearchResults } from '../../../features/search/search-result.js';
import type { KeyEvent } from '../../input/key-event.js';
import { clearMessage, runFromPane } from '../../shell/pane.js';
import { initialSearchPane, searchPaneKey, searchPaneLayout, type SearchFocus, type SearchPaneEnv, type SearchPaneState } from './state.js';
import { type SearchOptions, useSearchResults } from './use-search-results.js';

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
