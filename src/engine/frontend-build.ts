import { lstat, mkdir, mkdtemp, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_VARIABLE, cacheRoot, ensurePrivateDir, privacyProblem, shortHash } from './cache-dir.js';
import { TuxconfError } from './errors.js';
import { pathExists } from './path-exists.js';
import { kconfigBuildTools, requireTools } from './tools.js';
import { replaceFile } from './files/write-atomic.js';
import { probeKbuild } from './kbuild-env.js';
import { fileIdentity } from './start-cache/file-identity.js';
import { timed } from './start-timings.js';
import { loadExeca } from './load-execa.js';

export const FRONTEND_SOURCE = fileURLToPath(new URL('./native/tuxconf-frontend.c', import.meta.url).href.replace('/dist/', '/src/'));
const NATIVE_DIR = dirname(FRONTEND_SOURCE);
/** The fix search (SAT encoding, verification, search), compiled in when PicoSAT is installed. */
const FIX_SOURCES = ['fix-encode.c', 'fix-verify.c', 'fix-search.c', 'fix-explain.c'].map((name) => join(NATIVE_DIR, name));
const NATIVE_HEADERS = ['frontend.h', 'fix.h', 'fix-search.h'].map((name) => join(NATIVE_DIR, name));

/** Where Debian's `picosat` package puts the solver: its header, and the static library linked in. */
const PICOSAT_HEADER_DIRS = ['/usr/include', '/usr/local/include'];
const PICOSAT_LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/usr/local/lib'];

export interface PicosatInstall {
  includeDir: string;
  /** The static library when there is one, else -lpicosat. */
  link: string[];
}

/** The PicoSAT installation the frontend links against, or undefined when there is none. */
export async function findPicosat(env: NodeJS.ProcessEnv = process.env): Promise<PicosatInstall | undefined> {
  if (env.TUXCONF_NO_SOLVER === '1') return undefined;
  for (const includeDir of PICOSAT_HEADER_DIRS) {
    if (!(await pathExists(join(includeDir, 'picosat/picosat.h')))) continue;
    for (const libDir of PICOSAT_LIBRARY_DIRS) {
      if (await pathExists(join(libDir, 'libpicosat.a'))) return { includeDir, link: [join(libDir, 'libpicosat.a')] };
    }
    for (const libDir of PICOSAT_LIBRARY_DIRS) {
      if (await pathExists(join(libDir, 'libpicosat.so'))) return { includeDir, link: ['-L', libDir, '-lpicosat'] };
    }
  }
  return undefined;
}

/** Where a kernel's kconfig library comes from and where its objects are built. */
export interface KconfigLibrary {
  /** The kernel source whose scripts/kconfig is used. */
  source: string;
  /** The make output directory holding scripts/kconfig/*.o (the source itself for in-tree builds). */
  objDir: string;
  arch: string;
  makeVars: Record<string, string>;
}

export interface FrontendBuildOptions {
  /** The environment make runs in; TUXCONF_FRONTEND_SANITIZE=1 in it asks for a sanitizer build. */
  env: NodeJS.ProcessEnv;
  /** The host compiler kbuild uses (HOSTCC from its environment). */
  hostcc: string | undefined;
  onProgress?: (message: string) => void;
}

/** What one frontend is built from, and where it is kept once built. */
export interface FrontendRecipe {
  library: KconfigLibrary;
  hostcc: string;
  sanitize: boolean;
  picosat: PicosatInstall | undefined;
  sources: string[];
  key: string;
  /** The frontend in tuxconf's private cache: keyed by the kconfig sources, the frontend's own, the host compiler and the build's kind. */
  cached: string;
  /** The library's objects (common-objs), relative to its output directory: what make builds for the frontend. */
  objects: string[];
}

/**
 * The tuxconf frontend linked against this kernel's kconfig library, built on first use and
 * cached under a hash of the tree's scripts/kconfig sources, so it is rebuilt only when they change.
 */
export async function ensureFrontend(library: KconfigLibrary, options: FrontendBuildOptions): Promise<string> {
  const recipe = await frontendRecipe(library, options);
  const found = await findFrontend(recipe, options.onProgress);
  if (found) return found;
  await requireTools(kconfigBuildTools(recipe.hostcc), options.env, "build the kernel's kconfig library");
  options.onProgress?.(`building the kconfig library of ${library.source}`);
  // The frontend's own files compile while make builds the library's objects.
  const compiled = compileFrontendSources(recipe, options.env);
  compiled.catch(() => undefined);
  try {
    await timed('make: kconfig library objects', () => buildKconfigObjects(recipe, options.env));
  } catch (error) {
    await discardCompiled(compiled);
    throw error;
  }
  return linkFrontend(recipe, await compiled, options.env);
}

