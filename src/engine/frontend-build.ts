import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_VARIABLE, cacheRoot, ensurePrivateDir, shortHash } from './cache-dir.js';
import { TuxconfError } from './errors.js';
import { pathExists } from './path-exists.js';
import { kconfigBuildTools, requireTools } from './tools.js';
import { lockedMake } from './make-lock.js';

/** execa is loaded when a program is first run: a start from the cache runs none (loading it costs ~90 ms). */
const loadExeca = async () => (await import('execa')).execa;

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

/**
 * The tuxconf frontend linked against this kernel's kconfig library, built on first use and
 * cached under a hash of the tree's scripts/kconfig sources, so it is rebuilt only when they change.
 */
export async function ensureFrontend(library: KconfigLibrary, options: FrontendBuildOptions): Promise<string> {
  const { env } = options;
  const hostcc = options.hostcc || (library.makeVars.LLVM ? 'clang' : 'gcc');
  const sanitize = env.TUXCONF_FRONTEND_SANITIZE === '1';
  const picosat = await findPicosat(env);
  const sources = [FRONTEND_SOURCE, ...(picosat ? FIX_SOURCES : [])];
  const nativeText = await Promise.all([...sources, ...NATIVE_HEADERS].map((path) => readFile(path)));
  const key = shortHash(await kconfigSourceDigest(library.source), ...nativeText, hostcc, sanitize ? 'sanitize' : '', picosat ? picosat.link.join(' ') : 'no-solver');
  // The binary found here is run: only from a cache directory nobody else can write.
  const dir = join(await ensurePrivateDir(cacheRoot(env), "tuxconf's cache directory", CACHE_VARIABLE), 'frontends', key);
  const binary = join(dir, 'tuxconf-kconfig');
  const cached = await cachedBinaryProblem(binary);
  if (cached === null) return binary;
  if (cached !== 'absent') {
    options.onProgress?.(`the cached frontend ${binary} ${cached}: building it again`);
    await rm(binary, { force: true });
  }

  await requireTools(kconfigBuildTools(hostcc), env, "build the kernel's kconfig library");

  options.onProgress?.(`building the kconfig library of ${library.source}`);
  await buildKconfigObjects(library, env);
  const objects = await commonObjects(library);
  await mkdir(dir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  const execa = await loadExeca();
  const compile = await execa(
    hostcc,
    [
      ...(await frontendCompileFlags(library, sanitize)),
      ...(picosat ? ['-DTUX_HAVE_PICOSAT', ...(picosat.includeDir === '/usr/include' ? [] : ['-I', picosat.includeDir])] : []),
      '-o',
      partial,
      ...sources,
      ...objects,
      ...(picosat?.link ?? []),
      FRONTEND_LINK_WRAPS,
      ...(sanitize ? ['-ldl'] : []),
    ],
    { env, reject: false },
  );
  if (compile.exitCode !== 0) {
    await rm(partial, { force: true });
    throw new TuxconfError(`could not link tuxconf's frontend against ${library.source}/scripts/kconfig`, {
      details: compile.stderr.split('\n').slice(0, 15),
      hint: 'this kernel\'s kconfig library API may be one tuxconf does not know yet; please report it with the lines above',
    });
  }
  await rename(partial, binary);
  return binary;
}

/**
 * The library calls these through the frontend's own versions: popen/pclose replay memoized
 * $(shell ...) probes; fclose/fflush/rename check every write and refuse to install a file whose write failed;
 * fopen/getenv record what the parse read (the `deps` answer), on which a cached menu depends.
 */
const FRONTEND_LINK_WRAPS = '-Wl,--wrap=popen,--wrap=pclose,--wrap=fclose,--wrap=fflush,--wrap=rename,--wrap=fopen,--wrap=getenv';

/** Flags of the sanitizer build: every memory error or undefined behaviour ends the process with a report. */
export const SANITIZE_FLAGS = [
  '-O1',
  '-g',
  '-fno-omit-frame-pointer',
  '-fsanitize=address,undefined',
  '-fno-sanitize-recover=undefined',
  '-DTUX_SANITIZE',
];

/** How the frontend is compiled against a kernel's kconfig headers (without the objects and the output). */
export async function frontendCompileFlags(library: Pick<KconfigLibrary, 'source' | 'objDir'>, sanitize = false): Promise<string[]> {
  const includes = ['-I', join(library.source, 'scripts/kconfig'), '-I', join(library.objDir, 'scripts/kconfig')];
  if (await pathExists(join(library.source, 'scripts/include'))) includes.push('-I', join(library.source, 'scripts/include'));
  return [...(sanitize ? SANITIZE_FLAGS : ['-O2']), '-std=gnu11', '-Wall', '-Wextra', ...(await featureFlags(library.source)), ...includes];
}

/** `make build_config` (or `scripts/kconfig/conf` on trees before it existed) with the user's make variables. */
async function buildKconfigObjects(library: KconfigLibrary, env: NodeJS.ProcessEnv): Promise<void> {
  const args = ['-s', '-C', library.source];
  if (library.objDir !== library.source) args.push(`O=${library.objDir}`);
  args.push(`ARCH=${library.arch}`, ...Object.entries(library.makeVars).map(([name, value]) => `${name}=${value}`));
  const execa = await loadExeca();
  const make = await lockedMake(library.objDir, env);
  const run = (target: string) => execa(make.file, [...make.prefix, ...args, target], { env, extendEnv: false, reject: false, stdin: 'ignore' });
  let result = await run('build_config');
  if (result.exitCode !== 0 && /No rule to make target .build_config/.test(result.stderr)) {
    result = await run('scripts/kconfig/conf');
  }
  if (result.exitCode !== 0) {
    const details = result.stderr.split('\n').filter(Boolean).slice(-12);
    throw new TuxconfError(`building the kconfig library with make failed in ${library.objDir}`, {
      details,
      hint: hintForMakeFailure(result.stderr),
    });
  }
}

function hintForMakeFailure(stderr: string): string | undefined {
  if (/source tree is not clean/.test(stderr)) {
    return 'the source tree holds an in-tree configuration; use it without -O, or run make mrproper there first';
  }
  const tool = stderr.match(/(flex|bison|gcc|cc|clang|bc): (?:not found|No such file)/)?.[1];
  if (tool) return `install ${tool}: sudo apt-get install ${tool === 'cc' ? 'gcc' : tool}`;
  if (/Permission denied|Read-only file system/.test(stderr)) return 'use a writable output directory with -O DIR';
  return undefined;
}

/** The library objects every in-tree frontend links: `common-objs` of scripts/kconfig/Makefile. */
async function commonObjects(library: KconfigLibrary): Promise<string[]> {
  const makefile = await readFile(join(library.source, 'scripts/kconfig/Makefile'), 'utf8');
  const joined = makefile.replace(/\\\n/g, ' ');
  const names = joined.match(/^common-objs\s*:?=\s*(.*)$/m)?.[1]?.trim().split(/\s+/);
  if (!names?.length) throw new TuxconfError(`no common-objs in ${library.source}/scripts/kconfig/Makefile`);
  const objects = names.map((name) => join(library.objDir, 'scripts/kconfig', name));
  for (const object of objects) {
    if (!(await pathExists(object))) throw new TuxconfError(`make did not build ${object}`);
  }
  return objects;
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
  return flags;
}

async function kconfigSourceDigest(source: string): Promise<string> {
  const parts: string[] = [];
  for (const sub of ['scripts/kconfig', 'scripts/include']) {
    const dir = join(source, sub);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /\.(c|h|l|y)$|^Makefile$/.test(name)).sort();
    for (const name of names) parts.push(name, await readFile(join(dir, name), 'utf8'));
  }
  return shortHash(...parts);
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
