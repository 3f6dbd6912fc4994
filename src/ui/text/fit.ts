import { escapeControl } from '../../model/escape-text.js';
import { isNew, rowText, valueMarker, type MenuRow } from '../../model/menu-rows.js';
import type { ConfigState, MenuModel } from '../../model/types.js';

export interface RowFormatOptions {
  /** Show the symbol name after the prompt. */
  showNames: boolean;
  /** The rows belong to a choice's own screen: members are drawn as radio buttons. */
  inChoice: boolean;
}

/** The text of one menu line, as menuconfig draws it (plus the symbol name when asked). */
export function formatRow(model: MenuModel, config: ConfigState, row: MenuRow, options: RowFormatOptions): string {
  // Prompts and string values come from files: control characters in them show escaped.
  return escapeControl(rowLine(model, config, row, options));
}

function rowLine(model: MenuModel, config: ConfigState, row: MenuRow, options: RowFormatOptions): string {
  const node = model.nodes[row.node];
  if (!node) return '';
  const info = node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
  const state = node.symbol >= 0 ? config.symbols[node.symbol] : undefined;
  const name = options.showNames && info ? ` (${info.name})` : '';
  if (options.inChoice && info && state && node.kind === 'symbol') {
    const selected = config.nodes[node.parent]?.selected === node.symbol;
    return `(${selected ? 'X' : ' '}) ${node.prompt ?? ''}${name}`;
  }
  if (row.header || node.kind !== 'symbol' || !info || !state) {
    const text = rowText(model, config, row);
    if (!name || !node.prompt) return text;
    const at = text.indexOf(node.prompt);
    return at < 0 ? text + name : text.slice(0, at + node.prompt.length) + name + text.slice(at + node.prompt.length);
  }
  const indent = ' '.repeat(row.depth * 2);
  const arrow = config.nodes[row.node]?.empty ? '----' : '--->';
  const submenu = node.menuconfig ? `  ${arrow}` : '';
  const fresh = isNew(state) ? ' (NEW)' : '';
  return `${valueMarker(info, state)} ${indent}${node.prompt ?? ''}${name}${fresh}${submenu}`;
}

/** Cuts `text` to `width` columns (with an ellipsis) or pads it with spaces. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length > width) return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
  return text + ' '.repeat(width - chars.length);
}

/** Cuts `text` from the left (paths: the end matters most). */
export function fitLeft(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return '…' + chars.slice(chars.length - width + 1).join('');
}
