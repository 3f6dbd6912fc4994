import { choiceRows, isSubmenu, type MenuRow, menuRows } from './menu-rows.js';
import type { ConfigState, MenuModel } from './types.js';

export interface WalkedRow extends MenuRow {
  /** How many submenus deep the row's screen is (0 for the main menu). */
  level: number;
  /** Node ids of the submenus entered to reach this row's screen. */
  path: number[];
}

/**
 * Every row menuconfig shows, screen after screen, in the order a user paging through the
 * menus would meet them: each submenu's rows follow the row that opens it.
 */
export function walkMenus(model: MenuModel, state: ConfigState, options: { showAll?: boolean } = {}): WalkedRow[] {
  const out: WalkedRow[] = [];
  const visit = (menuId: number, level: number, path: number[]): void => {
    const node = model.nodes[menuId]!;
    const rows = node.kind === 'choice' ? choiceRows(model, state, menuId) : menuRows(model, state, menuId, options);
    for (const row of rows) {
      out.push({ ...row, level, path });
      if (row.header) continue;
      const child = model.nodes[row.node]!;
      if (isSubmenu(child)) visit(row.node, level + 1, [...path, row.node]);
    }
  };
  visit(0, 0, []);
  return out;
}
