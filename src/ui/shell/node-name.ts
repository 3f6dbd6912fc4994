import type { MenuModel } from '../../model/types.js';

/** `CONFIG_E1000E  Intel(R) PRO/1000 ...` for a symbol's node, the prompt for others: how titles name a node. */
export function nodeTitle(model: MenuModel, nodeId: number): string {
  const node = model.nodes[nodeId];
  const info = node && node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
  return info ? `CONFIG_${info.name}  ${node?.prompt ?? ''}` : (node?.prompt ?? '');
}
