import { type MutableRefObject, useCallback, useEffect, useRef } from 'react';
import type { Session } from '../../../engine/session.js';
import { searchSymbols, type SearchResults } from '../../../features/search/search-result.js';
import type { SymbolSearch } from '../../../features/search/symbol-search.js';
import type { ConfigState } from '../../../model/types.js';
import type { PaneHost } from '../../shell/pane.js';
import { explanationSoon, prefetchExplanations } from '../../shell/use-explanation.js';
import { explainedSymbol } from './explained.js';
import { searchLimit, searchPaneLayout, type SearchPaneState } from './state.js';

/** How long a search's frame waits for the highlighted result's explanation before it is drawn without. */
const EXPLANATION_WAIT_MS = 30;
/** How long after a search's frame is scheduled the explanations of the results on screen are asked for: once the frame is out. */
const PREFETCH_DELAY_MS = 10;

interface Cached {
  search: SymbolSearch;
  config: ConfigState;
  query: string;
  limit: number;
  value: SearchResults;
}

export interface SearchOptions {
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
export function useSearchResults(optionsRef: MutableRefObject<SearchOptions>, stateRef: MutableRefObject<SearchPaneState>, rerender: () => void) {
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
  // When the highlighted result's info pane needs an explanation from the engine, the frame
  // waits for it (a few milliseconds) and is drawn once, with it, instead of twice.
  // Once the frame is out, the explanations of the other results on screen are asked for: the
  // next keystroke's first result is often one of them (the query narrows), and so is the
  // result a cursor move goes to; the frame for it then needs no answer from the engine.
  const scheduled = useRef<NodeJS.Immediate | undefined>(undefined);
  const prefetch = useRef<NodeJS.Timeout | undefined>(undefined);
  const scheduleSearch = useCallback(() => {
    if (scheduled.current !== undefined) return;
    clearTimeout(prefetch.current);
    scheduled.current = setImmediate(() => {
      scheduled.current = undefined;
      const { visible, session, config, height } = optionsRef.current;
      const state = stateRef.current;
      const found = visible ? resultsFor(state) : null;
      const name = found ? explainedSymbol(session.model, config, found.results[state.cursor]) : null;
      if (name) void explanationSoon(session, name, config, EXPLANATION_WAIT_MS).then(rerender);
      else rerender();
      const onScreen = found ? explainedOnScreen(session, config, found, state, height) : [];
      if (onScreen.length > 0) prefetch.current = setTimeout(() => prefetchExplanations(session, onScreen, config), PREFETCH_DELAY_MS);
    });
  }, [resultsFor, optionsRef, stateRef, rerender]);

  useEffect(
    () => () => {
      if (scheduled.current !== undefined) clearImmediate(scheduled.current);
      clearTimeout(prefetch.current);
    },
    [],
  );
  return { knownResults, resultsFor, scheduleSearch, cached: () => cache.current?.value };
}

/** The symbols of the results on screen whose info pane needs an explanation from the engine. */
function explainedOnScreen(session: Session, config: ConfigState, found: SearchResults, state: SearchPaneState, height: number): string[] {
  const shown = found.results.slice(state.top, state.top + searchPaneLayout(height).perPage);
  return shown.map((result) => explainedSymbol(session.model, config, result)).filter((name): name is string => name !== null);
}
