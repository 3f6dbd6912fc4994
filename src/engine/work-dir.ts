import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeControl } from '../model/escape-text.js';
import { TuxconfError } from './errors.js';
import { processAlive } from './files/write-atomic.js';

/** Private directories tuxconf makes in $TMPDIR carry their process id, so that leftovers can be told from live ones. */
const OWN_DIR = /^tuxconf-(?:session|env)-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * A private directory in $TMPDIR (mode 0700, from mkdtemp) for files handed to the kernel's
 * code. Directories left by tuxconf processes that no longer run (killed with SIGKILL, say)
 * are removed first.
 */
export async function makeWorkDir(purpose: 'session' | 'env' = 'session'): Promise<string> {
  const base = tmpdir();
  await sweepStaleWorkDirs(base);
  try {
    return await mkdtemp(join(base, `tuxconf-${purpose}-${process.pid}-`));
  } catch (error) {
    throw new TuxconfError(`cannot create a private directory in ${escapeControl(base)}: ${(error as Error).message}`, {
      hint: 'set TMPDIR to a directory you can write',
    });
  }
}

export async function removeWorkDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

async function sweepStaleWorkDirs(base: string): Promise<void> {
  const uid = process.getuid?.();
  for (const name of await readdir(base).catch(() => [] as string[])) {
    const pid = Number(OWN_DIR.exec(name)?.[1]);
    if (!(pid > 0) || pid === process.pid || processAlive(pid)) continue;
    const path = join(base, name);
    const info = await lstat(path).catch(() => null);
    if (info?.isDirectory() && (uid === undefined || info.uid === uid)) await removeWorkDir(path);
  }
}
