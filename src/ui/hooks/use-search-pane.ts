import { useCallback, useReducer, useRef } from 'react';
import type { Session } from '../../engine/session.js';
import { searchSymbols, type SearchResult, type SearchResults } from '../../features/search/search-result.js';
import type { SymbolSearch } from '../../features/search/symbol-search.js';
import type { ConfigState } from '../../model/types.js';
import type { KeyEvent } from '../input/key-event.js';
import { initialSearchPane, searchLimit, searchPaneKey, searchPaneLayout, type SearchPaneState } from '../state/search-pane.js';
import { clearMessage, runFromPane, type PaneHost } from './pane-host.js';

export interface SearchPane {
  state: SearchPaneState;
  /** null while the index is being built. */
  results: SearchResults | null;
  selected: SearchResult | undefined;
  onKey(key: KeyEvent): void;
}

interface Cached {
  search: SymbolSearch;
  config: ConfigState;
  query: string;
  limit: number;
  value: SearchResults;
}

/**
 * The search pane's state (kept while the pane is closed, so Back and the next `/` find the
 * query as it was) and its results: one ranked search per keystroke, described against the
 * current config.
 */
export function useSearchPane(options: {
  session: Session;
  search: SymbolSearch | null;
  config: ConfigState;
  /** Lines of the pane. */
  height: number;
  /** The pane is on screen: results are only searched for then (and on keys). */
  visible: boolean;
  host: PaneHost;
}): SearchPane {
  const { search } = options;
  const stateRef = useRef<SearchPaneState>(initialSearchPane());
  const cache = useRef<Cached | null>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const resultsFor = useCallback((state: SearchPaneState): SearchResults | null => {
    const { search: current, config: values, height: lines } = optionsRef.current;
    if (!current) return null;
    const query = state.field.text;
    const limit = searchLimit(state, searchPaneLayout(lines).perPage);
    const hit = cache.current;
    if (hit && hit.search === current && hit.config === values && hit.query === query && hit.limit >= limit) return hit.value;
    const value = searchSymbols(current, values, query, { limit });
    cache.current = { search: current, config: values, query, limit, value };
    return value;
  }, []);

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { session, host, height: lines } = optionsRef.current;
      clearMessage(host);
      const before = stateRef.current;
      const results = resultsFor(before);
      const outcome = searchPaneKey(before, key, {
        results: results?.results ?? [],
        total: results?.total ?? 0,
        perPage: searchPaneLayout(lines).perPage,
        indexing: results === null,
      });
      if (outcome.state !== before) {
        stateRef.current = outcome.state;
        rerender();
      }
      if (outcome.intent.kind !== 'none') {
        runFromPane(host, outcome.intent, (node) => {
          const symbol = session.model.nodes[node]?.symbol ?? -1;
          return session.model.symbols[symbol]?.name ?? null;
        });
      }
    },
    [resultsFor],
  );

  const state = stateRef.current;
  const results = search && options.visible ? resultsFor(state) : null;
  return { state, results, selected: results?.results[state.cursor], onKey };
}
