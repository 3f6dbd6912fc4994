import type { MenuModel, MenuNode, SymbolInfo } from '../model/types.js';
import type { NodeItem, SymbolItem, TreeCounts } from './protocol.js';

/**
 * The frontend's `tree` answer as the model the rest of tuxconf uses (ids are array indexes).
 * A symbol's prompt, help and locations are those of its menu nodes, which the answer sends once.
 * The parsed items are completed in place: on x86_64 they are 37k objects, not worth copying.
 */
export function modelFromTree(counts: TreeCounts, items: unknown[]): MenuModel {
  const nodes = items.slice(0, counts.nodes).map((item, id) => {
    const node = item as NodeItem & Partial<MenuNode>;
    node.id = id;
    node.location = { file: node.file, line: node.line };
    delete (node as Partial<NodeItem>).file;
    delete (node as Partial<NodeItem>).line;
    return node as unknown as MenuNode;
  });
  const symbols = items.slice(counts.nodes, counts.nodes + counts.symbols).map((item, index) => {
    const symbol = item as SymbolItem & Partial<SymbolInfo>;
    const own = symbol.nodes.map((id) => nodes[id]!);
    symbol.index = index;
    symbol.prompt = own.find((node) => node.prompt !== null)?.prompt ?? null;
    symbol.help = own.find((node) => node.help !== '')?.help ?? '';
    symbol.definedAt = own.map((node) => node.location);
    return symbol as SymbolInfo;
  });
  return { nodes, symbols, byName: new Map(symbols.map((symbol) => [symbol.name, symbol])) };
}
