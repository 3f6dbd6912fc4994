import { readdir } from 'node:fs/promises';
import { join, posix, resolve } from 'node:path';
import { readBoundedText, SMALL_INPUT } from '../../engine/files/read-bounded.js';
import { expandVariables, logicalLines, mapLimit } from '../../features/hardware/kbuild-module-map.js';

/**
 * What the Makefiles of a tree do for each CONFIG_ symbol, as comparable keys ("features"):
 * - `o:DIR/NAME.o` (or `o:DIR/SUB/`): an object or directory the symbol adds to a build list
 *   (`obj-$(CONFIG_X) += a.o`, `lib-`, a composite's `foo-$(CONFIG_X) += b.o`, or any of these
 *   inside `ifdef CONFIG_X` / `ifeq ($(CONFIG_X),y)`);
 * - `b:NAME.o`: the same object by its file name alone (a file that moved to another directory);
 * - `l:FILE:LINE`: a line the symbol guards or is named in, with every CONFIG_ name written
 *   `CONFIG_@` (`KBUILD_CFLAGS += -mfunction-return=thunk-extern` under `ifdef CONFIG_RETHUNK`).
 * A symbol renamed between two releases keeps most of its features; one folded into another
 * hands them to that one.
 */
export interface MakefileFootprints {
  srcTree: string;
  bySymbol: Map<string, Set<string>>;
  /** How many symbols have each feature: a feature many symbols share says little. */
  sharing: Map<string, number>;
  makefileCount: number;
}

const cache = new Map<string, Promise<MakefileFootprints>>();
/** A line of a `x := $(x) $(x)` chain grows without bound: such lines are skipped. */
const MAX_EXPANDED = 64 << 10;
const SKIPPED_TOP = new Set(['Documentation', 'tools', 'samples', 'LICENSES', 'usr']);

