import { readdir } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { readBoundedText, SMALL_INPUT } from '../../engine/files/read-bounded.js';
import { normalizeModuleName } from './module-alias-index.js';

/** One object a Makefile builds under a condition: `obj-$(CONFIG_E1000E) += e1000e.o`. */
export interface KbuildObject {
  module: string;
  /**
   * The CONFIG_ symbols (without the prefix) the line depends on; the last is the object's own
   * (`obj-$(subst y,$(CONFIG_L2TP),$(CONFIG_PPPOL2TP))` gives `L2TP`, `PPPOL2TP`).
   */
  symbols: string[];
  /** Tree-relative Makefile or Kbuild file and line number. */
  makefile: string;
  line: number;
  /** The line as written, continuations joined. */
  text: string;
  /** Tree-relative directory the object is built in (the Makefile's, plus a `dir/foo.o` prefix). */
  dir: string;
  /** Set when the line itself names no symbol (`obj-m += foo.o`) and the symbol guards its directory. */
  inheritedFrom: { makefile: string; line: number; text: string; condition: ObjCondition } | null;
  /** How make decides whether the object is built, and how: see module-build-state.ts. */
  rule: BuildRule;
}

/** The `$(...)` after `obj-` as make evaluates it, for the forms kbuild Makefiles use. */
export type ObjCondition =
  | { kind: 'symbol'; name: string }
  /** `obj-y`, `obj-m`. */
  | { kind: 'fixed'; value: 'y' | 'm' }
  /** `$(subst y,$(CONFIG_A),$(CONFIG_B))`: B, except that B=y becomes A's value. */
  | { kind: 'subst-y'; replacement: string; text: string }
  /** `$(findstring y, $(CONFIG_A) $(CONFIG_B))`, `$(filter y, ...)`: y when any of them is y. */
  | { kind: 'any-y'; names: string[] }
  | { kind: 'unknown'; text: string };

/** A test the line sits under: `ifdef CONFIG_X` (set), `ifeq ($(CONFIG_X),y)` (y), or `$(foo-y)` of `foo-$(CONFIG_X) := x.o` (y). */
export interface Gate {
  symbol: string;
  test: 'set' | 'unset' | 'y' | 'not-y' | 'm';
}

export interface BuildRule {
  condition: ObjCondition;
  /** Every enclosing test make can decide from CONFIG_ values; tests of other variables are not kept. */
  gates: Gate[];
}

export interface KbuildModuleMap {
  srcTree: string;
  byModule: Map<string, KbuildObject[]>;
  makefileCount: number;
}

interface DirectoryGuard {
  symbols: string[];
  makefile: string;
  line: number;
  text: string;
  condition: ObjCondition;
}

const cache = new Map<string, Promise<KbuildModuleMap>>();
const MAX_EXPANDED = 64 << 10;

/**
 * Which CONFIG_ symbol builds which module, from every Makefile and Kbuild file of the tree
 * (what streamline_config.pl reads), cached per tree for the life of the process.
 */
