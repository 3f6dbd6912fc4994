import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TuxconfError } from './errors.js';

/** `$XDG_CACHE_HOME/tuxconf` (or `~/.cache/tuxconf`), overridable with `TUXCONF_CACHE_DIR`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TUXCONF_CACHE_DIR) return env.TUXCONF_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'tuxconf');
}

export function shortHash(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** `$XDG_STATE_HOME/tuxconf` (or `~/.local/state/tuxconf`): what must outlive a session (drafts); `TUXCONF_STATE_DIR` overrides. */
export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TUXCONF_STATE_DIR) return env.TUXCONF_STATE_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'tuxconf');
}

/**
 * Creates one of tuxconf's own directories (cache, state), private to the user, and says what
 * to do when it cannot be made, instead of a stack trace.
 */
export async function ensurePrivateDir(dir: string, purpose: string, variable: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
    return dir;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (error as Error).message;
    throw new TuxconfError(`cannot create ${purpose} ${dir}: ${cause}`, {
      hint: `set ${variable} to a directory you can write`,
    });
  }
}