/** Reads what the frontend of `library` would be built from: the key of its build and where it is kept. */
export async function frontendRecipe(library: KconfigLibrary, options: FrontendBuildOptions): Promise<FrontendRecipe> {
  const { env } = options;
  const hostcc = options.hostcc || (library.makeVars.LLVM ? 'clang' : 'gcc');
  const sanitize = env.TUXCONF_FRONTEND_SANITIZE === '1';
  const picosat = await findPicosat(env);
  const sources = [FRONTEND_SOURCE, ...(picosat ? FIX_SOURCES : [])];
  const [nativeText, digest, objects] = await Promise.all([
    Promise.all([...sources, ...NATIVE_HEADERS].map((path) => readFile(path))),
    timed('digest of scripts/kconfig', () => kconfigSourceDigest(library.source)),
    commonObjectNames(library),
  ]);
  const key = shortHash(digest, ...nativeText, hostcc, sanitize ? 'sanitize' : '', picosat ? picosat.link.join(' ') : 'no-solver');
  // The binary found here is run: only from a cache directory nobody else can write.
  const dir = join(await ensurePrivateDir(cacheRoot(env), "tuxconf's cache directory", CACHE_VARIABLE), 'frontends', key);
  return { library, hostcc, sanitize, picosat, sources, key, cached: join(dir, 'tuxconf-kconfig'), objects };
}

/** The frontend built before for this recipe: in tuxconf's cache, or beside the library's objects in the output directory. */
export async function findFrontend(recipe: FrontendRecipe, onProgress?: (message: string) => void): Promise<string | undefined> {
  const problem = await cachedBinaryProblem(recipe.cached);
  if (problem === null) return recipe.cached;
  if (problem !== 'absent') {
    onProgress?.(`the cached frontend ${recipe.cached} ${problem}: removed, not run`);
    await rm(recipe.cached, { force: true });
  }
  return findBesideObjects(recipe);
}

/** The frontend's own C files compiled to objects (one compiler per file, run together) in a private directory. */
export async function compileFrontendSources(recipe: FrontendRecipe, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { library, picosat, sanitize } = recipe;
  await mkdir(dirname(dirname(recipe.cached)), { recursive: true });
  const dir = await mkdtemp(`${dirname(recipe.cached)}.${process.pid}-`);
  const flags = [
    ...(await frontendCompileFlags(library, sanitize)),
    ...(picosat ? ['-DTUX_HAVE_PICOSAT', ...(picosat.includeDir === '/usr/include' ? [] : ['-I', picosat.includeDir])] : []),
  ];
  const execa = await loadExeca();
  return timed('compile the frontend (its own C files)', async () => {
    const results = await Promise.all(
      recipe.sources.map(async (source) => {
        const object = join(dir, basename(source).replace(/\.c$/, '.o'));
        return { object, result: await execa(recipe.hostcc, [...flags, '-c', '-o', object, source], { env, reject: false, stdin: 'ignore' }) };
      }),
    );
    const failed = results.find(({ result }) => result.exitCode !== 0);
    if (failed) {
      await rm(dir, { recursive: true, force: true });
      throw linkFailure(library, failed.result.stderr);
    }
    return results.map(({ object }) => object);
  });
}

/**
 * Links the compiled frontend against the library's objects (built by then) into tuxconf's cache,
 * and keeps a copy beside those objects in the output directory, where a start with an empty
 * cache finds it (as make menuconfig finds mconf there).
 */