/** The footprints of a tree's Makefiles for one architecture (other architectures' directories are left out), cached per tree. */
export function loadMakefileFootprints(srcTree: string, srcArch: string): Promise<MakefileFootprints> {
  const key = `${resolve(srcTree)}\0${srcArch}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = scanTree(resolve(srcTree), srcArch);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function scanTree(srcTree: string, srcArch: string): Promise<MakefileFootprints> {
  const files = await findMakefiles(srcTree, srcArch);
  const texts = await mapLimit(files, 64, (file) => readBoundedText(join(srcTree, file), { maxBytes: SMALL_INPUT, what: 'Makefile' }).catch(() => ''));
  const bySymbol = new Map<string, Set<string>>();
  files.forEach((file, index) => collectFootprints(file, texts[index] as string, bySymbol));
  const sharing = new Map<string, number>();
  for (const features of bySymbol.values()) for (const feature of features) sharing.set(feature, (sharing.get(feature) ?? 0) + 1);
  return { srcTree, bySymbol, sharing, makefileCount: files.length };
}

/** One open `ifdef`/`ifeq` block: the symbols that switch on the branch being read. */
interface Conditional {
  symbols: string[];
  /** True when the `if` branch is read with the symbols on (ifdef, ifneq (..,)), false when off (ifndef, ifeq (..,)). */
  positive: boolean;
  inElse: boolean;
}

/** Adds the features of one Makefile to `bySymbol`. */
export function collectFootprints(file: string, text: string, bySymbol: Map<string, Set<string>>): void {
  const dir = posix.dirname(file);
  const variables = new Map<string, string>();
  const stack: Conditional[] = [];
  const add = (symbol: string, feature: string): void => {
    let features = bySymbol.get(symbol);
    if (!features) bySymbol.set(symbol, (features = new Set()));
    features.add(feature);
  };
  for (const { text: raw } of logicalLines(text)) {
    const expanded = expandVariables(raw, variables);
    if (expanded.length > MAX_EXPANDED) continue;
    const line = expanded.trim();
    if (line === '') continue;
    if (readConditional(line, stack)) continue;
    const guards = stack.flatMap((frame) => (frame.positive !== frame.inElse ? frame.symbols : []));
    const named = configNames(line);
    const assignment = /^(\S.*?)\s*(\+=|:=|::=|\?=|=)\s*(.*)$/.exec(line);
    if (assignment && /^[A-Za-z0-9_.-]+$/.test(assignment[1] as string)) {
      const [, name, operator, value] = assignment as unknown as [string, string, string, string];
      const previous = variables.get(name);
      variables.set(name, operator === '+=' && previous ? `${previous} ${value}` : value);
    }
    const symbols = [...new Set([...named, ...guards])];
    if (symbols.length === 0) continue;
    const features = [`l:${file}:${line.replace(/CONFIG_[A-Za-z0-9_]+/g, 'CONFIG_@').replace(/\s+/g, ' ')}`];
    if (assignment && isBuildList(assignment[1] as string)) {
      for (const token of (assignment[3] as string).split(/\s+/)) {
        if (!token.endsWith('.o') && !token.endsWith('/')) continue;
        if (token.includes('$')) continue;
        features.push(`o:${posix.normalize(posix.join(dir, token))}${token.endsWith('/') ? '/' : ''}`);
        if (token.endsWith('.o')) features.push(`b:${posix.basename(token)}`);
      }
    }
    for (const symbol of symbols) for (const feature of features) add(symbol, feature);
  }
}

/** `obj-...`, `lib-...`, `foo-objs`, `foo-y`, `foo-$(CONFIG_X)`: a list of objects, not flags. */
function isBuildList(target: string): boolean {
  return (
    /^(obj|lib|[A-Za-z0-9_.]+)-(\$[({].*[)}]|y|m|objs)$/s.test(target) &&
    !/^(ccflags|asflags|ldflags|subdir-ccflags|subdir-asflags|cflags|CFLAGS|AFLAGS|targets|always|hostprogs|userprogs|extra|clean-files|KASAN|UBSAN|KCOV|GCOV|KCSAN|OBJECT_FILES)/.test(
      target,
    )
  );
}

function configNames(line: string): string[] {
  return [...line.matchAll(/CONFIG_([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);
}

/** Updates the stack for `ifdef`/`ifndef`/`ifeq`/`ifneq`/`else`/`endif`; false for any other line. */
function readConditional(line: string, stack: Conditional[]): boolean {
  const word = /^(ifdef|ifndef|ifeq|ifneq|else|endif)\b\s*(.*)$/.exec(line);
  if (!word) return false;
  const [, keyword, rest] = word as unknown as [string, string, string];
  if (keyword === 'endif') {
    stack.pop();
    return true;
  }
  if (keyword === 'else') {
    const top = stack[stack.length - 1];
    if (top) top.inElse = true;
    // `else ifeq (...)` opens no new endif: the rest is read as the branch's own condition.
    if (rest !== '' && top) {
      const nested: Conditional[] = [];
      readConditional(rest, nested);
      if (nested[0]) Object.assign(top, { symbols: nested[0].symbols, positive: nested[0].positive, inElse: false });
    }
    return true;
  }
  const symbols = configNames(rest);
  let positive: boolean;
  if (keyword === 'ifdef') positive = true;
  else if (keyword === 'ifndef') positive = false;
  else {
    // ifeq ($(CONFIG_X),y) is on with X; ifeq ($(CONFIG_X),) is on without it; ifneq the reverse.
    const emptySide = /,\s*\)\s*$|\(\s*,|""|''/.test(rest);
    positive = keyword === 'ifeq' ? !emptySide : emptySide;
  }
  stack.push({ symbols, positive, inElse: false });
  return true;
}

function isMakefileName(name: string): boolean {
  return name === 'Makefile' || name === 'Kbuild' || /^(Makefile|Kbuild)[._-]/.test(name);
}

async function findMakefiles(root: string, srcArch: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth === 0 && SKIPPED_TOP.has(entry.name)) continue;
        if (relative === 'arch' && entry.name !== srcArch) continue;
        subdirs.push(path);
      } else if (entry.isFile() && isMakefileName(entry.name)) {
        found.push(path);
      }
    }
    await Promise.all(subdirs.map((subdir) => walk(subdir, depth + 1)));
  };
  await walk('', 0);
  return found.sort();
}
