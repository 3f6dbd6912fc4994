import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Debian's three amd64 flavours of 6.1, carried to 6.12 in these tests. */
export const FLAVOURS = ['amd64_none_amd64', 'amd64_none_cloud-amd64', 'amd64_rt_amd64'] as const;

/** `CONFIG_X=v` and `# CONFIG_X is not set` lines of a .config (is-not-set as `n`), written for the tests, apart from tuxconf's reader. */
export function configValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const set = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (set) values.set(set[1]!, set[2]!);
    const unset = /^# CONFIG_([A-Za-z0-9_]+) is not set$/.exec(line);
    if (unset) values.set(unset[1]!, 'n');
  }
  return values;
}

/** The comparison the issue names: every symbol set in the old file (y, m, a value) whose value in the new file differs or is gone. */
export function lostByComparison(oldText: string, newText: string): string[] {
  const before = configValues(oldText);
  const after = configValues(newText);
  return [...before].filter(([name, value]) => value !== 'n' && after.get(name) !== value).map(([name]) => name);
}

/** Names of `make listnewconfig`'s lines and the lines themselves. */
export function listnewconfigLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('CONFIG_'));
}

/** The symbols `make olddefconfig` warned could not take their value ("symbol value 'm' invalid for FSCACHE"). */
export function invalidValueWarnings(stderr: string): string[] {
  return [...stderr.matchAll(/warning: symbol value '.*' invalid for ([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
}

/**
 * Symbols defined by `config NAME` / `menuconfig NAME` in the tree's Kconfig files for one
 * architecture (every file outside arch/, and arch/SRCARCH/): found with grep, apart from tuxconf.
 */
export function definedSymbols(tree: string, srcArch: string): Set<string> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(tree, path);
      if (rel.startsWith('arch/') && rel.split('/').length === 2 && name !== srcArch && statSync(path).isDirectory()) continue;
      if (name === 'Documentation' || name === 'tools' || name.startsWith('.')) continue;
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (name.startsWith('Kconfig')) files.push(path);
    }
  };
  walk(tree);
  const names = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^[ \t]*(?:menu)?config[ \t]+([A-Za-z0-9_]+)/gm)) names.add(match[1]!);
  }
  return names;
}

/** The lines of a tree's file that name `text` (grep -F), for naming the evidence of a rename. */
export function grepTree(tree: string, path: string, text: string): string[] {
  try {
    return execFileSync('grep', ['-F', '--', text, join(tree, path)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}
