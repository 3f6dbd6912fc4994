import type { MenuModel } from '../../model/types.js';
import { nodeSymbol } from '../../model/node-symbol.js';

/** `CONFIG_E1000E  Intel(R) PRO/1000 ...` for a symbol's node, the prompt for others: how titles name a node. */
export function nodeTitle(model: MenuModel, nodeId: number): string {
  const node = model.nodes[nodeId];
  const info = nodeSymbol(model, node);
  return info ? `CONFIG_${info.name}  ${node?.prompt ?? ''}` : (node?.prompt ?? '');
}
