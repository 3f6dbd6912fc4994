import { constants, type Stats } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { escapeControl } from '../../model/escape-text.js';
import { InputRejectedError } from './input-error.js';

export interface ReadLimits {
  /** The most bytes accepted; a longer file is refused, not truncated. */
  maxBytes: number;
  /** What the file is, for messages: "config file", "fragment", "lsmod output". */
  what: string;
  /** Refuse a symbolic link as the last component (files inside a capture directory). */
  noFollow?: boolean;
  /** Accept the pseudo-files of /proc and /sys, which report size 0 and are not regular files. */
  pseudoFile?: boolean;
}

/** 1 MiB: fragments, lists, captures of lsmod or lspci. A distribution .config is about 300 KiB. */
export const SMALL_INPUT = 1 << 20;
/** 16 MiB: a .config, modules.alias of a distribution kernel (~1.5 MiB), sysfs listings. */
export const LARGE_INPUT = 16 << 20;

const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

/**
 * Reads a whole file that may be hostile: opened without blocking (a FIFO cannot hang the
 * read), refused unless it is a regular file (or a /proc or /sys pseudo-file when asked),
 * refused when larger than the limit (a file that grows while read, like /dev/zero, is cut off
 * at the limit and refused), and a link as the last component refused with `noFollow`.
 */
export async function readBounded(path: string, limits: ReadLimits): Promise<Buffer> {
  const shown = escapeControl(path);
  let handle: FileHandle;
  try {
    handle = await open(path, READ_FLAGS | (limits.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    throw openFailure(path, shown, limits, error as NodeJS.ErrnoException);
  }
  try {
    const info = await handle.stat();
    checkKind(path, shown, limits, info);
    if (info.size > limits.maxBytes) throw tooLarge(path, shown, limits);
    return await readUpTo(handle, path, shown, limits, info.size);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The same, decoded as UTF-8 text (invalid bytes become U+FFFD: use `readBounded` where bytes must survive). */
export async function readBoundedText(path: string, limits: ReadLimits): Promise<string> {
  return (await readBounded(path, limits)).toString('utf8');
}

/** Like readBounded, but a missing file is `null` instead of an error. */
export async function readBoundedIfExists(path: string, limits: ReadLimits): Promise<Buffer | null> {
  try {
    return await readBounded(path, limits);
  } catch (error) {
    if (error instanceof InputRejectedError && error.problem === 'missing') return null;
    throw error;
  }
}

/**
 * A file whose size is known is read into one buffer of that size and a byte more (to see it did
 * not grow), which is returned as it is when nothing follows: no copy of a large file (the start
 * cache's model is 7.5 MB). Pseudo-files (size 0) and files that grew are read in chunks.
 */
async function readUpTo(handle: FileHandle, path: string, shown: string, limits: ReadLimits, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const wanted = chunks.length === 0 && size > 0 ? size + 1 : 1 << 16;
    const chunk = Buffer.allocUnsafe(Math.min(wanted, limits.maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null).catch((error: NodeJS.ErrnoException) => {
      throw new InputRejectedError(path, 'unreadable', `cannot read ${limits.what} ${shown}: ${error.message}`);
    });
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limits.maxBytes) throw tooLarge(path, shown, limits);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function checkKind(path: string, shown: string, limits: ReadLimits, info: Stats): void {
  if (info.isDirectory()) {
    throw new InputRejectedError(path, 'is-directory', `${limits.what} ${shown} is a directory`, 'name a file');
  }
  if (info.isFile()) return;
  const pseudo = limits.pseudoFile === true && /^\/(proc|sys)\//.test(path) && !info.isFIFO() && !info.isSocket();
  if (!pseudo) {
    throw new InputRejectedError(
      path,
      'not-regular',
      `${limits.what} ${shown} is not a regular file (${kindOf(info)})`,
      'name a regular file; copy the data into one first if it comes from a pipe or a device',
    );
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'a special file';
}

function tooLarge(path: string, shown: string, limits: ReadLimits): InputRejectedError {
  return new InputRejectedError(
    path,
    'too-large',
    `${limits.what} ${shown} is larger than ${formatSize(limits.maxBytes)}, more than such a file holds`,
    'check that this is the file you meant',
  );
}

function openFailure(path: string, shown: string, limits: ReadLimits, error: NodeJS.ErrnoException): InputRejectedError {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputRejectedError(path, 'missing', `cannot read ${limits.what} ${shown}: no such file`);
    case 'ELOOP':
      return new InputRejectedError(
        path,
        'symlink',
        `${limits.what} ${shown} is a symbolic link, which tuxconf does not follow here`,
        'replace the link with the file it points to',
      );
    case 'EISDIR':
      return new InputRejectedError(path, 'is-directory', `${limits.what} ${shown} is a directory`, 'name a file');
    case 'EACCES':
    case 'EPERM':
      return new InputRejectedError(path, 'unreadable', `cannot read ${limits.what} ${shown}: permission denied`);
    default:
      return new InputRejectedError(path, 'unreadable', `cannot read ${limits.what} ${shown}: ${error.message}`);
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${Math.round(bytes / (1 << 20))} MiB`;
  if (bytes >= 1 << 10) return `${Math.round(bytes / (1 << 10))} KiB`;
  return `${bytes} bytes`;
}
