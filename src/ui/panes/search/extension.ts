import type { ComponentType } from 'react';
import type { SearchResults } from '../../../features/search/search-result.js';
import type { ConfigState, Explanation, MenuModel } from '../../../model/types.js';
import type { SearchPaneState } from './state.js';

/**
 * What the search view draws when `/` opens it. The App owns the keyboard and the pane's state
 * (src/ui/hooks/use-search-pane.ts); the view only presents it. The App uses
 * src/ui/components/search-view.tsx unless another view is passed in.
 */
export interface SearchViewProps {
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

export type SearchView = ComponentType<SearchViewProps>;
