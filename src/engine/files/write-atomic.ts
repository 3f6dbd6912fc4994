import { constants, readFileSync } from 'node:fs';
import { link, lstat, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { escapeControl } from '../../model/escape-text.js';
import { TuxconfError } from '../errors.js';

/** Why a file could not be written; the old file (if any) is untouched in every case. */
export class WriteFailedError extends TuxconfError {
  override name = 'WriteFailedError';
  readonly path: string;
  /** The system's error code (ENOSPC, EROFS, EACCES ...), or EEXIST/EISDIR for refusals of tuxconf's own. */
  readonly code: string;

  constructor(path: string, code: string, message: string, hint?: string) {
    super(message, hint === undefined ? {} : { hint });
    this.path = path;
    this.code = code;
  }
}

export interface WriteOptions {
  /** What the file is, for messages: "config", "capture file", "preset". */
  what: string;
  /** Permission bits before the umask; default 0666, as fopen gives. */
  mode?: number;
  /** Move the file being replaced to PATH.old, as the kernel's conf_write does with .config. */
  keepOld?: boolean;
  /** Leave the file alone (no write, no .old) when it already holds exactly these bytes. */
  skipIfSame?: boolean;
  /** Where else to write when this place cannot be written (default: the config's --config FILE / w in the menu). */
  writeElsewhere?: string;
}

export type WriteOutcome = { written: true; oldKept: boolean } | { written: false; reason: 'unchanged' };

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const TEMP_NAME = /^\.(.+?)\.tuxconf-(\d+)-[0-9a-f]+\.tmp$/;

/**
 * Replaces `path` with `data`, whole or not at all: the bytes go to a new file in the same
 * directory (created exclusively, never through a link), every write, the fsync and the close
 * are checked, and only then is it renamed over `path`. A link at `path` is replaced, not
 * followed. On any failure the old file stays as it was and nothing is rotated into `.old`.
 */
export async function replaceFile(path: string, data: string | Uint8Array | readonly Uint8Array[], options: WriteOptions): Promise<WriteOutcome> {
  // Parts are written one after the other: a large file made of parts is never copied into one buffer.
  const bytes = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  const dir = dirname(path);
  await checkTarget(path, options);
  if (options.skipIfSame && (await holdsExactly(path, bytes))) return { written: false, reason: 'unchanged' };
  await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw writeFailure(path, options, error);
  });
  await sweepStaleTemps(dir);
  const temp = await writeTemp(path, bytes, options);
  const oldTemp = options.keepOld ? await linkOld(path) : null;
  try {
    await rename(temp, path);
  } catch (error) {
    await Promise.all([unlink(temp).catch(() => undefined), oldTemp ? unlink(oldTemp).catch(() => undefined) : undefined]);
    throw writeFailure(path, options, error as NodeJS.ErrnoException);
  }
  let oldKept = false;
  if (oldTemp) {
    oldKept = await rename(oldTemp, `${path}.old`).then(
      () => true,
      () => unlink(oldTemp).then(() => false, () => false),
    );
  }
  await syncDirectory(dir);
  return { written: true, oldKept };
}

/**
 * Creates a new file that must not exist yet (never through a link, never over another file),
 * whole or not at all: the bytes are written and synced under a temporary name first.
 */
export async function createFile(path: string, data: string | Uint8Array, options: WriteOptions): Promise<void> {
  const existing = await lstat(path).catch(() => null);
  if (existing) {
    throw new WriteFailedError(path, 'EEXIST', `${options.what} ${escapeControl(path)} already exists`, 'choose another name, or remove it first');
  }
  const bytes = [typeof data === 'string' ? Buffer.from(data, 'utf8') : data];
  await mkdir(dirname(path), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw writeFailure(path, options, error);
  });
  const temp = await writeTemp(path, bytes, options);
  // link() fails when the name appeared meanwhile, where rename() would replace it.
  try {
    await link(temp, path);
  } catch (error) {
    throw writeFailure(path, options, error as NodeJS.ErrnoException);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dirname(path));
}

/** Removes temporary files that a tuxconf killed mid-write left in `dir` (their process is gone). */
export async function sweepStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[2]);
    if (pid > 0 && pid !== process.pid && !processAlive(pid)) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/** Whether a process runs (a zombie that nobody reaped yet has ended: it counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tuxconf-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

async function writeTemp(path: string, parts: readonly Uint8Array[], options: WriteOptions): Promise<string> {
  const temp = tempName(path);
  let handle;
  try {
    handle = await open(temp, CREATE_FLAGS, options.mode ?? 0o666);
  } catch (error) {
    throw writeFailure(path, options, error as NodeJS.ErrnoException);
  }
  try {
    // Each writeFile continues where the last one ended.
    for (const part of parts) await handle.writeFile(part);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw writeFailure(path, options, error as NodeJS.ErrnoException);
  }
  try {
    await handle.close();
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw writeFailure(path, options, error as NodeJS.ErrnoException);
  }
  return temp;
}

/** A second name for the file about to be replaced, so that it can become PATH.old once the new one is in place. */
async function linkOld(path: string): Promise<string | null> {
  const info = await lstat(path).catch(() => null);
  if (!info) return null;
  const oldTemp = tempName(`${path}.old`);
  return link(path, oldTemp).then(
    () => oldTemp,
    () => null,
  );
}

async function checkTarget(path: string, options: WriteOptions): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (info?.isDirectory()) {
    throw new WriteFailedError(path, 'EISDIR', `cannot write ${options.what} ${escapeControl(path)}: it is a directory`, 'name a file');
  }
}

async function holdsExactly(path: string, parts: readonly Uint8Array[]): Promise<boolean> {
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const info = await lstat(path).catch(() => null);
  if (!info?.isFile() || info.size !== bytes.length) return false;
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
  if (!handle) return false;
  try {
    const current = Buffer.alloc(bytes.length);
    const { bytesRead } = await handle.read(current, 0, current.length, 0);
    return bytesRead === bytes.length && current.equals(bytes);
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY).catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on the file system',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a component of its directory is not a directory',
  EIO: 'an input/output error from the device',
  EEXIST: 'a file of that name appeared meanwhile',
  ELOOP: 'a link stands where the file should be created',
};

function writeFailure(path: string, options: WriteOptions, error: NodeJS.ErrnoException): WriteFailedError {
  const code = error.code ?? 'EIO';
  const cause = CAUSES[code] ?? error.message;
  const hint = code === 'ENOSPC' || code === 'EDQUOT'
    ? 'free some space and save again; nothing was changed on disk'
    : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
      ? `${options.writeElsewhere ?? 'save to a file you can write (tuxconf --config FILE, or w in the menu)'}; nothing was changed on disk`
      : 'nothing was changed on disk';
  return new WriteFailedError(path, code, `could not write ${options.what} ${escapeControl(path)}: ${cause}`, hint);
}
