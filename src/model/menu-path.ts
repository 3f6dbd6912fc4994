import type { MenuModel, SymbolInfo } from './types.js';

/**
 * The prompts of the menus that enclose `nodeId`, outermost first, as menuconfig's
 * "Location:" shows them: without the root menu, without the node itself, and skipping
 * entries without a prompt (`if` blocks). Menuconfig entries and symbols that other
 * entries are nested under count as menus.
 */
export function menuPath(model: MenuModel, nodeId: number): string[] {
  const path: string[] = [];
  let node = model.nodes[nodeId];
  while (node && node.parent > 0) {
    node = model.nodes[node.parent];
    if (node?.prompt) path.push(node.prompt);
  }
  return path.reverse();
}

/**
 * The menu node that stands for a symbol when one place must be chosen (search results,
 * "jump to"): its first entry with a prompt, else its first entry, else -1.
 */
export function primaryNode(model: MenuModel, symbol: SymbolInfo): number {
  for (const id of symbol.nodes) {
    if (model.nodes[id]?.prompt) return id;
  }
  return symbol.nodes[0] ?? -1;
}
