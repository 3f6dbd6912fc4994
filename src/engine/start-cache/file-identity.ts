import { statSync } from 'node:fs';

/**
 * What a file is on disk, as a string two runs can compare: device, inode, size and the
 * modification and change times in nanoseconds for a regular file (any write, rename over it,
 * or chmod changes one of them), its kind for anything else, `absent` when there is none.
 * Links are followed, as the programs that read the file follow them.
 *
 * Synchronous on purpose: a loop of stat calls checks the ~3,200 paths a 6.12 parse reads in
 * 7-20 ms, where as many promises through the thread pool take 35-100 ms.
 */
export function fileIdentity(path: string): string {
  try {
    const info = statSync(path, { bigint: true, throwIfNoEntry: false });
    if (info === undefined) return 'absent';
    if (!info.isFile()) return info.isDirectory() ? 'directory' : 'special';
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTDIR' ? 'absent' : `error:${code ?? 'unknown'}`;
  }
}

/** A list of files with their identities now. */
export function identifyFiles(paths: Iterable<string>): [string, string][] {
  return [...paths].map((path) => [path, fileIdentity(path)]);
}

/** Whether every file still has the identity recorded for it. */
export function sameIdentities(recorded: readonly (readonly [string, string])[]): boolean {
  return recorded.every(([path, identity]) => fileIdentity(path) === identity);
}

/**
 * Whether a file may have changed after it was read at `sinceMs` without its identity showing it:
 * a write within the same tick of the file system's clock keeps the change time. So a file whose
 * change time is that close to the read (or later) does not let what was read from it be cached.
 * The tick is a few milliseconds where time stamps have sub-second parts (ext4, xfs, tmpfs) and
 * up to two seconds where they have none (FAT, some network file systems).
 */
export function changedSince(identity: string, sinceMs: number): boolean {
  const field = identity.split(':')[4];
  if (field === undefined) return false;
  const ctimeNs = BigInt(field);
  const marginMs = ctimeNs % 1_000_000_000n === 0n ? 2000 : 50;
  return Number(ctimeNs / 1_000_000n) >= sinceMs - marginMs;
}
