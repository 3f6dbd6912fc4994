import type { MenuModel, MenuNode, SymbolInfo } from '../model/types.js';
import type { NodeItem, SymbolItem, TreeCounts } from './protocol.js';

const EMPTY: never[] = Object.freeze([]) as never[];
const LIST_FIELDS = ['selects', 'implies', 'ranges', 'defaults'] as const;

/**
 * The frontend's `tree` answer as the model the rest of tuxconf uses (ids are array indexes).
 * A symbol's prompt, help and locations are those of its menu nodes, which the answer sends once.
 * Nodes are built anew: deleting `file` and `line` from the parsed items put each of them in
 * V8's dictionary mode (about 830 bytes a node, 16 MB on x86_64). Symbols are completed in place.
 */
export function modelFromTree(counts: TreeCounts, items: unknown[]): MenuModel {
  const nodes = items.slice(0, counts.nodes).map((item, id): MenuNode => {
    const { parent, kind, prompt, symbol, menuconfig, dependsOn, visibleIf, help, children, file, line } = item as NodeItem;
    return { parent, kind, prompt, symbol, menuconfig, dependsOn, visibleIf, help, children, id, location: { file, line } };
  });
  const symbols = items.slice(counts.nodes, counts.nodes + counts.symbols).map((item, index) => {
    const symbol = item as SymbolItem & Partial<SymbolInfo>;
    const own = symbol.nodes.map((id) => nodes[id]!);
    symbol.index = index;
    symbol.prompt = own.find((node) => node.prompt !== null)?.prompt ?? null;
    symbol.help = own.find((node) => node.help !== '')?.help ?? '';
    symbol.definedAt = own.map((node) => node.location);
    // One shared empty list instead of one per symbol (most have no selects, implies, ranges).
    for (const field of LIST_FIELDS) if (symbol[field].length === 0) symbol[field] = EMPTY;
    return symbol as SymbolInfo;
  });
  return { nodes, symbols, byName: new Map(symbols.map((symbol) => [symbol.name, symbol])) };
}
