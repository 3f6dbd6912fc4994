import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readConfigFile } from './config-file.js';
import { CACHE_VARIABLE, cacheRoot, ensurePrivateDir, shortHash, stateRoot } from './cache-dir.js';
import { DraftStore } from './drafts/draft-store.js';
import { TuxconfError } from './errors.js';
import { type FrontendLaunch } from './frontend-process.js';
import {
  compileFrontendSources,
  discardCompiled,
  ensureFrontend,
  findFrontend,
  frontendRecipe,
  type FrontendRecipe,
  type KconfigLibrary,
  linkFrontend,
  objectDirTrusted,
} from './frontend-build.js';
import { demoEnvironment, probeKbuildEnvironment } from './kbuild-env.js';
import { findKernelSource } from './kernel-source.js';
import { discoverKernelTree, type KernelTree } from './kernel-tree.js';
import type { OpenOptions } from './open-options.js';
import { type KnownStart, KnownStartMismatchError, type OpenedStart, Session } from './session.js';
import type { CacheUse } from './start-cache/cache-file.js';
import { type KbuildEnvironment, probeAndCacheKbuildEnvironment, readKbuildEnvironment, readKbuildEnvironmentGuess } from './start-cache/kbuild-env-cache.js';
import { readCachedModel, writeCachedModel } from './start-cache/model-cache.js';
import { startSlot } from './start-cache/start-slot.js';
import { readInitialState, writeInitialState } from './start-cache/state-cache.js';
import { probeScriptIdentities, type ToolIdentity, toolchainIdentity } from './start-cache/toolchain.js';
import { launchEnvironment, stableEntries } from './start-cache/volatile-env.js';
import { timed } from './start-timings.js';
import { expectedHostCompiler, kconfigBuildTools, requireTools } from './tools.js';

export type { OpenOptions } from './open-options.js';
export type { CacheUse } from './start-cache/cache-file.js';

/** How each cached part of a start was found: used ('hit'), or why not ('absent' for a state whose model was not cached). */
export interface StartCacheReport {
  kbuildEnv: CacheUse;
  model: CacheUse;
  initialState: CacheUse;
}

const reports = new WeakMap<Session, StartCacheReport>();

/** How the start cache served a session opened by openSession. */
export function startCacheReport(session: Session): StartCacheReport | undefined {
  return reports.get(session);
}

/** Whether caches of what a start computes are used: not with `--no-cache` or TUXCONF_NO_CACHE=1. */
export function cachingWanted(options: OpenOptions, env: NodeJS.ProcessEnv): boolean {
  return !options.noCache && env.TUXCONF_NO_CACHE !== '1';
}

/** Opens a kernel tree (or the demo tree) through its own kconfig, as `make menuconfig` would. */
export async function openSession(options: OpenOptions = {}): Promise<Session> {
  const env = options.env ?? process.env;
  await ensurePrivateDir(cacheRoot(env), "tuxconf's cache directory", CACHE_VARIABLE);
  const tree = await timed('find the kernel tree', () => discoverKernelTree(options));
  const slot = cachingWanted(options, env) ? await startSlot(env, placeOf(tree)) : undefined;
  const drafts = options.drafts ? await openDraftStore(env) : undefined;
  if (!slot || tree.demo) return openWith(tree, options, drafts, slot, await launchFor(tree, options, await kbuildFor(tree, options, undefined)), 'off');

  await timed('check make and the host compiler', () => requireKbuildTools(tree, env));
  const cached = await timed('read the cached kbuild environment', () => readKbuildEnvironment(tree, env, slot)).catch(() => ({ use: 'refused' as const, found: undefined }));
  if (!cached.found) {
    const guess = await timed('read the kbuild environment kept in the output directory', () => readKbuildEnvironmentGuess(tree, env)).catch(() => undefined);
    if (guess) return openGuessed(tree, options, drafts, slot, guess, cached.use);
    return openWith(tree, options, drafts, slot, await launchFor(tree, options, await kbuildFor(tree, options, slot)), cached.use);
  }
  // The cached environment is used at once; the toolchain check (a few --version runs) goes on
  // meanwhile and is waited for before the session is handed out. If it fails, this start is
  // undone and made again with make's answer.
  const session = await openWith(tree, options, drafts, slot, await launchFor(tree, options, cached.found), 'hit');
  if (await cached.found.stillHolds) return session;
  await session.close();
  // A frontend started with the old environment may have memoized probes under the old toolchain's name.
  const memo = session.kbuildVariable('TUXCONF_SHELL_CACHE');
  if (memo) await rm(memo, { force: true });
  return openWith(tree, options, drafts, slot, await launchFor(tree, options, await probeAndCacheKbuildEnvironment(tree, env, slot)), 'stale');
}

