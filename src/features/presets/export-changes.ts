import { parseConfigValue, readConfigAssignments } from '../../model/config-text.js';
import type { MenuModel, SymbolType } from '../../model/types.js';
import { formatFragment } from './fragment-format.js';
import { formatGuixList, type GuixValue } from './guix-format.js';

export type ExportFormat = 'fragment' | 'guix';

export interface ExportEntry {
  name: string;
  type: SymbolType;
  /** The right-hand side as .config spells it, null for "is not set". */
  text: string | null;
}

/**
 * The options a user can set whose line differs between two .config texts the kernel wrote:
 * merged into the base (merge_config.sh -m, olddefconfig) they give the current configuration
 * back. Options without a prompt follow from the others and are left out; so are options the
 * current configuration no longer writes (their dependencies are off).
 */
export function changedOptions(model: MenuModel, baseText: string, currentText: string): ExportEntry[] {
  const base = readConfigAssignments(baseText);
  const entries: ExportEntry[] = [];
  for (const [name, text] of readConfigAssignments(currentText)) {
    const info = model.byName.get(name);
    if (!info || info.prompt === null || (base.has(name) && base.get(name) === text)) continue;
    entries.push({ name, type: info.type, text });
  }
  return entries;
}

function guixValue(entry: ExportEntry): GuixValue {
  const parsed = parseConfigValue(entry.text);
  if (!parsed.ok) return { string: entry.text ?? '' };
  if (parsed.kind === 'unset' || (parsed.kind === 'tristate' && parsed.value === 'n')) return false;
  if (parsed.kind === 'tristate') return parsed.value === 'y' ? true : 'module';
  if (parsed.kind === 'string') return { string: parsed.value };
  if (entry.type === 'hex' || !/^-?[0-9]+$/.test(parsed.value)) return { hex: parsed.value.replace(/^0[xX]/, '') };
  return { integer: parsed.value };
}

export interface ExportOptions {
  /** The fragment's `# Help:` text, or the Guix list's name (`%my-options`). */
  name: string;
  description: string;
}

export function formatExport(entries: ExportEntry[], format: ExportFormat, options: ExportOptions): string {
  if (format === 'fragment') {
    return formatFragment(entries, [`Help: ${options.description}`]);
  }
  const name = options.name.startsWith('%') ? options.name : `%${options.name}`;
  return formatGuixList(name, entries.map((entry) => ({ name: entry.name, value: guixValue(entry) })), [options.description]);
}
