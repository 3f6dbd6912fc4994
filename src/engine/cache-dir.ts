import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { access, lstat, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { escapeControl } from '../model/escape-text.js';
import { TuxconfError } from './errors.js';

/** The variables that move the cache, for messages. */
export const CACHE_VARIABLE = 'XDG_CACHE_HOME (or TUXCONF_CACHE_DIR)';

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
 * to do when it cannot be made, instead of a stack trace. An existing one is used only when it is
 * a directory of the user's own that nobody else can write: tuxconf runs the frontend it builds
 * there and trusts what it cached, so a directory another user controls is refused.
 */
export async function ensurePrivateDir(dir: string, purpose: string, variable: string): Promise<string> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (error as Error).message;
    throw new TuxconfError(`cannot create ${purpose} ${escapeControl(dir)}: ${cause}`, {
      hint: `set ${variable} to a directory you can write`,
    });
  }
  const problem = privacyProblem(await lstat(dir));
  if (problem) {
    throw new TuxconfError(`${purpose} ${escapeControl(dir)} ${problem}: tuxconf does not trust what is in it`, {
      hint: `set ${variable} to a directory of your own, or check what is in it and make it yours alone (chmod 700)`,
    });
  }
  return dir;
}

/** Why a directory (or, with `kind` 'file', a regular file) is not private to this user (or is absent), or undefined when it is. */
export function privacyProblem(info: Stats | undefined, kind: 'directory' | 'file' = 'directory'): string | undefined {
  if (!info) return 'does not exist';
  if (info.isSymbolicLink()) return 'is a symbolic link';
  if (kind === 'directory' ? !info.isDirectory() : !info.isFile()) return kind === 'directory' ? 'is not a directory' : 'is not a regular file';
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) return `belongs to another user (uid ${info.uid})`;
  if ((info.mode & 0o022) !== 0) return `can be written by others (mode ${(info.mode & 0o777).toString(8)})`;
  return undefined;
}
