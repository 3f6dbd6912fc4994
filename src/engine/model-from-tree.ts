import type { MenuModel, MenuNode, SymbolInfo } from '../model/types.js';
import type { TreePayload } from './protocol.js';

/**
 * The frontend's `tree` answer as the model the rest of tuxconf uses (ids are array indexes).
 * A symbol's prompt, help and locations are those of its menu nodes, which the answer sends once.
 */
export function modelFromTree(payload: TreePayload): MenuModel {
  const nodes: MenuNode[] = payload.nodes.map((node, id) => ({
    id,
    parent: node.parent,
    children: node.children,
    kind: node.kind,
    prompt: node.prompt,
    symbol: node.symbol,
    menuconfig: node.menuconfig,
    location: { file: node.file, line: node.line },
    dependsOn: node.dependsOn,
    visibleIf: node.visibleIf,
    help: node.help,
  }));
  const symbols: SymbolInfo[] = payload.symbols.map((symbol, index) => {
    const own = symbol.nodes.map((id) => nodes[id]!);
    return {
      ...symbol,
      index,
      prompt: own.find((node) => node.prompt !== null)?.prompt ?? null,
      help: own.find((node) => node.help !== '')?.help ?? '',
      definedAt: own.map((node) => node.location),
    };
  });
  return { nodes, symbols, byName: new Map(symbols.map((symbol) => [symbol.name, symbol])) };
}
