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
  inheritedFrom: { makefile: string; line: number; text: string } | null;
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
      if (!guard) continue;
      object.symbols = guard.symbols;
      object.inheritedFrom = { makefile: guard.makefile, line: guard.line, text: guard.text };
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
  for (const { text: raw, line } of logicalLines(text)) {
    const expanded = expandVariables(raw, variables);
    // `x := $(x) $(x)` doubles a variable on each line: stop before that eats the memory.
    if (expanded.length > MAX_EXPANDED) continue;
    const obj = parseObjLine(expanded);
    if (!obj) {
      const assignment = expanded.match(/^\s*([A-Za-z0-9_.-]+)\s*(:=|::=|\?=|=|\+=)\s*(.*?)\s*$/);
      if (assignment) {
        const [, name, operator, value] = assignment as unknown as [string, string, string, string];
        const previous = variables.get(name);
        variables.set(name, operator === '+=' && previous ? `${previous} ${value}` : value);
      }
      continue;
    }
    for (const token of obj.objects.split(/\s+/)) {
      if (token.endsWith('/')) {
        const target = posix.normalize(posix.join(dir, token)).replace(/\/+$/, '');
        const list = guards.get(target) ?? [];
        list.push({ symbols: obj.symbols, makefile: file, line, text: raw.trim() });
        guards.set(target, list);
      } else if (token.endsWith('.o')) {
        const objectDir = posix.normalize(posix.join(dir, posix.dirname(token)));
        objects.push({
          module: normalizeModuleName(posix.basename(token, '.o')),
          symbols: obj.symbols,
          makefile: file,
          line,
          text: raw.trim(),
          dir: objectDir,
          inheritedFrom: null,
        });
      }
    }
  }
}

/** `obj-$(...) += objects`: the symbols in the condition (nested `$(subst ...)` included) and the object list. */
function parseObjLine(line: string): { symbols: string[]; objects: string } | null {
  const start = line.match(/^\s*obj-/);
  if (!start) return null;
  let index = start[0].length;
  let condition: string;
  if (line.startsWith('$(', index) || line.startsWith('${', index)) {
    const end = matchingClose(line, index + 1);
    if (end < 0) return null;
    condition = line.slice(index, end + 1);
    index = end + 1;
  } else {
    const word = line.slice(index).match(/^[ym]\b/);
    if (!word) return null;
    condition = word[0];
    index += 1;
  }
  const rest = line.slice(index).match(/^\s*(\+=|:=|=)\s*(.*)$/);
  if (!rest) return null;
  const symbols = [...condition.matchAll(/CONFIG_([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);
  return { symbols: [...new Set(symbols)], objects: (rest[2] as string).trim() };
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
