import { escapeControl } from '../../../model/escape-text.js';
import { isNew, rowText, valueMarker, type MenuRow } from '../../../model/menu-rows.js';
import type { ConfigState, MenuModel } from '../../../model/types.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

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
  const info = nodeSymbol(model, node);
  const state = info ? config.symbols[info.index] : undefined;
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

const formatted = new WeakMap<ConfigState, Map<string, string>>();

/** `formatRow`, remembered per configuration state: moving the cursor formats no row again. */
export function rowTextOf(model: MenuModel, config: ConfigState, row: MenuRow, options: RowFormatOptions): string {
  let lines = formatted.get(config);
  if (!lines) formatted.set(config, (lines = new Map()));
  const key = `${row.node}:${row.depth}:${row.header ? 1 : 0}:${options.showNames ? 1 : 0}:${options.inChoice ? 1 : 0}`;
  let line = lines.get(key);
  if (line === undefined) lines.set(key, (line = formatRow(model, config, row, options)));
  return line;
}

/** The title bar over a menu: the path of menus to it (the root menu's prompt at the top), and the cursor's place. */
export function menuTitle(model: MenuModel, menus: readonly number[], cursor: number, rowCount: number): { text: string; position: string } {
  const path = menus.length === 1 ? [model.nodes[0]?.prompt ?? 'Main menu'] : menus.slice(1).map((menu) => model.nodes[menu]?.prompt ?? '');
  return { text: path.join(' > '), position: rowCount > 0 ? `${cursor + 1}/${rowCount}` : '' };
}
