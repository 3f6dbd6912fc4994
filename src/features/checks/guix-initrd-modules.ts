import { type Datum, type Position, readAll, SexpSyntaxError } from '../presets/sexp-reader.js';
import { MODULE_NAME, PROFILE_LIMITS } from './profile-text.js';
import type { ProfileIssue, SourcePosition } from './profile-types.js';

export interface GuixInitrdModules {
  modules: { name: string; at: SourcePosition }[];
  /** The list includes `%base-initrd-modules` (or `(default-initrd-modules)`): Guix's default list. */
  includesBase: SourcePosition | null;
  issues: ProfileIssue[];
}

/** Forms the reader looks through without evaluating them. */
const TRANSPARENT = new Set(['append', 'list', 'cons*', 'initrd-modules']);
const BASE_NAMES = new Set(['%base-initrd-modules', 'default-initrd-modules']);
const MAX_REFERENCE_DEPTH = 16;

/**
 * The module names of a Guix `initrd-modules` field, read as data with the bounded S-expression
 * reader: `(initrd-modules (append '("nvme" "sdhci-pci") %base-initrd-modules))`, a bare
 * `'("nvme" ...)`, or a `(define %mine '(...))` referred to in the same file. When the file has
 * an `(initrd-modules ...)` form, only that is read (an operating-system declaration holds other
 * lists of strings). Nothing is evaluated: a name defined elsewhere is an issue, with its place.
 */
export function parseGuixInitrdModules(text: string, path: string): GuixInitrdModules {
  const result: GuixInitrdModules = { modules: [], includesBase: null, issues: [] };
  const issue = (at: Position, message: string): void => {
    result.issues.push({ path, line: at.line, column: at.column, message });
  };
  let data: Datum[];
  try {
    data = readAll(text);
  } catch (error) {
    if (!(error instanceof SexpSyntaxError)) throw error;
    issue(error.at, error.message);
    return result;
  }
  const definitions = new Map<string, Datum>();
  for (const datum of data) collectDefinitions(datum, definitions);
  const fields = data.flatMap(findFields);
  // The field's value; else the file's top-level lists; else a file of definitions only: their values.
  const plain = data.filter((datum) => !isDefinition(datum));
  const roots = fields.length > 0 ? fields : plain.length > 0 ? plain : [...definitions.values()];
  const seen = new Set<string>();

  const visit = (datum: Datum, quoted: boolean, depth: number): void => {
    switch (datum.kind) {
      case 'string':
        addModule({ result, path, issue, seen }, datum, quoted);
        return;
      case 'symbol': {
        if (BASE_NAMES.has(datum.name)) {
          result.includesBase ??= { path, line: datum.at.line, column: datum.at.column };
          return;
        }
        const defined = definitions.get(datum.name);
        if (defined && depth < MAX_REFERENCE_DEPTH) {
          visit(defined, false, depth + 1);
          return;
        }
        if (quoted && !datum.name.startsWith('%')) {
          issue(datum.at, `'${datum.name.slice(0, 60)}' is a symbol: write module names as strings ("${datum.name.slice(0, 60)}")`);
          return;
        }
        issue(datum.at, `tuxconf does not evaluate Scheme: '${datum.name.slice(0, 60)}' is not defined in this file; write the module names out`);
        return;
      }
      case 'quoted':
        if (datum.quote === 'unquote' || datum.quote === 'unquote-splicing') visit(datum.datum, false, depth);
        else visit(datum.datum, true, depth);
        return;
      case 'list': {
        const head = datum.items[0];
        if (!quoted && head?.kind === 'symbol') {
          if (BASE_NAMES.has(head.name)) {
            result.includesBase ??= { path, line: head.at.line, column: head.at.column };
            return;
          }
          if (TRANSPARENT.has(head.name)) {
            for (const item of datum.items.slice(1)) visit(item, head.name === 'list' || head.name === 'cons*', depth);
            return;
          }
          issue(head.at, `tuxconf does not evaluate (${head.name.slice(0, 60)} ...): write the module names as a list of strings`);
          return;
        }
        if (!quoted) {
          issue(datum.at, 'a list of module names is written quoted: \'("ahci" "nvme")');
          return;
        }
        for (const item of datum.items) visit(item, true, depth);
        if (datum.tail) issue(datum.tail.at, 'a list of module names has no dotted tail');
        return;
      }
      default:
        issue(datum.at, quoted ? 'module names are strings, like "nvme"' : 'expected a list of module names, like \'("ahci" "nvme")');
    }
  };
  for (const root of roots) visit(root, false, 0);
  if (result.modules.length === 0 && result.includesBase === null && result.issues.length === 0) {
    result.issues.push({ path, line: 1, column: 1, message: 'no initrd-modules list found: expected (initrd-modules \'("nvme" ...)) or \'("nvme" ...)' });
  }
  return result;
}

interface ModuleReading {
  result: GuixInitrdModules;
  path: string;
  issue: (at: Position, message: string) => void;
  seen: Set<string>;
}

/** A string of a quoted list: one module name, checked and counted once. */
function addModule({ result, path, issue, seen }: ModuleReading, datum: Extract<Datum, { kind: 'string' }>, quoted: boolean): void {
  if (!quoted) {
    issue(datum.at, `"${datum.value.slice(0, 60)}" is not in a list of module names`);
    return;
  }
  if (datum.value.length > PROFILE_LIMITS.name || !MODULE_NAME.test(datum.value)) {
    issue(datum.unstorable ?? datum.at, `"${datum.value.slice(0, 60)}" is not a module name (letters, digits, _ and -)`);
    return;
  }
  if (seen.has(datum.value)) return;
  if (result.modules.length >= PROFILE_LIMITS.entries) {
    issue(datum.at, `more than ${PROFILE_LIMITS.entries} modules`);
    return;
  }
  seen.add(datum.value);
  result.modules.push({ name: datum.value, at: { path, line: datum.at.line, column: datum.at.column } });
  return;
}

function isDefinition(datum: Datum): boolean {
  return datum.kind === 'list' && datum.items[0]?.kind === 'symbol' && (datum.items[0].name === 'define' || datum.items[0].name === 'define-public');
}

function collectDefinitions(datum: Datum, into: Map<string, Datum>): void {
  if (!isDefinition(datum) || datum.kind !== 'list') return;
  const [, name, value] = datum.items;
  if (name?.kind === 'symbol' && value !== undefined && datum.items.length === 3) into.set(name.name, value);
}

/** The value of every `(initrd-modules VALUE)` form, wherever it stands (inside an operating-system). */
function findFields(datum: Datum): Datum[] {
  const found: Datum[] = [];
  const walk = (node: Datum, depth: number): void => {
    if (depth > 64) return;
    if (node.kind === 'quoted') walk(node.datum, depth + 1);
    if (node.kind !== 'list') return;
    const head = node.items[0];
    if (head?.kind === 'symbol' && head.name === 'initrd-modules' && node.items.length === 2) {
      found.push(node.items[1] as Datum);
      return;
    }
    for (const item of node.items) walk(item, depth + 1);
  };
  walk(datum, 0);
  return found;
}
