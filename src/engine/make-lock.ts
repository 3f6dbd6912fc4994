import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CACHE_VARIABLE, cacheRoot, ensurePrivateDir, shortHash } from './cache-dir.js';
import { findExecutable } from './tools.js';

/**
 * The command that runs make in an output directory while no other tuxconf does: two first starts
 * at once would build scripts/basic and the kconfig objects there at once (make races on fixdep's
 * files). util-linux's flock (essential in Debian) makes the second wait; without it, make runs as
 * it is. The lock file is in the private cache directory, one per output directory.
 */
export async function lockedMake(objDir: string, env: NodeJS.ProcessEnv): Promise<{ file: string; prefix: string[] }> {
  if (!(await findExecutable('flock', env))) return { file: 'make', prefix: [] };
  const dir = join(await ensurePrivateDir(cacheRoot(env), "tuxconf's cache directory", CACHE_VARIABLE), 'locks');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return { file: 'flock', prefix: [join(dir, `make-${shortHash(objDir)}.lock`), 'make'] };
}
