import type { ConfigState, MenuModel, SymbolType } from '../../model/types.js';
import type { SearchIndex } from './search-index.js';
import type { MatchKind, SearchHit, SearchOptions, SymbolSearch } from './symbol-search.js';

/** Why a symbol cannot be changed now; explain() tells the details. */
export type LockReason =
  /** No prompt anywhere: only defaults and selects set it. */
  | 'no-prompt'
  /** Its dependencies are not met, so menuconfig hides it. */
  | 'depends'
  /** A `select` forces it to its current value. */
  | 'selected'
  /** Dependencies and selects leave a single value. */
  | 'fixed';

/** One search result with the symbol's state now. */
export interface SearchResult {
  symbol: number;
  /** The menu node to jump to, or -1. */
  node: number;
  /** Without CONFIG_. */
  name: string;
  prompt: string | null;
  type: SymbolType;
  value: string;
  /** Enclosing menus, outermost first (menuconfig's "Location:"). */
  path: string[];
  /** Shown in the menu now (without show-all). */
  visible: boolean;
  changeable: boolean;
  lock: LockReason | null;
  match: MatchKind;
}

export function describeHit(index: SearchIndex, state: ConfigState, hit: SearchHit): SearchResult {
  const entry = index.entries[hit.symbol];
  const info = index.model.symbols[hit.symbol];
  if (!entry || !info) throw new RangeError(`no symbol ${hit.symbol}`);
  const symbolState = state.symbols[hit.symbol];
  const changeable = symbolState?.changeable ?? false;
  return {
    symbol: hit.symbol,
    node: entry.node,
    name: info.name,
    prompt: info.prompt,
    type: info.type,
    value: symbolState?.value ?? '',
    path: index.paths[entry.path]?.prompts ?? [],
    visible: entry.node >= 0 && (state.nodes[entry.node]?.visible ?? false),
    changeable,
    lock: changeable ? null : lockReason(index.model, state, hit.symbol),
    match: hit.match,
  };
}

function lockReason(model: MenuModel, state: ConfigState, symbol: number): LockReason {
  const symbolState = state.symbols[symbol];
  if (model.symbols[symbol]?.prompt === null) return 'no-prompt';
  if (!symbolState || symbolState.visible === 'n') return 'depends';
  if (symbolState.selectedTo !== 'n') return 'selected';
  return 'fixed';
}

export interface SearchResults {
  results: SearchResult[];
  /** Matches found in all (more than `results` when the limit cut them). */
  total: number;
}

/** Runs a query and describes the hits against the current state. */
export function searchSymbols(
  search: SymbolSearch,
  state: ConfigState,
  text: string,
  options: SearchOptions = {},
): SearchResults {
  const { hits, total } = search.search(text, options);
  return { results: hits.map((hit) => describeHit(search.index, state, hit)), total };
}
