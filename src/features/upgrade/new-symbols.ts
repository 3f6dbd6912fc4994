import { menuPath } from '../../model/menu-path.js';
import { isSubmenu } from '../../model/menu-rows.js';
import { nodeSymbol } from '../../model/node-symbol.js';
import type { ConfigState, MenuModel } from '../../model/types.js';
import type { NewEntry, NewMenuGroup } from './types.js';

/**
 * The symbols the loaded config has no value for, as `make listnewconfig` (conf's check_conf)
 * finds them: walking the menu tree in order, skipping invisible menus, every entry whose symbol
 * has a name, no value from the config and can be changed (a prompt that is visible, not forced
 * by select). A symbol with several entries is listed once per entry, as conf lists it.
 */
export function newSymbols(model: MenuModel, state: ConfigState): NewEntry[] {
  const found: NewEntry[] = [];
  const visit = (id: number, menu: number): void => {
    const node = model.nodes[id]!;
    if (!state.nodes[id]?.visible) return;
    const info = nodeSymbol(model, node);
    if (info) {
      const symbolState = state.symbols[node.symbol]!;
      if (!symbolState.hasValue && symbolState.changeable) {
        found.push({
          name: info.name,
          node: id,
          type: info.type,
          prompt: node.prompt ?? info.prompt,
          value: symbolState.value,
          help: node.help || info.help,
          menu,
        });
      }
    }
    const inner = id !== 0 && isSubmenu(node) ? id : menu;
    for (const child of node.children) visit(child, inner);
  };
  visit(0, 0);
  return found;
}

/** A new symbol's line as `make listnewconfig` prints it: `CONFIG_X=value`, strings quoted. */
export function listnewconfigLine(entry: NewEntry): string {
  return `CONFIG_${entry.name}=${entry.type === 'string' ? configString(entry.value) : entry.value}`;
}

/** A string value as the kernel's writer escapes it: quoted, with `"` and `\` escaped. */
export function configString(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** New symbols by the menu they are reviewed in, menus in the order they were first met. */
export function groupByMenu(model: MenuModel, entries: NewEntry[]): NewMenuGroup[] {
  const groups = new Map<number, NewMenuGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.menu);
    if (!group) {
      const node = model.nodes[entry.menu];
      const title = entry.menu === 0 ? 'Main menu' : (node?.prompt ?? `menu ${entry.menu}`);
      group = { menu: entry.menu, title, path: entry.menu === 0 ? [] : [...menuPath(model, entry.menu), title], entries: [] };
      groups.set(entry.menu, group);
    }
    group.entries.push(entry);
  }
  return [...groups.values()];
}