export function loadKbuildModuleMap(srcTree: string): Promise<KbuildModuleMap> {
  const key = resolve(srcTree);
  let pending = cache.get(key);
  if (!pending) {
    pending = scanTree(key);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/**
 * The lines that build `module` for this architecture: the ones in the module's own directory when
 * it is known (from modules.dep / modules.builtin), else every one outside other architectures' trees.
 */
export function objectsForModule(
  map: KbuildModuleMap,
  module: string,
  scope: { srcArch: string; treeDir?: string | null; dirHint?: string | null },
): KbuildObject[] {
  const all = map.byModule.get(normalizeModuleName(module)) ?? [];
  if (scope.treeDir) {
    const inDir = all.filter((object) => object.dir === scope.treeDir);
    if (inDir.length > 0) return inDir;
  }
  const forArch = all.filter((object) => inArchitecture(object.dir, scope.srcArch) && !object.dir.startsWith('tools/'));
  const hinted = scope.dirHint ? forArch.filter((object) => object.dir.startsWith(scope.dirHint as string)) : [];
  return hinted.length > 0 ? hinted : forArch;
}

function inArchitecture(dir: string, srcArch: string): boolean {
  const parts = dir.split('/');
  return parts[0] !== 'arch' || parts[1] === srcArch;
}

async function scanTree(srcTree: string): Promise<KbuildModuleMap> {
  const files = await findMakefiles(srcTree);
  const objects: KbuildObject[] = [];
  const guards = new Map<string, DirectoryGuard[]>();
  // The largest Makefile of a kernel tree is some 60 KiB; a Makefile replaced by a FIFO or a device is refused, not waited on.
  const texts = await mapLimit(files, 64, (file) => readBoundedText(join(srcTree, file), { maxBytes: SMALL_INPUT, what: 'Makefile' }));
  files.forEach((file, index) => parseMakefile(file, texts[index] as string, objects, guards));

  const byModule = new Map<string, KbuildObject[]>();
  for (const object of objects) {
    if (object.symbols.length === 0) {
      const guard = findGuard(guards, object.dir);
      if (guard) {
        object.symbols = guard.symbols;
        object.inheritedFrom = { makefile: guard.makefile, line: guard.line, text: guard.text, condition: guard.condition };
      } else if (object.rule.condition.kind !== 'fixed') continue;
      // Else a directory kbuild always enters builds it: `obj-y += libblake2s.o` in lib/crypto.
    }
    const list = byModule.get(object.module);
    if (list) list.push(object);
    else byModule.set(object.module, [object]);
  }
  return { srcTree, byModule, makefileCount: files.length };
}

/** The nearest enclosing `obj-$(CONFIG_X) += dir/` that makes kbuild descend into `dir`. */
function findGuard(guards: Map<string, DirectoryGuard[]>, dir: string): DirectoryGuard | null {
  for (let current = dir; current !== '.' && current !== ''; current = posix.dirname(current)) {
    const found = guards.get(current)?.find((guard) => guard.symbols.length > 0);
    if (found) return found;
  }
  return null;
}

export function parseMakefile(
  file: string,
  text: string,
  objects: KbuildObject[],
  guards: Map<string, DirectoryGuard[]>,
): void {
  const dir = posix.dirname(file);
  const variables = new Map<string, string>();
  const conditionalLists = new Map<string, { gate: Gate; objects: string }[]>();
  const blocks = new ConditionalBlocks();
  for (const { text: raw, line } of logicalLines(text)) {
    if (blocks.take(raw)) continue;
    const expanded = expandVariables(raw, variables);
    // `x := $(x) $(x)` doubles a variable on each line: stop before that eats the memory.
    if (expanded.length > MAX_EXPANDED) continue;
    const obj = parseObjLine(expanded);
    if (!obj) {
      const conditional = expanded.match(/^\s*([A-Za-z0-9_.]+-)\$[({]CONFIG_([A-Za-z0-9_]+)[)}]\s*(:=|\+=|=)\s*(.*?)\s*$/);
      if (conditional) {
        const [, prefix, symbol, , value] = conditional as unknown as [string, string, string, string, string];
        for (const test of ['y', 'm'] as const) {
          const name = `${prefix}${test}`;
          const list = conditionalLists.get(name) ?? [];
          list.push({ gate: { symbol, test }, objects: value });
          conditionalLists.set(name, list);
        }
        continue;
      }
      const assignment = expanded.match(/^\s*([A-Za-z0-9_.-]+)\s*(:=|::=|\?=|=|\+=)\s*(.*?)\s*$/);
      if (assignment) {
        const [, name, operator, value] = assignment as unknown as [string, string, string, string];
        const previous = variables.get(name);
        variables.set(name, operator === '+=' && previous ? `${previous} ${value}` : value);
      }
      continue;
    }
    const gates = blocks.gates();
    const add = (list: string, extra: Gate[]): void => {
      for (const token of list.split(/\s+/)) addToken(token, extra);
    };
    const addToken = (token: string, extra: Gate[]): void => {
      if (token.endsWith('/')) {
        const target = posix.normalize(posix.join(dir, token)).replace(/\/+$/, '');
        const list = guards.get(target) ?? [];
        list.push({ symbols: obj.symbols, makefile: file, line, text: raw.trim(), condition: obj.condition });
        guards.set(target, list);
      } else if (token.endsWith('.o')) {
        const objectDir = posix.normalize(posix.join(dir, posix.dirname(token)));
        const lineGates = [...gates, ...extra];
        // `obj-y += unicode.o` inside `ifneq ($(CONFIG_UNICODE),)`: the test is what builds it.
        const own = obj.symbols.length > 0 || obj.condition.kind !== 'fixed' ? obj.symbols : [...new Set(lineGates.map((gate) => gate.symbol))];
        objects.push({
          module: normalizeModuleName(posix.basename(token, '.o')),
          symbols: own,
          makefile: file,
          line,
          text: raw.trim(),
          dir: objectDir,
          inheritedFrom: null,
          rule: { condition: obj.condition, gates: lineGates },
        });
      }
    };
    // `obj-$(CONFIG_INFINIBAND) += ib_core.o $(infiniband-y)` with `infiniband-$(CONFIG_X) := rdma_cm.o`.
    const objectList = obj.objects.replace(/\$[({]([A-Za-z0-9_.]+-[ym])[)}]/g, (whole, name: string) => {
      const lists = conditionalLists.get(name);
      if (!lists) return whole;
      for (const entry of lists) add(entry.objects, [entry.gate]);
      return ' ';
    });
    add(objectList, []);
  }
}

/**
 * The `ifdef`/`ifeq` blocks a Makefile line sits in, as gates on CONFIG_ symbols. Tests of
 * anything else (`ifeq ($(ARCH),x86)`) are not kept: the line counts as built under them, as
 * streamline_config.pl counts it.
 */
class ConditionalBlocks {
  private readonly stack: { gate: Gate | null; negated: boolean }[] = [];

  /** Takes a conditional directive; false for any other line. */
  take(line: string): boolean {
    const text = line.trim();
    const directive = text.match(/^(ifdef|ifndef|ifeq|ifneq|else|endif)\b\s*(.*)$/);
    if (!directive) return false;
    const [, keyword, rest] = directive as unknown as [string, string, string];
    if (keyword === 'endif') this.stack.pop();
    else if (keyword === 'else') {
      const top = this.stack.at(-1);
      if (top) {
        // `else ifeq ...` opens a branch whose test tuxconf does not combine: no gate for it.
        top.gate = rest.trim() === '' && top.gate ? negate(top.gate) : null;
        top.negated = true;
      }
    } else this.stack.push({ gate: parseTest(keyword, rest), negated: false });
    return true;
  }

  gates(): Gate[] {
    return this.stack.flatMap((block) => (block.gate ? [block.gate] : []));
  }
}

function parseTest(keyword: string, rest: string): Gate | null {
  if (keyword === 'ifdef' || keyword === 'ifndef') {
    const symbol = rest.match(/^CONFIG_([A-Za-z0-9_]+)\s*$/)?.[1];
    return symbol ? { symbol, test: keyword === 'ifdef' ? 'set' : 'unset' } : null;
  }
  const compared = rest.match(/^\(\s*\$[({]CONFIG_([A-Za-z0-9_]+)[)}]\s*,\s*([ym]?)\s*\)\s*$/);
  if (!compared) return null;
  const [, symbol, value] = compared as unknown as [string, string, string];
  const equal = keyword === 'ifeq';
  if (value === '') return { symbol, test: equal ? 'unset' : 'set' };
  if (value === 'y') return { symbol, test: equal ? 'y' : 'not-y' };
  return equal ? { symbol, test: 'm' } : null;
}

function negate(gate: Gate): Gate | null {
  const opposite: Partial<Record<Gate['test'], Gate['test']>> = { set: 'unset', unset: 'set', y: 'not-y', 'not-y': 'y' };
  const test = opposite[gate.test];
  return test ? { symbol: gate.symbol, test } : null;
}

/** `obj-$(...) += objects`: the symbols in the condition (nested `$(subst ...)` included), the condition, and the object list. */
function parseObjLine(line: string): { symbols: string[]; condition: ObjCondition; objects: string } | null {
  const start = line.match(/^\s*obj-/);
  if (!start) return null;
  let index = start[0].length;
  let conditionText: string;
  if (line.startsWith('$(', index) || line.startsWith('${', index)) {
    const end = matchingClose(line, index + 1);
    if (end < 0) return null;
    conditionText = line.slice(index, end + 1);
    index = end + 1;
  } else {
    const word = line.slice(index).match(/^[ym]\b/);
    if (!word) return null;
    conditionText = word[0];
    index += 1;
  }
  const rest = line.slice(index).match(/^\s*(\+=|:=|=)\s*(.*)$/);
  if (!rest) return null;
  const symbols = [...conditionText.matchAll(/CONFIG_([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);
  return { symbols: [...new Set(symbols)], condition: readCondition(conditionText), objects: (rest[2] as string).trim() };
}

const CONFIG_REFERENCE = String.raw`\$[({]CONFIG_([A-Za-z0-9_]+)[)}]`;
const SUBST_Y = new RegExp(String.raw`^\$\(subst\s+y\s*,\s*${CONFIG_REFERENCE}\s*,\s*${CONFIG_REFERENCE}\s*\)$`);
const ANY_Y = /^\$\((?:findstring|filter)\s+y\s*,(.*)\)$/;

function readCondition(text: string): ObjCondition {
  if (text === 'y' || text === 'm') return { kind: 'fixed', value: text };
  const single = text.match(new RegExp(`^${CONFIG_REFERENCE}$`));
  if (single) return { kind: 'symbol', name: single[1] as string };
  const subst = text.match(SUBST_Y);
  if (subst) return { kind: 'subst-y', replacement: subst[1] as string, text: subst[2] as string };
  const any = text.match(ANY_Y);
  if (any) {
    const references = (any[1] as string).trim().split(/\s+/);
    const names = references.map((reference) => reference.match(new RegExp(`^${CONFIG_REFERENCE}$`))?.[1]);
    if (names.every((name): name is string => name !== undefined)) return { kind: 'any-y', names };
  }
  return { kind: 'unknown', text };
}

function matchingClose(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '(' ? ')' : '}';
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === opener) depth++;
    else if (text[index] === closer && --depth === 0) return index;
  }
  return -1;
}

/** `$(name)` / `${name}` of variables assigned earlier in the same file, like streamline_config.pl. */
export function expandVariables(line: string, variables: Map<string, string>): string {
  if (variables.size === 0 || !line.includes('$')) return line;
  return line.replace(/\$[({]([A-Za-z0-9_.-]+)[)}]/g, (whole, name: string) => variables.get(name) ?? whole);
}

/** Lines with `\` continuations joined and `#` comments removed, each with its first line number. */
export function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  const lines = text.split('\n');
  let buffer = '';
  let first = 0;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] as string;
    if (buffer === '') first = index + 1;
    const comment = line.search(/(^|[^\\])#/);
    const continued = /\\\s*$/.test(line) && comment < 0;
    if (comment >= 0) line = line.slice(0, comment === 0 && line[0] === '#' ? 0 : comment + 1);
    if (continued) {
      buffer += line.replace(/\\\s*$/, ' ');
      continue;
    }
    yield { text: buffer + line, line: first };
    buffer = '';
  }
  if (buffer !== '') yield { text: buffer, line: first };
}

async function findMakefiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) subdirs.push(path);
      else if (entry.isFile() && (entry.name === 'Makefile' || entry.name === 'Kbuild')) found.push(path);
    }
    await Promise.all(subdirs.map(walk));
  };
  await walk('');
  return found.sort();
}

/** Runs `task` on every item, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