/** How a start that guessed kbuild's environment ended: `confirmed` by make, or `redone` with make's answer. */
export type GuessOutcome = 'confirmed' | 'redone';
const guesses = new WeakMap<Session, GuessOutcome>();

/** How a session opened by openSession used the kbuild environment kept in the output directory: undefined when it did not. */
export function kbuildGuessOutcome(session: Session): GuessOutcome | undefined {
  return guesses.get(session);
}

/**
 * A start whose cache holds no kbuild environment, with the one make gave last time kept in the
 * output directory (`guess`): make is asked as always, and meanwhile the frontend parses Kconfig
 * with the guess (the parse and its $(shell ...) probes take most of a start). make's answer
 * decides: when it gives the very launch the guess gave (program, directory, environment, probe
 * memo), the start stands, the same as one made after make; otherwise it is stopped (or closed)
 * and made again with make's answer. A make that fails fails the start, as without a guess.
 */
async function openGuessed(
  tree: KernelTree,
  options: OpenOptions,
  drafts: DraftStore | TuxconfError | undefined,
  slot: string,
  guess: { env: Record<string, string>; toolchain: ToolIdentity[] },
  kbuildEnvUse: CacheUse,
): Promise<Session> {
  const expected = await expectedFrontend(tree, options);
  if (!expected.found) return openWith(tree, options, drafts, slot, await launchFor(tree, options, await kbuildFor(tree, options, slot, expected)), kbuildEnvUse);
  // The toolchain recorded with the guess names the probe memo: make's run asks it again (its
  // --version runs), and another answer is another launch.
  const guessed = await launchFor(tree, options, { ...guess, frontend: Promise.resolve(expected.found) });
  const wrong = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, wrong.signal]) : wrong.signal;
  // The frontend is started first: its parse is the longer wait, make's answer is needed only after it.
  const opening = openWith(tree, { ...options, signal }, drafts, slot, guessed, kbuildEnvUse);
  const verdict = kbuildFor(tree, options, slot, expected).then(async (kbuild) => {
    const launch = await launchFor(tree, options, kbuild);
    return { launch, same: isDeepStrictEqual(launch, guessed) };
  });
  verdict.then(
    ({ same }) => (same ? undefined : wrong.abort()),
    () => wrong.abort(),
  );
  // A start that failed with the guess (stopped because make named another environment, or the
  // parse failed in it) stands or falls with make's answer, as does one that succeeded.
  let failure: { error: unknown } | undefined;
  const session = await opening.catch((error: unknown) => {
    if (options.signal?.aborted) throw error;
    failure = { error };
    return undefined;
  });
  let decided: { launch: FrontendLaunch; same: boolean };
  try {
    decided = await timed("make's kbuild environment compared with the guess", () => verdict);
  } catch (error) {
    await session?.close();
    throw error;
  }
  if (decided.same) {
    if (failure) throw failure.error;
    guesses.set(session!, 'confirmed');
    return session!;
  }
  await session?.close();
  // Probes run under another toolchain than the one the guess named may have been memoized under its name.
  const memo = guessed.env.TUXCONF_SHELL_CACHE;
  if (memo && memo !== decided.launch.env.TUXCONF_SHELL_CACHE) await rm(memo, { force: true });
  const redone = await openWith(tree, options, drafts, slot, decided.launch, kbuildEnvUse);
  guesses.set(redone, 'redone');
  return redone;
}

