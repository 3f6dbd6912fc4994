import { lstat, mkdir, readdir, rm, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot, shortHash } from '../cache-dir.js';

/** How many trees (source, output directory, architecture, make variables, config) keep cached starts; the least recently opened go first. */
export const KEPT_SLOTS = 8;

/**
 * The directory holding the cached start of one place a config is opened in (its kbuild
 * environment, menu model and initial state): `$cache/start/<hash>`. A link or anything but a
 * directory there is removed and replaced by a directory of tuxconf's own. Undefined when it
 * cannot be made: caching is then simply off.
 */
export async function startSlot(env: NodeJS.ProcessEnv, place: unknown): Promise<string | undefined> {
  const root = join(cacheRoot(env), 'start');
  const dir = join(root, shortHash(JSON.stringify(place)));
  try {
    await ownDirectory(root);
    if (await ownDirectory(dir)) {
      const now = new Date();
      await utimes(dir, now, now);
    } else {
      await pruneSlots(root);
    }
    return dir;
  } catch {
    return undefined;
  }
}

/** Makes `dir` a real directory private to the user, replacing a link or a file there; whether it already was one. */
async function ownDirectory(dir: string): Promise<boolean> {
  const info = await lstat(dir).catch(() => null);
  if (info?.isDirectory()) return true;
  if (info) await unlink(dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return false;
}

/** Keeps the KEPT_SLOTS most recently used slots (a new one is the most recent). */
async function pruneSlots(root: string): Promise<void> {
  const names = (await readdir(root)).filter((name) => /^[0-9a-f]{16}$/.test(name));
  if (names.length <= KEPT_SLOTS) return;
  const dated = await Promise.all(names.map(async (name) => ({ name, info: await lstat(join(root, name)).catch(() => null) })));
  const slots = dated.filter((entry) => entry.info?.isDirectory()).sort((a, b) => b.info!.mtimeMs - a.info!.mtimeMs);
  for (const old of slots.slice(KEPT_SLOTS)) await rm(join(root, old.name), { recursive: true, force: true });
}
