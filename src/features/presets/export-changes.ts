import { formatConfigLine, parseConfigValue, readConfigAssignments } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import type { MenuModel, SymbolType } from '../../model/types.js';
import { formatFragment } from './fragment-format.js';
import { formatGuixList, type GuixValue } from './guix-format.js';

export type ExportFormat = 'fragment' | 'guix';

export interface ExportEntry {
  name: string;
  type: SymbolType;
  /** The right-hand side as .config spells it, null for "is not set". */
  text: string | null;
  /** The option's prompt, written as a comment beside it. */
  prompt?: string;
  /** The menus the option sits in (`Device Drivers > Network device support`): entries are grouped under it. */
  menu?: string;
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

/**
 * Why Guix's `make-linux-libre` cannot apply an entry of its extra-options list, or undefined
 * when it can. Its `config->string` writes `m`, `#t`, `#f` and strings (`"` + text + `"`, with
 * no escaping): a number fails its match and a quoted number is refused by kconfig for an int or
 * hex symbol; a string holding `"` or a backslash would reach the .config unescaped.
 */
export function guixCannotCarry(entry: ExportEntry): string | undefined {
  const parsed = parseConfigValue(entry.text);
  if (entry.type === 'int' || entry.type === 'hex' || (parsed.ok && parsed.kind === 'number')) {
    return 'a number: Guix writes only m, #t, #f and quoted strings, and kconfig refuses a quoted number';
  }
  if (parsed.ok && parsed.kind === 'string' && /["\\]/.test(parsed.value)) return 'a string with " or \\, which Guix writes into the .config unescaped';
  return undefined;
}

function guixValue(entry: ExportEntry): GuixValue {
  const parsed = parseConfigValue(entry.text);
  if (!parsed.ok) return { string: entry.text ?? '' };
  if (parsed.kind === 'unset' || (parsed.kind === 'tristate' && parsed.value === 'n')) return false;
  if (parsed.kind === 'tristate') return parsed.value === 'y' ? true : 'module';
  return { string: parsed.value };
}

export interface ExportOptions {
  /** The fragment's `# Help:` text, or the Guix list's name (`%my-options`). */
  name: string;
  description: string;
}

/**
 * The entries as a fragment or a Guix list. A Guix list leaves out what Guix cannot apply
 * (`guixCannotCarry`) and names those entries in a comment at its end, in .config form.
 */
export function formatExport(entries: ExportEntry[], format: ExportFormat, options: ExportOptions): string {
  if (format === 'fragment') {
    return formatFragment(entries, [`Help: ${options.description}`]);
  }
  const name = options.name.startsWith('%') ? options.name : `%${options.name}`;
  const carried = entries.filter((entry) => guixCannotCarry(entry) === undefined);
  const leftOut = entries.filter((entry) => guixCannotCarry(entry) !== undefined);
  const list = formatGuixList(
    name,
    carried.map((entry) => ({ name: entry.name, value: guixValue(entry), prompt: entry.prompt, menu: entry.menu })),
    [options.description],
  );
  if (leftOut.length === 0) return list;
  const note = [
    '',
    `;; Left out: a Guix extra-options list cannot carry ${leftOut.length === 1 ? 'this value' : 'these values'}. Put the lines`,
    ';; in the #:configuration-file the list is applied to, or in a fragment beside it:',
    ...leftOut.map((entry) => `;;   ${escapeControl(formatConfigLine(entry))}`),
  ];
  return `${list}${note.join('\n')}\n`;
}
