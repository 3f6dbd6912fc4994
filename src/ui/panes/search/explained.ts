import type { SearchResult } from '../../../features/search/search-result.js';
import { nodeSymbol } from '../../../model/node-symbol.js';
import type { ConfigState, MenuModel } from '../../../model/types.js';
import { needsExplanation } from '../../text/why-text.js';

/** The symbol whose explanation the info pane shows for this result (locked, forced, hidden), or null. */
export function explainedSymbol(model: MenuModel, config: ConfigState, result: SearchResult | undefined): string | null {
  const info = nodeSymbol(model, result ? model.nodes[result.node] : undefined);
  const state = info ? config.symbols[info.index] : undefined;
  return info && state && needsExplanation(info, state) ? info.name : null;
}
