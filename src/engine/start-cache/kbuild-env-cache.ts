import { lstat } from 'node:fs/promises';
import { machine, release } from 'node:os';
import { basename, join } from 'node:path';
import { privacyProblem } from '../cache-dir.js';
import type { KernelTree } from '../kernel-tree.js';
import { objectDirTrusted } from '../frontend-build.js';
import { probeKbuild } from '../kbuild-env.js';
import { timed } from '../start-timings.js';
import { findExecutable } from '../tools.js';
import { type CacheFileSpec, type CacheUse, digestOf, isStringPairs, readCacheFile, writeCacheFile } from './cache-file.js';
import { changedSince, fileIdentity, identifyFiles, sameIdentities } from './file-identity.js';
import { type ToolIdentity, toolchainIdentity } from './toolchain.js';
import { stableEntries } from './volatile-env.js';

export const KBUILD_ENV_SPEC: CacheFileSpec = { kind: 'kbuild-env', format: 1, maxBytes: 4 << 20 };

/** kbuild's environment for a tree and the toolchain it names (for the probe memo's key). */
export interface KbuildEnvironment {
  env: Record<string, string>;
  toolchain: ToolIdentity[];
  /** The frontend, when it was built (or found) together with this environment. */
  frontend?: Promise<string>;
}

/**
 * Everything kbuild's environment is computed from before make runs: the tree, output directory,
 * architecture, config and make variables tuxconf passes, the variables that reach make (PATH,
 * CROSS_COMPILE, LLVM, KBUILD_* ...; not the volatile ones), the make binary, and the machine
 * (scripts/subarch.include runs `uname -m`; scripts/kconfig/Makefile puts `uname -r` into
 * KCONFIG_DEFCONFIG_LIST).
 */
function inputsOf(tree: KernelTree, env: NodeJS.ProcessEnv, makePath: string | undefined): unknown {
  return {
    srcTree: tree.srcTree,
    objTree: tree.objTree,
    arch: tree.arch,
    configPath: tree.configPath,
    makeVars: Object.entries(tree.makeVars).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    env: stableEntries(env),
    make: makePath ? [makePath, fileIdentity(makePath)] : null,
    machine: machine(),
    release: release(),
  };
}

/**
 * Files that kbuild reads only when they exist and that would change its environment if they
 * appeared: `.kernelvariables` in the output directory (top Makefile, `-include`) and a Kbuild
 * file beside scripts/kconfig/Makefile (scripts/Makefile.build prefers it).
 */
function optionalMakefiles(tree: KernelTree): string[] {
  return [join(tree.objTree, '.kernelvariables'), join(tree.srcTree, 'scripts/kconfig/Kbuild')];
}

/**
 * What make wrote itself in the output directory and read back: include/config/auto.conf (the
 * config's CONFIG_ values, `-include`d by scripts/Makefile.build) and the `.*.cmd` files of built
 * objects (build commands and dependencies). Neither reaches the exported environment: the
 * scripts/kconfig sub-make exports only the values scripts/kconfig/Makefile sets (KCONFIG_*), and
 * every other exported value was expanded by the parent make before these files were read. So
 * they are not keyed; otherwise every build or save would force make to be asked again.
 */
function writtenByKbuild(tree: KernelTree, path: string): boolean {
  if (!path.startsWith(`${tree.objTree}/`)) return false;
  return path === join(tree.objTree, 'include/config/auto.conf') || /^\..*\.cmd$/.test(basename(path));
}

/** A cached kbuild environment whose makefiles are unchanged; `stillHolds` settles once the toolchain has been checked too. */
export interface CachedKbuildEnvironment {
  env: Record<string, string>;
  toolchain: ToolIdentity[];
  /** Whether the toolchain is still the recorded one (binaries and `--version` texts): a few spawns, so it runs while the start goes on. */
  stillHolds: Promise<boolean>;
}

/**
 * kbuild's environment from the cache: found when the key matches and no makefile make read
 * changed (or appeared); the toolchain check runs in the background (`stillHolds`).
 */
export async function readKbuildEnvironment(
  tree: KernelTree,
  env: NodeJS.ProcessEnv,
  slot: string,
): Promise<{ found?: CachedKbuildEnvironment; use: CacheUse }> {
  const read = await readEnvironmentFile(join(slot, 'kbuild-env'), await keyOf(tree, env));
  if (!read.found) return { use: read.use };
  const { env: kbuildEnv, toolchain } = read.found;
  const stillHolds = toolchainIdentity(kbuildEnv).then(
    (now) => JSON.stringify(now) === JSON.stringify(toolchain),
    () => false,
  );
  return { found: { env: kbuildEnv, toolchain, stillHolds }, use: 'hit' };
}

