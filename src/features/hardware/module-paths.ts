import { normalizeModuleName } from './module-alias-index.js';

/** Where a module of the running kernel came from: a directory of the kernel tree, or outside it. */
export interface ModulePath {
  name: string;
  /** Path below /lib/modules/RELEASE, e.g. `kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko.xz`. */
  file: string;
  /** The tree directory (`drivers/net/ethernet/intel/e1000e`) for modules under `kernel/`, else null. */
  treeDir: string | null;
  builtin: boolean;
}

/** modules.builtin: `kernel/DIR/NAME.ko`, one per line, for drivers built into the running kernel. */
export function parseModulesBuiltin(text: string): ModulePath[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((file) => modulePath(file, true));
}

/** modules.dep: `FILE: DEPENDENCIES`; files outside `kernel/` (updates/, extra/) come from outside the tree. */
export function parseModulesDep(text: string): ModulePath[] {
  const paths: ModulePath[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    paths.push(modulePath(line.slice(0, colon).trim(), false));
  }
  return paths;
}

function modulePath(file: string, builtin: boolean): ModulePath {
  const base = file.split('/').pop() ?? file;
  const name = normalizeModuleName(base.replace(/\.ko(\.(xz|gz|zst|bz2))?$/, ''));
  const treeDir = file.startsWith('kernel/') ? file.slice('kernel/'.length, file.length - base.length - 1) : null;
  return { name, file, treeDir, builtin };
}
