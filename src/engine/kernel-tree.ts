import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot } from './cache-dir.js';
import { TuxconfError } from './errors.js';
import { pathExists } from './path-exists.js';
import { hostArch, srcArchOf } from './host-arch.js';
import type { OpenOptions } from './open-options.js';

/** Where a configuration lives and how kbuild is invoked for it. */
export interface KernelTree {
  /** The tree whose Kconfig is evaluated (`srctree`). */
  srcTree: string;
  /** Where make runs and `.config` lives (`O=`, or the source tree for in-tree builds). */
  objTree: string;
  arch: string;
  srcArch: string;
  /** Kernel version from the tree's Makefile, e.g. 6.12.57. */
  version: string;
  configPath: string;
  /** VAR=value arguments handed to every make run (CROSS_COMPILE, LLVM, CC, ...). */
  makeVars: Record<string, string>;
  /** The fixture demo tree, opened because tuxconf was started outside a kernel tree. */
  demo: boolean;
}

export const DEMO_TREE = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));

/** A directory is a kernel tree when it has the files kbuild and kconfig start from. */
export async function isKernelTree(dir: string): Promise<boolean> {
  const needed = ['Kconfig', 'Makefile', 'scripts/kconfig/Makefile'];
  const found = await Promise.all(needed.map((file) => pathExists(join(dir, file))));
  return found.every(Boolean);
}

export async function discoverKernelTree(options: OpenOptions): Promise<KernelTree> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const makeVars = { ...options.makeVars };
  const requested = options.tree ?? makeVars.srctree;
  const candidate = resolve(cwd, requested ?? '.');

  let demo = options.demo === true || candidate === DEMO_TREE;
  let srcTree = demo ? DEMO_TREE : candidate;
  if (!demo && !(await isKernelTree(candidate))) {
    if (requested !== undefined) throw notAKernelTree(candidate);
    demo = true;
    srcTree = DEMO_TREE;
  }

  const arch = options.arch ?? makeVars.ARCH ?? env.ARCH ?? hostArch();
  delete makeVars.ARCH;
  const srcArch = srcArchOf(arch);
  if (!(await pathExists(join(srcTree, 'arch', srcArch, 'Kconfig')))) {
    throw new TuxconfError(`unknown architecture '${arch}': ${join(srcTree, 'arch', srcArch)} has no Kconfig`, {
      hint: 'give an ARCH this tree has, e.g. --arch x86 or --arch arm64',
    });
  }

  const output = options.output ?? makeVars.O ?? env.KBUILD_OUTPUT;
  delete makeVars.O;
  const objTree = output
    ? resolve(cwd, output)
    : demo
      ? join(cacheRoot(env), 'demo', srcArch)
      : srcTree;
  if (!demo && objTree === srcTree) await requireWritable(srcTree);

  const configName = options.config ?? makeVars.KCONFIG_CONFIG ?? env.KCONFIG_CONFIG ?? '.config';
  delete makeVars.KCONFIG_CONFIG;
  const configPath = resolve(options.config ? cwd : objTree, configName);

  const version = await readKernelVersion(srcTree);
  return { srcTree, objTree, arch, srcArch, version, configPath, makeVars, demo };
}

/** The make arguments that select this tree, output directory, architecture and toolchain. */
export function makeArguments(tree: Pick<KernelTree, 'srcTree' | 'objTree' | 'arch' | 'makeVars' | 'configPath'>): string[] {
  const args = ['-C', tree.srcTree];
  if (tree.objTree !== tree.srcTree) args.push(`O=${tree.objTree}`);
  args.push(`ARCH=${tree.arch}`);
  for (const [name, value] of Object.entries(tree.makeVars)) args.push(`${name}=${value}`);
  if (tree.configPath !== join(tree.objTree, '.config')) args.push(`KCONFIG_CONFIG=${tree.configPath}`);
  return args;
}

/** VERSION.PATCHLEVEL.SUBLEVEL plus EXTRAVERSION from the top Makefile. */
export async function readKernelVersion(srcTree: string): Promise<string> {
  const text = await readFile(join(srcTree, 'Makefile'), 'utf8');
  const field = (name: string): string => text.match(new RegExp(`^${name}\\s*=[ \\t]*(.*)$`, 'm'))?.[1]?.trim() ?? '';
  const numbers = [field('VERSION'), field('PATCHLEVEL'), field('SUBLEVEL')].filter((part) => part !== '');
  return numbers.join('.') + field('EXTRAVERSION');
}

function notAKernelTree(dir: string): TuxconfError {
  return new TuxconfError(`${dir} is not a kernel source tree (no Kconfig, Makefile and scripts/kconfig)`, {
    hint: 'run tuxconf inside a kernel tree or give one with -C DIR; without -C outside a tree, tuxconf opens its demo tree',
  });
}

async function requireWritable(dir: string): Promise<void> {
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new TuxconfError(`the kernel tree ${dir} is not writable, and an in-tree build keeps .config there`, {
      hint: `build out of tree with an output directory: tuxconf -C ${dir} -O ~/build/linux (like make O=)`,
    });
  }
}