/** A kbuild-env file whose key matches and whose makefiles are unchanged: the environment in it and the toolchain recorded with it. */
async function readEnvironmentFile(path: string, key: string): Promise<{ found?: { env: Record<string, string>; toolchain: ToolIdentity[] }; use: CacheUse }> {
  const cached = await readCacheFile(path, KBUILD_ENV_SPEC, key);
  if (!cached.ok) return { use: cached.reason };
  const { makefiles, toolchain } = cached.header;
  if (!isStringPairs(makefiles) || !isToolchain(toolchain)) return { use: 'damaged' };
  if (!sameIdentities(makefiles)) return { use: 'stale' };
  let entries: unknown;
  try {
    entries = JSON.parse(cached.body.toString('utf8'));
  } catch {
    return { use: 'damaged' };
  }
  if (!isStringPairs(entries)) return { use: 'damaged' };
  return { found: { env: Object.fromEntries(entries), toolchain }, use: 'hit' };
}

/**
 * Where the output directory keeps the kbuild environment make gave for it last time, beside the
 * kconfig library's objects and tuxconf's frontend: a start whose cache is empty guesses with it
 * and lets make, run meanwhile, decide (see openSession).
 */
function guessPath(tree: KernelTree): string {
  return join(tree.objTree, 'scripts/kconfig/.tuxconf-kbuild-env');
}

/**
 * The kbuild environment make gave last time for these inputs, as the output directory keeps it:
 * only from a scripts/kconfig directory nobody else can write (where make builds and runs
 * mconf), a regular file of this user's that nobody else can write, read without following a
 * link, bounded, with the same key and unchanged makefiles as a cached one; with the toolchain
 * recorded with it. A guess, never trusted: the caller compares it with make's answer.
 */
export async function readKbuildEnvironmentGuess(
  tree: KernelTree,
  env: NodeJS.ProcessEnv,
): Promise<{ env: Record<string, string>; toolchain: ToolIdentity[] } | undefined> {
  if (!(await objectDirTrusted(tree.objTree)) || !(await isPrivateFile(guessPath(tree)))) return undefined;
  return (await readEnvironmentFile(guessPath(tree), await keyOf(tree, env))).found;
}

/** Whether `path` is a regular file (not a link) of this user's that nobody else can write. */
async function isPrivateFile(path: string): Promise<boolean> {
  return privacyProblem(await lstat(path).catch(() => undefined), 'file') === undefined;
}

/** Asks make for kbuild's environment (a probe, 0.2-0.6 s) and caches it with what it depends on. */
export async function probeAndCacheKbuildEnvironment(
  tree: KernelTree,
  env: NodeJS.ProcessEnv,
  slot: string,
  objects: string[] = [],
): Promise<KbuildEnvironment> {
  const started = Date.now();
  const probe = await timed(`make: kbuild environment probe${objects.length > 0 ? ' and kconfig library objects' : ''}`, () => probeKbuild(tree, env, objects));
  const toolchain = await timed('toolchain identity (--version runs)', () => toolchainIdentity(probe.env));
  {
    const makefiles = identifyFiles([...probe.makefiles.filter((path) => !writtenByKbuild(tree, path)), ...optionalMakefiles(tree)]);
    const body = Buffer.from(JSON.stringify(stableEntries(probe.env)), 'utf8');
    // A makefile changed while make read it may be newer than what make read: not cached then.
    if (!makefiles.some(([, identity]) => changedSince(identity, started))) {
      const key = await keyOf(tree, env);
      await Promise.all([
        writeCacheFile(join(slot, 'kbuild-env'), KBUILD_ENV_SPEC, key, { makefiles, toolchain }, body).catch(() => undefined),
        keepGuess(tree, key, { makefiles, toolchain }, body).catch(() => undefined),
      ]);
    }
  }
  return { env: probe.env, toolchain };
}

/** Keeps make's answer in the output directory for the next start's guess, when its scripts/kconfig is this user's alone. */
async function keepGuess(tree: KernelTree, key: string, header: Record<string, unknown>, body: Buffer): Promise<void> {
  if (!(await objectDirTrusted(tree.objTree))) return;
  // The same bytes are not written again, unless the file there is not one a start would use.
  await writeCacheFile(guessPath(tree), KBUILD_ENV_SPEC, key, header, body, { skipIfSame: await isPrivateFile(guessPath(tree)) });
}

async function keyOf(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<string> {
  return digestOf(inputsOf(tree, env, await findExecutable('make', env)));
}

function isToolchain(value: unknown): value is ToolIdentity[] {
  return (
    Array.isArray(value) &&
    value.every((tool) => {
      const { variable, command, files, version } = (tool ?? {}) as Record<string, unknown>;
      return typeof variable === 'string' && typeof command === 'string' && isStringPairs(files) && (version === null || typeof version === 'string');
    })
  );
}
