import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { TuxconfError } from './errors.js';
import { type KernelTree, makeArguments } from './kernel-tree.js';
import { lockedMake } from './make-lock.js';
import { makeWorkDir, removeWorkDir } from './work-dir.js';
import { loadExeca } from './load-execa.js';

/** Names the file the probe writes to; the path never enters make's text, so no TMPDIR can be parsed as make syntax. */
const DUMP_VARIABLE = 'TUXCONF_ENV_DUMP';

/** Make's own bookkeeping, which must not leak into the frontend's $(shell ...) probes. */
const MAKE_INTERNALS = new Set(['MAKEFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'MFLAGS', 'MAKE_TERMERR', 'MAKE_TERMOUT', 'obj', DUMP_VARIABLE]);

/** Each make level exports `<directory>|<makefiles it read>` under this prefix and its level. */
const MAKEFILES_VARIABLE = 'TUXCONF_MAKEFILES_';

/** kbuild's environment and the makefiles every make level read to compute it (absolute paths). */
export interface KbuildProbe {
  env: Record<string, string>;
  makefiles: string[];
}

/**
 * The environment kbuild gives its kconfig frontends (ARCH, SRCARCH, srctree, CC, LD,
 * CC_VERSION_TEXT, KCONFIG_DEFCONFIG_LIST, ...), taken from the tree's own make: a target whose
 * name ends in "config" goes through the top Makefile to the scripts/kconfig sub-make, exactly
 * like `make menuconfig`, and is defined (by --eval) only there, where it prints the environment.
 */
export async function probeKbuildEnvironment(tree: KernelTree, env: NodeJS.ProcessEnv, objects: string[] = []): Promise<Record<string, string>> {
  return (await probeKbuild(tree, env, objects)).env;
}

/** Where make runs and with what: the parts of a KernelTree a make run needs. */
export type MakePlace = Pick<KernelTree, 'srcTree' | 'objTree' | 'arch' | 'makeVars' | 'configPath'>;

/**
 * The same, with the makefiles read on the way (GNU make's MAKEFILE_LIST of every level). `objects`
 * (paths relative to the output directory, such as scripts/kconfig/confdata.o) are built first, in
 * the same make run, by kbuild's own rules for them: a start that must build tuxconf's frontend
 * runs make once, not once for the environment and again for the kconfig library.
 */
export async function probeKbuild(tree: MakePlace, env: NodeJS.ProcessEnv, objects: string[] = []): Promise<KbuildProbe> {
  const dir = await makeWorkDir('env');
  const dump = join(dir, 'env');
  try {
    const target = 'tuxconf-probe-envconfig';
    const rule = [
      `export ${MAKEFILES_VARIABLE}$(MAKELEVEL) = $(CURDIR)|$(MAKEFILE_LIST)`,
      'ifeq ($(obj),scripts/kconfig)',
      `${target}: ${objects.join(' ')} ; @env -0 > "$$${DUMP_VARIABLE}"`,
      'endif',
    ].join('\n');
    const execa = await loadExeca();
    const make = await lockedMake(tree.objTree, env);
    const jobs = objects.length > 0 ? [`-j${availableParallelism()}`] : [];
    const result = await execa(make.file, [...make.prefix, '-s', ...jobs, ...makeArguments(tree), `--eval=${rule}`, target], {
      env: { ...env, [DUMP_VARIABLE]: dump },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    const text = await readFile(dump, 'utf8').catch(() => undefined);
    if (result.exitCode !== 0 || text === undefined) {
      throw new TuxconfError(`make could not prepare ${tree.objTree} for configuring ${tree.srcTree}`, {
        details: result.stderr.split('\n').filter(Boolean).slice(-12),
        hint: hintForMakeFailure(result.stderr),
      });
    }
    return { env: parseEnvDump(text), makefiles: makefilesOfDump(text) };
  } finally {
    await removeWorkDir(dir);
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

export function parseEnvDump(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!MAKE_INTERNALS.has(name) && !name.startsWith(MAKEFILES_VARIABLE)) vars[name] = entry.slice(eq + 1);
  }
  return vars;
}

/** Every makefile the make levels of a probe read, made absolute against the directory each level ran in. */
function makefilesOfDump(text: string): string[] {
  const files = new Set<string>();
  for (const entry of text.split('\0')) {
    if (!entry.startsWith(MAKEFILES_VARIABLE)) continue;
    const value = entry.slice(entry.indexOf('=') + 1);
    const bar = value.indexOf('|');
    const cwd = value.slice(0, bar);
    for (const name of value.slice(bar + 1).split(/\s+/)) if (name !== '') files.add(resolve(cwd, name));
  }
  return [...files].sort();
}

/** The environment of a demo tree: what its Kconfig reads, without a kernel Makefile to ask. */
export async function demoEnvironment(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const cc = tree.makeVars.CC ?? env.CC ?? 'gcc';
  const execa = await loadExeca();
  const version = await execa(cc, ['--version'], { reject: false });
  return {
    ...(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<string, string>),
    srctree: tree.srcTree,
    ARCH: tree.arch,
    SRCARCH: tree.srcArch,
    KERNELVERSION: tree.version,
    CC: cc,
    HOSTCC: env.HOSTCC ?? 'gcc',
    CC_VERSION_TEXT: version.stdout.split('\n')[0] ?? '',
  };
}
