import { normalizeModuleName } from './module-alias-index.js';

/** A module the machine has loaded, from `lsmod` or `/proc/modules`. */
export interface LoadedModule {
  name: string;
  usedBy: string[];
  /** Taint letters from /proc/modules, e.g. `POE` (empty for lsmod, which does not show them). */
  taint: string;
}

/** `lsmod` output: a `Module Size Used by` header, then one module per line (long names break the columns). */
export function parseLsmod(text: string): LoadedModule[] {
  const modules: LoadedModule[] = [];
  for (const line of text.split('\n')) {
    if (/^Module\s/.test(line) || line.trim() === '') continue;
    const fields = line.trim().split(/\s+/);
    const name = fields[0] as string;
    modules.push({ name: normalizeModuleName(name), usedBy: splitUsers(fields[3]), taint: '' });
  }
  return modules;
}

/** `/proc/modules`: `name size refcount users, state address [(taint)]`. */
export function parseProcModules(text: string): LoadedModule[] {
  const modules: LoadedModule[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0] === '') continue;
    const taint = line.match(/\(([A-Z]+)\)\s*$/)?.[1] ?? '';
    modules.push({ name: normalizeModuleName(fields[0] as string), usedBy: splitUsers(fields[3]), taint });
  }
  return modules;
}

/** Taints that mean the module was not built from the kernel tree: O out-of-tree, P proprietary, E unsigned external. */
export function outOfTreeTaint(taint: string): string | null {
  const letters = [...taint].filter((letter) => 'OPE'.includes(letter));
  if (letters.length === 0) return null;
  const meaning: Record<string, string> = { O: 'out-of-tree', P: 'proprietary', E: 'unsigned' };
  return letters.map((letter) => `${letter} (${meaning[letter]})`).join(', ');
}

function splitUsers(field: string | undefined): string[] {
  if (!field || field === '-') return [];
  return field
    .split(',')
    .filter((name) => name !== '' && name !== '[permanent]')
    .map(normalizeModuleName);
}
