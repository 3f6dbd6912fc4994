import { nodeSymbol } from './node-symbol.js';
import type { ConfigState, MenuModel, MenuNode, SymbolInfo, SymbolState } from './types.js';

/** One line of a menu screen, in the order and nesting menuconfig (mconf's build_conf) uses. */
export interface MenuRow {
  node: number;
  /** Nesting under the previous symbol (`depends on` the symbol above), 0 at the menu's own level. */
  depth: number;
  /** The "--- Prompt" line at the top of a menuconfig entry's own screen. */
  header: boolean;
  /** Shown only because show-all is on. */
  hidden: boolean;
}

export interface MenuRowOptions {
  /** Show every entry that has a prompt, visible or not (menuconfig's "show all"). */
  showAll?: boolean;
}

/** The rows of the screen for `menuId` (the root menu, a menu, or a menuconfig entry). */
export function menuRows(model: MenuModel, state: ConfigState, menuId: number, options: MenuRowOptions = {}): MenuRow[] {
  const rows: MenuRow[] = [];
  const current = nodeAt(model, menuId);
  const showAll = options.showAll ?? false;
  let depth = 0;
  if (current.kind === 'symbol') {
    rows.push({ node: menuId, depth: 0, header: true, hidden: !isVisible(state, menuId) });
    depth = 1;
  }
  for (const child of current.children) visit(model, state, child, depth, showAll, rows);
  return rows;
}

function visit(model: MenuModel, state: ConfigState, id: number, depth: number, showAll: boolean, rows: MenuRow[]): void {
  const node = nodeAt(model, id);
  const visible = isVisible(state, id);
  if (showAll ? node.prompt === null : !visible) return;
  if (node.prompt === null) {
    for (const child of node.children) visit(model, state, child, depth, showAll, rows);
    return;
  }
  rows.push({ node: id, depth, header: false, hidden: !visible });
  if (node.kind === 'menu' || node.kind === 'choice' || node.menuconfig) return;
  for (const child of node.children) visit(model, state, child, depth + 1, showAll, rows);
}

/** The entries of a choice's own screen: its visible members and comments. */
export function choiceRows(model: MenuModel, state: ConfigState, choiceId: number): MenuRow[] {
  return nodeAt(model, choiceId)
    .children.filter((child) => isVisible(state, child) && nodeAt(model, child).prompt !== null)
    .map((child) => ({ node: child, depth: 0, header: false, hidden: false }));
}

/** Whether Enter opens a screen of its own for this node. */
export function isSubmenu(node: MenuNode): boolean {
  return node.kind === 'menu' || node.kind === 'choice' || node.menuconfig;
}

/** The value box menuconfig draws before a prompt: [*] <M> -*- {M} (value) ... */
export function valueMarker(info: SymbolInfo, symbolState: SymbolState): string {
  const v = symbolState.value;
  if (info.type === 'bool') {
    const mark = v === 'n' ? ' ' : '*';
    return symbolState.changeable ? `[${mark}]` : `-${mark}-`;
  }
  if (info.type === 'tristate') {
    const mark = v === 'y' ? '*' : v === 'm' ? 'M' : ' ';
    if (!symbolState.changeable) return `-${mark}-`;
    return symbolState.selectedTo === 'm' ? `{${mark}}` : `<${mark}>`;
  }
  return `(${v})`;
}

/** menuconfig's "(NEW)": a changeable symbol the loaded config had no value for. */
export function isNew(symbolState: SymbolState): boolean {
  return !symbolState.hasValue && symbolState.changeable;
}

/** The text menuconfig shows for a row, without the cursor and colours. */
export function rowText(model: MenuModel, state: ConfigState, row: MenuRow): string {
  const node = nodeAt(model, row.node);
  const indent = ' '.repeat(row.depth * 2);
  const prompt = node.prompt ?? '';
  const nodeState = state.nodes[row.node];
  const arrow = nodeState?.empty ? '----' : '--->';
  if (row.header) return `--- ${prompt}`;
  switch (node.kind) {
    case 'menu':
      return `    ${indent}${prompt}  ${arrow}`;
    case 'comment':
      return `    ${indent}*** ${prompt} ***`;
    case 'choice': {
      const selected = nodeState?.selected ?? -1;
      const member = selected >= 0 ? model.symbols[selected] : undefined;
      const memberPrompt = member ? memberPromptIn(model, member, row.node) : null;
      return `    ${indent}${prompt}${memberPrompt ? ` (${memberPrompt})  --->` : ''}`;
    }
    case 'symbol': {
      const info = nodeSymbol(model, node);
      const symbolState = info && state.symbols[info.index];
      if (!info || !symbolState) return prompt;
      const marker = valueMarker(info, symbolState);
      const suffix = isNew(symbolState) ? ' (NEW)' : '';
      const submenu = node.menuconfig ? `  ${arrow}` : '';
      return `${marker} ${indent}${prompt}${suffix}${submenu}`;
    }
    default:
      return `--- ${indent}${prompt}`;
  }
}

function memberPromptIn(model: MenuModel, member: SymbolInfo, choiceId: number): string | null {
  for (const id of member.nodes) {
    const node = model.nodes[id];
    if (node?.parent === choiceId && node.prompt !== null) return node.prompt;
  }
  return null;
}

function isVisible(state: ConfigState, id: number): boolean {
  return state.nodes[id]?.visible ?? false;
}

function nodeAt(model: MenuModel, id: number): MenuNode {
  const node = model.nodes[id];
  if (!node) throw new RangeError(`no menu node ${id}`);
  return node;
}
