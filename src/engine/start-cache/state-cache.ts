import { join } from 'node:path';
import type { MenuModel } from '../../model/types.js';
import { type CacheFileSpec, type CacheUse, digestOf, readCacheFile, sha256, writeCacheFile } from './cache-file.js';
import { decodeInitialState, encodeInitialState, type InitialState } from './state-codec.js';

/** Format 3: the header names the digest of the frontend's state reply (see FrontendProcess.requestState); the body holds the file's differences. */
const SPEC: CacheFileSpec = { kind: 'initial-state', format: 3, maxBytes: 64 << 20 };

/**
 * The state right after loading a config depends on the parse (the model's stamp names it and
 * everything it was parsed from, environment included) and the config's bytes. One file per
 * place: the config opened last.
 */
function keyOf(modelStamp: string, configPath: string, configBytes: Buffer): string {
  return digestOf({ model: modelStamp, configPath, config: sha256(configBytes) });
}

export async function readInitialState(
  slot: string,
  modelStamp: string,
  model: MenuModel,
  configPath: string,
  configBytes: Buffer,
): Promise<{ found?: InitialState; use: CacheUse }> {
  const cached = await readCacheFile(join(slot, 'initial-state'), SPEC, keyOf(modelStamp, configPath, configBytes));
  if (!cached.ok) return { use: cached.reason };
  const found = decodeInitialState(cached.body, { symbols: model.symbols.length, nodes: model.nodes.length });
  if (!found) return { use: 'damaged' };
  const { replyDigest } = cached.header;
  return { found: typeof replyDigest === 'string' ? { ...found, replyDigest } : found, use: 'hit' };
}

export async function writeInitialState(slot: string, modelStamp: string, configPath: string, configBytes: Buffer, initial: InitialState): Promise<void> {
  const header = initial.replyDigest ? { replyDigest: initial.replyDigest } : {};
  await writeCacheFile(join(slot, 'initial-state'), SPEC, keyOf(modelStamp, configPath, configBytes), header, encodeInitialState(initial));
}
