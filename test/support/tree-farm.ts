import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A writable stand-in for a real kernel tree: every top-level entry is a symlink into the real
 * tree except the `copied` ones, which are real copies that a test may change or build into.
 */
export async function treeFarm(realTree: string, dir: string, copied: string[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(realTree)) {
    if (copied.includes(entry)) await cp(join(realTree, entry), join(dir, entry), { recursive: true });
    else await symlink(join(realTree, entry), join(dir, entry));
  }
  return dir;
}
