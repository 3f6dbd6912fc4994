import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readBoundedText, SMALL_INPUT } from '../../engine/files/read-bounded.js';

const SKIPPED_DIRS = new Set(['.git', 'Documentation', 'LICENSES']);
const DEFINITION = /^[ \t]*(?:menu)?config[ \t]+([A-Za-z0-9_]+)/gm;

async function kconfigFiles(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await kconfigFiles(join(dir, entry.name), found);
    } else if (entry.name.startsWith('Kconfig')) {
      found.push(join(dir, entry.name));
    }
  }
}

/**
 * Where each of `names` is defined in any Kconfig file of the tree, whatever the architecture:
 * a symbol unknown to this configuration may still belong to another arch (CONFIG_S390_GUEST on
 * x86), which is not a typo. Reads the files only when asked, since it costs a walk of the tree.
 */
export async function findDefinitions(srcTree: string, names: Iterable<string>): Promise<Map<string, string[]>> {
  const wanted = new Set(names);
  const result = new Map<string, string[]>();
  if (wanted.size === 0) return result;
  const files: string[] = [];
  await kconfigFiles(srcTree, files);
  await Promise.all(
    files.map(async (file) => {
      const text = await readBoundedText(file, { maxBytes: SMALL_INPUT, what: 'Kconfig file' }).catch(() => '');
      for (const match of text.matchAll(DEFINITION)) {
        const name = match[1]!;
        if (!wanted.has(name)) continue;
        const where = relative(srcTree, file);
        const list = result.get(name) ?? [];
        if (!list.includes(where)) list.push(where);
        result.set(name, list);
      }
    }),
  );
  for (const list of result.values()) list.sort();
  return result;
}
