import type { MenuRow } from '../../../model/menu-rows.js';
import { nodeSymbol } from '../../../model/node-symbol.js';
import type { ConfigState, MenuModel } from '../../../model/types.js';
import { needsExplanation } from '../../text/why-text.js';

/** The symbols of the entries next to the cursor whose info pane will show an explanation (locked, forced, hidden). */
export function explainedNeighbours(model: MenuModel, config: ConfigState, rows: readonly MenuRow[], cursor: number): string[] {
  const names: string[] = [];
  for (const index of [cursor + 1, cursor - 1]) {
    const info = nodeSymbol(model, model.nodes[rows[index]?.node ?? -1]);
    const state = info ? config.symbols[info.index] : undefined;
    if (info && state && needsExplanation(info, state)) names.push(info.name);
  }
  return names;
}
