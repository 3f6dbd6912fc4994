import type { MenuModel } from '../../model/types.js';

/**
 * A config text that the kernel's reader turns into exactly what `make allnoconfig` produces:
 * allnoconfig gives every bool and tristate with a prompt (choice members aside) the value n
 * unless KCONFIG_ALLCONFIG set it (conf.c, conf_set_all_new_symbols(def_no)). Writing those n
 * values first and the KCONFIG_ALLCONFIG text after them gives the same values, since the
 * reader lets a later line override an earlier one.
 */
export function allnoConfigText(model: MenuModel, allconfigText = ''): string {
  const lines: string[] = [];
  for (const symbol of model.symbols) {
    if (symbol.prompt === null || symbol.choice !== -1) continue;
    if (symbol.type !== 'bool' && symbol.type !== 'tristate') continue;
    lines.push(`# CONFIG_${symbol.name} is not set`);
  }
  return `${lines.join('\n')}\n${allconfigText}`;
}
