import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { TuxconfError } from './errors.js';
import { type KernelTree, makeArguments } from './kernel-tree.js';

/** Make's own bookkeeping, which must not leak into the frontend's $(shell ...) probes. */
const MAKE_INTERNALS = new Set(['MAKEFLAGS', 'MAKELEVEL', 'MAKEOVERRIDES', 'MFLAGS', 'MAKE_TERMERR', 'MAKE_TERMOUT']);

/**
 * The environment kbuild exports to its kconfig frontends (ARCH, SRCARCH, srctree, CC, LD,
 * CC_VERSION_TEXT, ...): taken from the tree's own Makefile by adding a target that prints it.
 * Its name ends in "config" so the Makefile treats the run as a configuration run.
 */
export async function probeKbuildEnvironment(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'tuxconf-env-'));
  const dump = join(dir, 'env');
  try {
    const target = 'tuxconf-probe-envconfig';
    const result = await execa('make', ['-s', ...makeArguments(tree), `--eval=${target}: ; @env -0 > ${dump}`, target], {
      env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });
    const text = await readFile(dump, 'utf8').catch(() => undefined);
    if (result.exitCode !== 0 || text === undefined) {
      const details = result.stderr.split('\n').filter((line) => line && !/overriding recipe|ignoring old recipe/.test(line));
      throw new TuxconfError(`make could not prepare ${tree.srcTree} for configuration`, { details: details.slice(-12) });
    }
    return parseEnvDump(text);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function parseEnvDump(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!MAKE_INTERNALS.has(name)) vars[name] = entry.slice(eq + 1);
  }
  return vars;
}

/** The environment of a demo tree: what its Kconfig reads, without a kernel Makefile to ask. */
export async function demoEnvironment(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const cc = tree.makeVars.CC ?? env.CC ?? 'gcc';
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
