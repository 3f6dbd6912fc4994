/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { hintsOf } from '../../input/bindings.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { useExplanation } from '../../shell/use-explanation.js';
import { explainedSymbol } from './explained.js';
import type { SearchContentComponent } from './extension.js';
import { useSearchState } from './use-search-state.js';
import { useSymbolSearch } from './use-symbol-search.js';

/**
 * Search over every symbol of the tree (`/`): the query, the results described against the
 * current config, and the highlighted result's info. The pane's state stays while it is closed,
 * so that back from a result and the next `/` find the query as it was.
 */
export function useSearchPane(context: PaneContext, Content: SearchContentComponent): Pane {
  const { session, config, ui, layout, host } = context;
  const symbolSearch = useSymbolSearch(session.model);
  // The value editor opened from a result keeps the results above it.
  const visible = ui.pane.kind === 'search' || (ui.pane.kind === 'editor' && ui.returnTo?.kind === 'search');
  const search = useSearchState({
    session,
    search: symbolSearch.kind === 'ready' ? symbolSearch.search : null,
    config,
    height: layout.page,
    visible,
    host,
  });
  const selected = visible ? search.selected : undefined;
  const explanation = useExplanation(session, explainedSymbol(session.model, config, selected), config);
  const found = search.results;
  return {
    title: () => ({ text: 'Search every symbol', position: found && found.total > 0 ? `${search.state.cursor + 1}/${found.total}` : '', keep: 'start' }),
    hints: () => hintsOf(search.state.focus === 'query' ? KEYMAP['search.query'] : KEYMAP['search.results']),
    content: (height) => (
      <Content
        model={session.model}
        config={config}
        state={search.state}
        results={found}
        searching={search.searching}
        error={symbolSearch.kind === 'failed' ? symbolSearch.error : null}
        explanation={explanation}
        width={layout.columns}
        height={height}
      />
    ),
    onKey: search.onKey,
    takesText: () => search.focus() === 'query',
  };
}
