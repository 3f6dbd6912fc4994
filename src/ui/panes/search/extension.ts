import type { ComponentType } from 'react';
import type { SearchResults } from '../../../features/search/search-result.js';
import type { ConfigState, Explanation, MenuModel } from '../../../model/types.js';
import type { SearchPaneState } from './state.js';

/**
 * What the search pane draws when `/` opens it. The pane owns the keyboard and its state
 * (use-search-pane.tsx); this component only presents it. The App uses ./content.tsx unless
 * another component is passed in.
 */
export interface SearchContentProps {
  model: MenuModel;
  config: ConfigState;
  state: SearchPaneState;
  /** null while the index is being built. */
  results: SearchResults | null;
  /** `results` belong to the query before: the search for the query as typed runs next. */
  searching?: boolean;
  /** Set when the index could not be built. */
  error: string | null;
  /** The engine's explanation of the highlighted result when it is locked (null while it loads). */
  explanation: Explanation | null;
  width: number;
  height: number;
}

export type SearchContentComponent = ComponentType<SearchContentProps>;