/** Opens the session with a frontend launch (from kbuild's environment), using and filling the start cache's `slot`. */
async function openWith(
  tree: KernelTree,
  options: OpenOptions,
  drafts: DraftStore | TuxconfError | undefined,
  slot: string | undefined,
  launch: FrontendLaunch,
  kbuildEnvUse: CacheUse,
): Promise<Session> {
  const report: StartCacheReport = { kbuildEnv: kbuildEnvUse, model: 'off', initialState: 'off' };
  const known = slot ? findKnownStart(slot, launch, tree, report) : undefined;
  const knownStart = known?.then((found) => found.start);
  // A config that cannot be read rejects these before the session awaits them: it reports that
  // error then, as a start without a cache does, instead of an unhandled rejection now.
  knownStart?.catch(() => undefined);
  const writes: Promise<void>[] = [];
  // The menu's first frames come first: an early session (the menu) writes its cache a moment
  // later, or when it is closed before that (a quick quit, a signal): closing waits for the write
  // (about 0.1 s), so a session that looked and quit still leaves the next start warm.
  const writeDelay = options.early ? WRITE_DELAY_MS : 0;
  const closing = new AbortController();
  const onOpened =
    slot && known
      ? (opened: OpenedStart) => {
          // A start drawn from the cache and confirmed by the frontend has nothing new to cache.
          if (opened.knownState === 'confirmed') return;
          writes.push(delay(writeDelay, closing.signal).then(() => storeStart(slot, launch, tree, opened, known)));
        }
      : undefined;
  const starting = timed('the session started (frontend run, Kconfig parsed, model read)', () => Session.start(tree, launch, {
    ...(drafts instanceof DraftStore ? { drafts } : {}),
    ...(knownStart ? { known: knownStart } : {}),
    ...(onOpened ? { onOpened } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    early: options.early === true,
  }));
  options.onWaiting?.();
  const session = await starting;
  reports.set(session, report);
  // Caches are written once the frontend is ready; close waits for them.
  session.waitBeforeClose(
    session.ready.then(() => Promise.all(writes)),
    () => closing.abort(),
  );
  if (slot) {
    session.ready.catch((error: unknown) => {
      if (error instanceof KnownStartMismatchError) void rm(join(slot, 'menu-model'), { force: true });
    });
  }
  if (drafts !== undefined && !(drafts instanceof DraftStore)) {
    session.loadWarnings.push(`tuxconf: ${drafts.message}; unsaved changes will not survive a lost connection (hint: ${drafts.hint})`);
  }
  return session;
}

/** How long after the frontend is ready the menu writes its start cache (encoding the model takes ~100 ms of CPU). */
const WRITE_DELAY_MS = 1000;

/** Resolves after `ms`, or at once when `cut` is aborted. */
function delay(ms: number, cut: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    cut.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Where a config is opened: what a slot of the start cache is for. */
function placeOf(tree: KernelTree): unknown {
  return { srcTree: tree.srcTree, objTree: tree.objTree, arch: tree.arch, configPath: tree.configPath, makeVars: Object.entries(tree.makeVars).sort(), demo: tree.demo };
}

interface FoundStart {
  start: KnownStart;
  /** The stamp of the cached model, when one was used. */
  modelStamp?: string;
}

/** Reads the config and whatever the cache holds for it; a cache that cannot be read is a miss, a config that cannot be read an error (as without a cache). */
async function findKnownStart(slot: string, launch: FrontendLaunch, tree: KernelTree, report: StartCacheReport): Promise<FoundStart> {
  const configBytes = await readConfigFile(tree.configPath);
  const cached = await readCachedModel(slot, launch).catch(() => ({ use: 'refused' as const, found: undefined }));
  report.model = cached.use;
  // No state is valid without its model: nothing cached for this parse yet.
  report.initialState = 'absent';
  if (!cached.found) return { start: { configBytes } };
  const { model, stamp } = cached.found;
  // Without a config file the kernel reads its defaults list (files outside the cache's view): not cached.
  if (configBytes === null) return { start: { configBytes, model }, modelStamp: stamp };
  const state = await readInitialState(slot, stamp, model, tree.configPath, configBytes).catch(() => ({ use: 'refused' as const, found: undefined }));
  report.initialState = state.use;
  return { start: { configBytes, model, ...(state.found ? { initial: state.found } : {}) }, modelStamp: stamp };
}

/** Caches what this start computed that the cache did not hold: the model (with what the parse read), the initial state. */
async function storeStart(slot: string, launch: FrontendLaunch, tree: KernelTree, opened: OpenedStart, known: Promise<FoundStart>): Promise<void> {
  try {
    const found = await known;
    const stamp = opened.reads ? await writeCachedModel(slot, launch, opened.model, opened.reads, opened.frontendStartedMs) : found.modelStamp;
    const { configBytes } = found.start;
    if (stamp === undefined || configBytes === null) return;
    const initial = { state: opened.state, warnings: opened.warnings, messages: opened.messages, fileDifferences: opened.fileDifferences };
    await writeInitialState(slot, stamp, tree.configPath, configBytes, opened.stateReplyDigest ? { ...initial, replyDigest: opened.stateReplyDigest } : initial);
  } catch {
    // A cache that cannot be written only makes the next start slower.
  }
}

/** Where drafts are kept; an error (not thrown: editing goes on without drafts) when it cannot be written. */
export async function openDraftStore(env: NodeJS.ProcessEnv): Promise<DraftStore | TuxconfError> {
  try {
    return new DraftStore(await ensurePrivateDir(join(stateRoot(env), 'drafts'), "tuxconf's drafts directory", 'XDG_STATE_HOME (or TUXCONF_STATE_DIR)'));
  } catch (error) {
    if (error instanceof TuxconfError) return error;
    throw error;
  }
}

/** Everything needed to start (and restart) the frontend for a tree, asking make for kbuild's environment. */
export async function prepareFrontend(tree: KernelTree, options: OpenOptions): Promise<FrontendLaunch> {
  return launchFor(tree, options, await kbuildFor(tree, options, undefined));
}

/** kbuild's environment from make (or the demo tree's own), with the toolchain it names, and the frontend when make's run built it. */
async function kbuildFor(tree: KernelTree, options: OpenOptions, slot: string | undefined, expected?: ExpectedFrontend): Promise<KbuildEnvironment> {
  const env = options.env ?? process.env;
  if (tree.demo) {
    const kbuildEnv = await demoEnvironment(tree, env);
    return { env: kbuildEnv, toolchain: await toolchainIdentity(kbuildEnv) };
  }
  await requireKbuildTools(tree, env);
  // The frontend, when it must be built, is built with the host compiler kbuild is expected to
  // name: its own files compile while make (one run) tells kbuild's environment and builds the
  // kconfig library's objects; it is linked once both are done.
  const hostcc = expectedHostCompiler(tree.makeVars, env);
  const { recipe, found } = expected ?? (await expectedFrontend(tree, options));
  if (!found) await requireTools(kconfigBuildTools(hostcc), env, "build the kernel's kconfig library");
  const compiled = found ? undefined : compileFrontendSources(recipe, env);
  compiled?.catch(() => undefined);
  const objects = found ? [] : recipe.objects;
  let kbuild: KbuildEnvironment;
  try {
    const probing = slot ? probeAndCacheKbuildEnvironment(tree, env, slot, objects) : probeOnly(tree, env, objects);
    options.onWaiting?.();
    kbuild = await probing;
  } catch (error) {
    if (compiled) await discardCompiled(compiled);
    throw error;
  }
  if (found) return { ...kbuild, frontend: Promise.resolve(found) };
  if ((kbuild.env.HOSTCC || hostcc) !== hostcc) {
    // kbuild names another host compiler: the frontend is built with it instead.
    await discardCompiled(compiled!);
    return kbuild;
  }
  const frontend = compiled!.then((own) => linkFrontend(recipe, own, env));
  // Awaited when the frontend is launched, a moment later; a failure is reported there.
  frontend.catch(() => undefined);
  return { ...kbuild, frontend };
}

/** The frontend for the host compiler kbuild is expected to name: how it is built, and where it is when it was built before. */
interface ExpectedFrontend {
  recipe: FrontendRecipe;
  found: string | undefined;
}

async function expectedFrontend(tree: KernelTree, options: OpenOptions): Promise<ExpectedFrontend> {
  const env = options.env ?? process.env;
  const recipe = await frontendRecipe(libraryOf(tree), { env, hostcc: expectedHostCompiler(tree.makeVars, env) });
  return { recipe, found: await findFrontend(recipe, options.onProgress) };
}

async function probeOnly(tree: KernelTree, env: NodeJS.ProcessEnv, objects: string[]): Promise<KbuildEnvironment> {
  const kbuildEnv = await probeKbuildEnvironment(tree, env, objects);
  return { env: kbuildEnv, toolchain: await toolchainIdentity(kbuildEnv) };
}

/** The kconfig library a kernel tree's frontend links: its own, built in its output directory. */
function libraryOf(tree: KernelTree): KconfigLibrary {
  return { source: tree.srcTree, objDir: tree.objTree, arch: tree.arch, makeVars: tree.makeVars };
}

/** Asking kbuild already builds its host helpers (fixdep): make and a host compiler come first. */
async function requireKbuildTools(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<void> {
  const [makeTool, compilerTool] = kconfigBuildTools(expectedHostCompiler(tree.makeVars, env));
  await requireTools([makeTool!, compilerTool!], env, `configure ${tree.srcTree}`);
}

/** The frontend (built on first use) and how to run it with this environment. */
async function launchFor(tree: KernelTree, options: OpenOptions, kbuild: KbuildEnvironment): Promise<FrontendLaunch> {
  const env = options.env ?? process.env;
  await mkdir(tree.objTree, { recursive: true });
  let library: KconfigLibrary;
  if (tree.demo) {
    const source = await findKernelSource(env, options.onProgress);
    library = { source, objDir: join(cacheRoot(env), 'kconfig-objects', shortHash(source)), arch: tree.arch, makeVars: {} };
  } else {
    library = libraryOf(tree);
  }
  const binary = await timed('the kconfig frontend, found or built', () => kbuild.frontend ?? ensureFrontend(library, { env, hostcc: kbuild.env.HOSTCC, onProgress: options.onProgress }));
  const caching = cachingWanted(options, env);
  const memo = caching ? await shellCachePath(tree, kbuild, env) : '';
  const plan = caching && !tree.demo && (await objectDirTrusted(tree.objTree)) ? join(tree.objTree, 'scripts/kconfig/.tuxconf-probe-plan') : '';
  return {
    binary,
    kconfigFile: kbuild.env.KBUILD_KCONFIG || 'Kconfig',
    cwd: tree.objTree,
    env: { ...launchEnvironment(kbuild.env, env), TUXCONF_SHELL_CACHE: memo, TUXCONF_PROBE_PLAN: plan },
  };
}

/**
 * The memo file for Kconfig's $(shell ...) probes: one per toolchain, keyed by the environment
 * make exports (compilers, flags, PATH), the compiler binaries it names (their identity and
 * `--version`) and the tree's scripts the probes run (scripts/*.sh).
 */
async function shellCachePath(tree: KernelTree, kbuild: KbuildEnvironment, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TUXCONF_NO_PROBE_CACHE) return '';
  const parts = [tree.srcTree, tree.objTree, JSON.stringify(stableEntries(kbuild.env)), JSON.stringify(kbuild.toolchain), JSON.stringify(probeScriptIdentities(tree.srcTree))];
  const dir = join(cacheRoot(env), 'shell-probes');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, shortHash(...parts));
}

