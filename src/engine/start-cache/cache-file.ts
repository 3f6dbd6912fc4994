import { createHash } from 'node:crypto';
import { InputRejectedError } from '../files/input-error.js';
import { readBoundedIfExists } from '../files/read-bounded.js';
import { replaceFile } from '../files/write-atomic.js';

/**
 * Why a cache file was not used. `absent`: none yet. `refused`: not a regular file of a sane size
 * (a link, a directory, a FIFO ...). `damaged`: not a whole cache file of this kind. `foreign`: a
 * whole one, but of another format version or for other inputs. `stale`: for these inputs, but
 * something it depends on changed since. `off`: caching is switched off.
 */
export type CacheMiss = 'absent' | 'refused' | 'damaged' | 'foreign' | 'stale' | 'off';

/** How a cached part of a start was found: used, or why not. */
export type CacheUse = 'hit' | CacheMiss;

export interface CacheFileSpec {
  /** What the file holds: kbuild-env, menu-model, initial-state. */
  kind: string;
  /** Bumped whenever what the file holds or how it is encoded changes. */
  format: number;
  /** The most bytes a whole file of this kind can have. */
  maxBytes: number;
}

export type CacheRead = { ok: true; header: Record<string, unknown>; body: Buffer } | { ok: false; reason: CacheMiss };

const MAGIC = 'tuxconf-cache';

/**
 * A cache file is one line naming the kind, the format and the SHA-256 of the rest, one line of
 * JSON (the key and what the contents depend on), then the body. The body comes in parts, which
 * are hashed and written as they are, never copied into one buffer (the model's body is 7.5 MB).
 */
function encodeCacheFile(spec: CacheFileSpec, key: string, header: Record<string, unknown>, body: readonly Uint8Array[]): Uint8Array[] {
  const parts = [Buffer.from(`${JSON.stringify({ ...header, key })}\n`, 'utf8'), ...body];
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  hash.update('\0');
  return [Buffer.from(`${MAGIC} ${spec.kind} ${spec.format} ${hash.digest('hex')}\n`, 'utf8'), ...parts];
}

/**
 * Reads a cache file as hostile data: no link followed, bounded, checksummed. A file that is not
 * whole, of another kind or format, or for another key is a miss, never an error.
 */
export async function readCacheFile(path: string, spec: CacheFileSpec, key: string): Promise<CacheRead> {
  let bytes: Buffer | null;
  try {
    bytes = await readBoundedIfExists(path, { maxBytes: spec.maxBytes, what: `cache file (${spec.kind})`, noFollow: true });
  } catch (error) {
    if (error instanceof InputRejectedError) return { ok: false, reason: 'refused' };
    throw error;
  }
  if (bytes === null) return { ok: false, reason: 'absent' };
  const first = bytes.indexOf(10);
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
  if (second < 0) return { ok: false, reason: 'damaged' };
  const [magic, kind, format, checksum] = bytes.toString('utf8', 0, first).split(' ');
  if (magic !== MAGIC || kind !== spec.kind) return { ok: false, reason: 'damaged' };
  if (format !== String(spec.format)) return { ok: false, reason: 'foreign' };
  if (checksum !== sha256(bytes.subarray(first + 1))) return { ok: false, reason: 'damaged' };
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', first + 1, second));
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return { ok: false, reason: 'damaged' };
  if ((header as Record<string, unknown>).key !== key) return { ok: false, reason: 'foreign' };
  return { ok: true, header: header as Record<string, unknown>, body: bytes.subarray(second + 1) };
}

/** Writes a cache file whole or not at all (a new file renamed into place, never through a link), private to the user. */
export async function writeCacheFile(
  path: string,
  spec: CacheFileSpec,
  key: string,
  header: Record<string, unknown>,
  body: Uint8Array | readonly Uint8Array[],
  options: { skipIfSame?: boolean } = {},
): Promise<void> {
  body = body instanceof Uint8Array ? [body] : body;
  await replaceFile(path, encodeCacheFile(spec, key, header, body), { what: `cache file (${spec.kind})`, mode: 0o600, ...options });
}

export function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** A digest of a value as canonical JSON: what a cache key is made of. */
export function digestOf(value: unknown): string {
  return sha256(JSON.stringify(value));
}

/** Type guards for headers read from disk. */
export function isStringPairs(value: unknown): value is [string, string][] {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
}
