import { closeSync, constants, lstatSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { escapeControl } from '../../model/escape-text.js';
import { WriteFailedError } from './write-atomic.js';

const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const DEVICE_FLAGS = constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NOCTTY;

/**
 * Opens a fresh file at `path` for a stream that others may follow while it grows (a build log);
 * returns the descriptor. The file is created under a temporary name (exclusively, never through
 * a link) and at once renamed over `path`, so whatever file was there is replaced, not written
 * into. A link at `path` is refused (it may point anywhere, /dev/mem included); a character device
 * named directly (/dev/null) is written to as it is.
 */
export function openStreamFile(path: string, what: string, hint?: string): number {
  const shown = escapeControl(path);
  const refuse = (code: string, why: string): WriteFailedError => new WriteFailedError(path, code, `cannot write the ${what} ${shown}: ${why}`, hint);
  const existing = lstatOrNull(path);
  if (existing?.isSymbolicLink()) throw refuse('ELOOP', 'it is a symbolic link, which tuxconf does not write through');
  if (existing?.isDirectory()) throw refuse('EISDIR', 'it is a directory');
  if (existing?.isCharacterDevice()) return openOrThrow(path, DEVICE_FLAGS, refuse);
  if (existing && !existing.isFile()) throw refuse('EINVAL', 'it is not a regular file (a FIFO, a socket or a block device)');

  const temp = join(dirname(path), `.${basename(path)}.tuxconf-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openOrThrow(temp, CREATE_FLAGS, refuse);
  try {
    renameSync(temp, path);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
    throw refuse((error as NodeJS.ErrnoException).code ?? 'EIO', (error as Error).message);
  }
  return fd;
}

function openOrThrow(path: string, flags: number, refuse: (code: string, why: string) => WriteFailedError): number {
  try {
    return openSync(path, flags, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const why: Record<string, string> = {
      EACCES: 'permission denied',
      EROFS: 'the file system is read-only',
      ENOSPC: 'no space left on the file system',
      ENOENT: 'its directory does not exist',
      ELOOP: 'a link appeared where the file is created',
    };
    throw refuse(code, why[code] ?? (error as Error).message);
  }
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}