export async function linkFrontend(recipe: FrontendRecipe, compiled: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { library, picosat, sanitize } = recipe;
  const objects = await builtObjects(recipe);
  const binary = recipe.cached;
  await mkdir(dirname(binary), { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  const execa = await loadExeca();
  const link = await timed('link the frontend', () =>
    execa(
      recipe.hostcc,
      [
        ...(sanitize ? SANITIZE_FLAGS : []),
        '-o',
        partial,
        ...compiled,
        ...objects,
        ...(picosat?.link ?? []),
        FRONTEND_LINK_WRAPS,
        ...(sanitize ? ['-ldl'] : []),
      ],
      {
        env,
        reject: false,
        stdin: 'ignore',
      },
    ),
  );
  await rm(dirname(compiled[0]!), { recursive: true, force: true });
  if (link.exitCode !== 0) {
    await rm(partial, { force: true });
    throw linkFailure(library, link.stderr);
  }
  await rename(partial, binary);
  await keepBesideObjects(recipe, binary).catch(() => undefined);
  return binary;
}

function linkFailure(library: KconfigLibrary, stderr: string): TuxconfError {
  return new TuxconfError(`could not link tuxconf's frontend against ${library.source}/scripts/kconfig`, {
    details: stderr.split('\n').slice(0, 15),
    hint: "this kernel's kconfig library API may be one tuxconf does not know yet; please report it with the lines above",
  });
}

/**
 * The library calls these through the frontend's own versions: popen/pclose replay memoized
 * $(shell ...) probes; fclose/fflush/rename check every write and refuse to install a file whose write failed;
 * fopen/getenv record what the parse read (the `deps` answer), on which a cached menu depends;
 * expr_invalidate_all forgets 6.12's cached expression values through a flat array (a toggle's largest cost);
 * malloc/free/realloc give 6.12's expressions addresses its expression hash table spreads over its buckets.
 */
const FRONTEND_LINK_WRAPS =
  '-Wl,--wrap=popen,--wrap=pclose,--wrap=fclose,--wrap=fflush,--wrap=rename,--wrap=fopen,--wrap=getenv,--wrap=expr_invalidate_all,--wrap=malloc,--wrap=free,--wrap=realloc';

/** Flags of the sanitizer build: every memory error or undefined behaviour ends the process with a report. */
export const SANITIZE_FLAGS = ['-O1', '-g', '-fno-omit-frame-pointer', '-fsanitize=address,undefined', '-fno-sanitize-recover=undefined', '-DTUX_SANITIZE'];

/** How the frontend is compiled against a kernel's kconfig headers (without the objects and the output). */
export async function frontendCompileFlags(library: Pick<KconfigLibrary, 'source' | 'objDir'>, sanitize = false): Promise<string[]> {
  const includes = ['-I', join(library.source, 'scripts/kconfig'), '-I', join(library.objDir, 'scripts/kconfig')];
  if (await pathExists(join(library.source, 'scripts/include'))) includes.push('-I', join(library.source, 'scripts/include'));
  return [...(sanitize ? SANITIZE_FLAGS : ['-O2']), '-std=gnu11', '-Wall', '-Wextra', ...(await featureFlags(library.source)), ...includes];
}

/** Compiled sources of a frontend that will not be linked after all (kbuild named another host compiler). */
export async function discardCompiled(compiled: Promise<string[]>): Promise<void> {
  const objects = await compiled.catch(() => undefined);
  if (objects?.[0]) await rm(dirname(objects[0]), { recursive: true, force: true });
}

/** make builds the library's objects in its output directory, through kbuild as `make menuconfig` builds them. */
async function buildKconfigObjects(recipe: FrontendRecipe, env: NodeJS.ProcessEnv): Promise<void> {
  const { library } = recipe;
  const configPath = join(library.objDir, '.config');
  const tree = { srcTree: library.source, objTree: library.objDir, arch: library.arch, makeVars: library.makeVars, configPath };
  await probeKbuild(tree, env, recipe.objects);
}

/** The names of the library objects every in-tree frontend links (`common-objs` of scripts/kconfig/Makefile), relative to the output directory. */
async function commonObjectNames(library: KconfigLibrary): Promise<string[]> {
  const makefile = await readFile(join(library.source, 'scripts/kconfig/Makefile'), 'utf8');
  const joined = makefile.replace(/\\\n/g, ' ');
  const names = joined
    .match(/^common-objs\s*:?=\s*(.*)$/m)?.[1]
    ?.trim()
    .split(/\s+/);
  if (!names?.length) throw new TuxconfError(`no common-objs in ${library.source}/scripts/kconfig/Makefile`);
  return names.map((name) => `scripts/kconfig/${name}`);
}

/** The library's objects as make built them (absolute paths). */
async function builtObjects(recipe: FrontendRecipe): Promise<string[]> {
  const objects = recipe.objects.map((name) => join(recipe.library.objDir, name));
  for (const object of objects) {
    if (!(await pathExists(object))) throw new TuxconfError(`make did not build ${object}`);
  }
  return objects;
}

/** Frontends kept beside the library's objects: the recipe's key and the objects' identities name them. */
const BESIDE_NAME = /^\.tuxconf-kconfig-[0-9a-f]{16}$/;

/** Where the frontend of `recipe`, linked against the objects as they are now, is kept in the output directory. */
function besideObjectsPath(recipe: FrontendRecipe): string {
  const objects = recipe.objects.map((name) => join(recipe.library.objDir, name));
  return join(recipe.library.objDir, 'scripts/kconfig', `.tuxconf-kconfig-${shortHash(recipe.key, ...objects.map(fileIdentity))}`);
}

/**
 * Whether scripts/ and scripts/kconfig of the output directory are real directories of this user that
 * nobody else can write: the trust make gives the programs it builds and runs there (fixdep, conf,
 * mconf), and the trust tuxconf gives the objects it links from there.
 */
export async function objectDirTrusted(objDir: string): Promise<boolean> {
  for (const dir of [join(objDir, 'scripts'), join(objDir, 'scripts/kconfig')]) {
    if (privacyProblem(await lstat(dir).catch(() => undefined))) return false;
  }
  return true;
}

async function findBesideObjects(recipe: FrontendRecipe): Promise<string | undefined> {
  if (recipe.sanitize || !(await objectDirTrusted(recipe.library.objDir))) return undefined;
  const path = besideObjectsPath(recipe);
  return (await cachedBinaryProblem(path).catch(() => 'unreadable')) === null ? path : undefined;
}

/** Copies the linked frontend beside the objects (a new file renamed into place, never through a link) and removes older ones there. */
async function keepBesideObjects(recipe: FrontendRecipe, binary: string): Promise<void> {
  if (recipe.sanitize || !(await objectDirTrusted(recipe.library.objDir))) return;
  const path = besideObjectsPath(recipe);
  const dir = dirname(path);
  for (const name of await readdir(dir)) {
    if (BESIDE_NAME.test(name) && join(dir, name) !== path) await rm(join(dir, name), { force: true });
  }
  await replaceFile(path, await readFile(binary), { what: "tuxconf's kconfig frontend", mode: 0o755 });
}

/** Library API differences, detected from the tree's headers rather than its version. */
export async function featureFlags(source: string): Promise<string[]> {
  const dir = join(source, 'scripts/kconfig');
  const [expr, proto] = await Promise.all([readFile(join(dir, 'expr.h'), 'utf8'), readFile(join(dir, 'lkc_proto.h'), 'utf8')]);
  const flags: string[] = [];
  if (/^\s*const char \*filename;/m.test(expr)) flags.push('-DTUX_HAVE_MENU_FILENAME');
  if (/\bsym_get_choice_menu\b/.test(proto)) flags.push('-DTUX_HAVE_SYM_GET_CHOICE_MENU');
  if (/\bchoice_set_value\s*\(\s*struct menu/.test(proto)) flags.push('-DTUX_HAVE_CHOICE_SET_VALUE');
  if (/\bval_is_valid\b/.test(expr)) flags.push('-DTUX_HAVE_EXPR_CACHE');
  // The expression table only grows (entries added at a bucket's head, none removed): a flat copy of it stays valid while its heads are the same.
  const exprSource = await readFile(join(dir, 'expr.c'), 'utf8').catch(() => '');
  if (/\bval_is_valid\b/.test(expr) && /\bhash_add\(expr_hashtable/.test(exprSource) && !/\b(hash_del|hlist_del)/.test(exprSource))
    flags.push('-DTUX_EXPR_TABLE_GROWS');
  return flags;
}

async function kconfigSourceDigest(source: string): Promise<string> {
  // Read together: one after another, the ~50 reads were 25 ms of a warm start.
  const files = await Promise.all(
    ['scripts/kconfig', 'scripts/include'].map(async (sub) => {
      const dir = join(source, sub);
      const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.(c|h|l|y)$|^Makefile$/.test(name)).sort();
      return Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')]));
    }),
  );
  return shortHash(...files.flat(2));
}

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/**
 * Why the cached frontend cannot be run, 'absent' when there is none, or null when it can: a
 * regular executable ELF file of this user's that nobody else can write, not a link. An empty or
 * truncated copy (a full disk while ~/.cache was restored) is built again instead of failing
 * every start with a message that blames Kconfig.
 */
async function cachedBinaryProblem(binary: string): Promise<string | null> {
  const stat = await lstat(binary).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!stat) return 'absent';
  if (!stat.isFile()) return stat.isSymbolicLink() ? 'is a link' : 'is not a regular file';
  if (process.getuid && stat.uid !== process.getuid()) return 'belongs to another user';
  if (stat.mode & 0o022) return 'can be written by others';
  if (!(stat.mode & 0o100)) return 'is not executable';
  const head = Buffer.alloc(ELF_MAGIC.length);
  const file = await open(binary, 'r');
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  return head.equals(ELF_MAGIC) ? null : 'is damaged (not a program)';
}
