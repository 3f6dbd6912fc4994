import type { MenuModel, MenuNode, SymbolInfo } from './types.js';

/** The symbol a menu node is an entry of; undefined for menus, comments, ifs, choices and no node. */
export function nodeSymbol(model: MenuModel, node: MenuNode | undefined): SymbolInfo | undefined {
  return node !== undefined && node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
}
