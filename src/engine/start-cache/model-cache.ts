import { endianness } from 'node:os';
import { join, resolve } from 'node:path';
import type { MenuModel } from '../../model/types.js';
import type { FrontendLaunch } from '../frontend-process.js';
import { readBoundedIfExists } from '../files/read-bounded.js';
import type { KconfigReads } from '../protocol.js';
import { type CacheFileSpec, type CacheUse, digestOf, isStringPairs, readCacheFile, sha256, writeCacheFile } from './cache-file.js';
import { changedSince, fileIdentity, sameIdentities } from './file-identity.js';
import { decodeModel, encodeModelParts, ModelDecodeError } from './model-codec.js';
import { stableEntries } from './volatile-env.js';

const SPEC: CacheFileSpec = { kind: 'menu-model', format: 2, maxBytes: 256 << 20 };
const MEMO_LIMIT = 16 << 20;

/** What a cached model depends on besides its key: the files and variables the parse read, and the memoized probe output it replayed. */
interface ModelDeps {
  files: [string, string][];
  env: [string, string | null][];
  memo: string;
}

export interface CachedModel {
  model: MenuModel;
  /** Names this model and everything it was parsed from: what an initial state is keyed by. */
  stamp: string;
}

/**
 * The inputs a parse has before it runs: the frontend binary (and so the kconfig library it is
 * linked against), the top Kconfig file, the directory it runs in, the environment (not the
 * volatile variables: the variables the parse read are checked one by one) and the probe memo it
 * replays.
 */
function keyOf(launch: FrontendLaunch): string {
  return digestOf({
    binary: [launch.binary, fileIdentity(launch.binary)],
    kconfigFile: launch.kconfigFile,
    cwd: launch.cwd,
    env: stableEntries(launch.env),
    memo: launch.env.TUXCONF_SHELL_CACHE ?? '',
    endianness: endianness(),
  });
}

/** The memoized $(shell ...) output the parse replays, as a digest: 'none' when there is no memo file, 'refused' when it is not a regular file (never cached). */
async function memoDigest(launch: FrontendLaunch): Promise<string> {
  const path = launch.env.TUXCONF_SHELL_CACHE;
  if (!path) return 'none';
  try {
    const bytes = await readBoundedIfExists(path, { maxBytes: MEMO_LIMIT, what: 'probe memo', noFollow: true });
    return bytes === null ? 'none' : sha256(bytes);
  } catch {
    return 'refused';
  }
}

const stampOf = (key: string, deps: ModelDeps): string => digestOf({ key, deps });

/** The cached model when its key matches and nothing the parse read changed since; else why not. */
export async function readCachedModel(slot: string, launch: FrontendLaunch): Promise<{ found?: CachedModel; use: CacheUse }> {
  const key = keyOf(launch);
  const cached = await readCacheFile(join(slot, 'menu-model'), SPEC, key);
  if (!cached.ok) return { use: cached.reason };
  const deps = depsOf(cached.header);
  if (!deps) return { use: 'damaged' };
  const envHolds = deps.env.every(([name, value]) => (launch.env[name] ?? null) === value);
  if (!envHolds || deps.memo === 'refused' || !sameIdentities(deps.files) || (await memoDigest(launch)) !== deps.memo) return { use: 'stale' };
  try {
    return { found: { model: decodeModel(cached.body), stamp: stampOf(key, deps) }, use: 'hit' };
  } catch (error) {
    if (error instanceof ModelDecodeError) return { use: 'damaged' };
    throw error;
  }
}

function depsOf(header: Record<string, unknown>): ModelDeps | undefined {
  const { files, env, memo } = header;
  if (!isStringPairs(files) || typeof memo !== 'string') return undefined;
  const envOk =
    Array.isArray(env) &&
    env.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && (pair[1] === null || typeof pair[1] === 'string'));
  return envOk ? { files, env: env as [string, string | null][], memo } : undefined;
}

/**
 * Caches a model the frontend just parsed, with what the parse read. Nothing is cached when a file
 * it read changed around the time of the parse (what was read may not be what is there), when a
 * file it did not find exists now, or when the parse reported no files (a library whose file
 * opens tuxconf cannot see). Returns the model's stamp, or undefined when not cached.
 */
export async function writeCachedModel(
  slot: string,
  launch: FrontendLaunch,
  model: MenuModel,
  reads: KconfigReads,
  parseStartedMs: number,
): Promise<string | undefined> {
  const key = keyOf(launch);
  const paths = new Map<string, boolean>();
  for (const [path, opened] of reads.files) {
    const absolute = resolve(launch.cwd, path);
    paths.set(absolute, (paths.get(absolute) ?? false) || opened);
  }
  const top = resolve(launch.cwd, launch.env.srctree ?? '.', launch.kconfigFile);
  if (![...paths].some(([path, opened]) => opened && path === top)) return undefined;
  const files: [string, string][] = [];
  for (const [path, opened] of paths) {
    const identity = fileIdentity(path);
    if (opened ? changedSince(identity, parseStartedMs) || !/^\d/.test(identity) : identity !== 'absent') return undefined;
    files.push([path, identity]);
  }
  const deps: ModelDeps = { files, env: reads.env, memo: await memoDigest(launch) };
  if (deps.memo === 'refused') return undefined;
  await writeCacheFile(join(slot, 'menu-model'), SPEC, key, { ...deps }, encodeModelParts(model));
  return stampOf(key, deps);
}
