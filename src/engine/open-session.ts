import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot, ensurePrivateDir, shortHash, stateRoot } from './cache-dir.js';
import { DraftStore } from './drafts/draft-store.js';
import { TuxconfError } from './errors.js';
import { type FrontendLaunch } from './frontend-process.js';
import { ensureFrontend, type KconfigLibrary } from './frontend-build.js';
import { demoEnvironment, probeKbuildEnvironment } from './kbuild-env.js';
import { findKernelSource } from './kernel-source.js';
import { discoverKernelTree, type KernelTree } from './kernel-tree.js';
import type { OpenOptions } from './open-options.js';
import { Session } from './session.js';
import { expectedHostCompiler, findExecutable, kconfigBuildTools, requireTools } from './tools.js';

export type { OpenOptions } from './open-options.js';

/** Opens a kernel tree (or the demo tree) through its own kconfig, as `make menuconfig` would. */
export async function openSession(options: OpenOptions = {}): Promise<Session> {
  const env = options.env ?? process.env;
  const tree = await discoverKernelTree(options);
  await ensurePrivateDir(cacheRoot(env), "tuxconf's cache directory", 'XDG_CACHE_HOME (or TUXCONF_CACHE_DIR)');
  const launch = await prepareFrontend(tree, options);
  if (!options.drafts) return Session.start(tree, launch);
  const drafts = await openDraftStore(env);
  const session = await Session.start(tree, launch, drafts instanceof DraftStore ? { drafts } : {});
  if (!(drafts instanceof DraftStore)) session.loadWarnings.push(`tuxconf: ${drafts.message}; unsaved changes will not survive a lost connection (hint: ${drafts.hint})`);
  return session;
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

/** Everything needed to start (and restart) the frontend for a tree. */
export async function prepareFrontend(tree: KernelTree, options: OpenOptions): Promise<FrontendLaunch> {
  const env = options.env ?? process.env;
  await mkdir(tree.objTree, { recursive: true });
  let library: KconfigLibrary;
  let kbuildEnv: Record<string, string>;
  if (tree.demo) {
    const source = await findKernelSource(env, options.onProgress);
    const objDir = join(cacheRoot(env), 'kconfig-objects', shortHash(source));
    library = { source, objDir, arch: tree.arch, makeVars: {} };
    kbuildEnv = await demoEnvironment(tree, env);
  } else {
    library = { source: tree.srcTree, objDir: tree.objTree, arch: tree.arch, makeVars: tree.makeVars };
    // Asking kbuild already builds its host helpers (fixdep): make and a host compiler come first.
    const [makeTool, compilerTool] = kconfigBuildTools(expectedHostCompiler(tree.makeVars, env));
    await requireTools([makeTool!, compilerTool!], env, `configure ${tree.srcTree}`);
    kbuildEnv = await probeKbuildEnvironment(tree, env);
  }
  const binary = await ensureFrontend(library, { env, hostcc: kbuildEnv.HOSTCC, onProgress: options.onProgress });
  return {
    binary,
    kconfigFile: kbuildEnv.KBUILD_KCONFIG || 'Kconfig',
    cwd: tree.objTree,
    env: { ...kbuildEnv, TUXCONF_SHELL_CACHE: await shellCachePath(tree, kbuildEnv, env) },
  };
}

/** Variables that vary between terminals and logins but never change what a toolchain probe prints. */
const VOLATILE = /^(TERM.*|COLORTERM|SSH_.*|DISPLAY|WAYLAND_.*|PWD|OLDPWD|SHLVL|_|TMUX.*|STY|WINDOWID|COLUMNS|LINES|LS_COLORS|NO_COLOR|FORCE_COLOR|XDG_SESSION_.*|XDG_RUNTIME_DIR|DBUS_.*|TUXCONF_.*|MAIL|LOGNAME|USER|INVOCATION_ID|JOURNAL_STREAM|NODE_.*|npm_.*|INIT_CWD)$/;

/**
 * The memo file for Kconfig's $(shell ...) probes: one per toolchain, keyed by the environment
 * make exports (compilers, flags, PATH) and the identity of the compiler binaries it names.
 */
async function shellCachePath(tree: KernelTree, kbuildEnv: Record<string, string>, env: NodeJS.ProcessEnv): Promise<string> {
  if (env.TUXCONF_NO_PROBE_CACHE) return '';
  const parts: string[] = [tree.srcTree, tree.objTree];
  for (const name of Object.keys(kbuildEnv).sort()) {
    if (!VOLATILE.test(name)) parts.push(`${name}=${kbuildEnv[name]}`);
  }
  for (const tool of ['CC', 'LD', 'AR', 'NM', 'OBJCOPY', 'RUSTC', 'BINDGEN', 'PAHOLE']) {
    const command = kbuildEnv[tool]?.split(/\s+/).find((word) => !word.includes('='));
    const path = command ? await findExecutable(command, kbuildEnv) : undefined;
    const info = path ? await stat(path).catch(() => undefined) : undefined;
    parts.push(`${tool}:${path ?? ''}:${info?.size ?? ''}:${info?.mtimeMs ?? ''}`);
  }
  const dir = join(cacheRoot(env), 'shell-probes');
  await mkdir(dir, { recursive: true });
  return join(dir, shortHash(...parts));
}
