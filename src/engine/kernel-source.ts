import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from './cache-dir.js';
import { TuxconfError } from './errors.js';
import { isKernelTree } from './kernel-tree.js';
import { loadExeca } from './load-execa.js';


/** What the demo tree needs from a kernel source: its kconfig library and the make to build it. */
const KCONFIG_MEMBERS = ['Makefile', '*Kconfig*', 'scripts/*', 'arch/*/Makefile*', 'arch/*/configs/*', 'kernel/configs/*'];

/**
 * A kernel source whose scripts/kconfig can evaluate a Kconfig tree that is not itself a kernel
 * (the demo): `$KERNEL_SRC`, an extracted `/usr/src/linux*`, or Debian's
 * `/usr/src/linux-source-*.tar.xz`, extracted into the cache on first use.
 */
export async function findKernelSource(
  env: NodeJS.ProcessEnv,
  onProgress: (message: string) => void = () => {},
  usrSrc = '/usr/src',
): Promise<string> {
  if (env.KERNEL_SRC) {
    if (await isKernelTree(env.KERNEL_SRC)) return env.KERNEL_SRC;
    throw new TuxconfError(`KERNEL_SRC=${env.KERNEL_SRC} is not a kernel source tree`);
  }
  const entries = await readdir(usrSrc).catch(() => [] as string[]);
  const newestFirst = entries.filter((name) => name.startsWith('linux')).sort(compareVersionsDescending);
  for (const name of newestFirst) {
    const dir = join(usrSrc, name);
    if (await isKernelTree(dir)) return dir;
  }
  const tarball = newestFirst.find((name) => /^linux-source-[\d.]+\.tar\.(xz|gz|bz2)$/.test(name));
  if (tarball) return extractKconfigParts(join(usrSrc, tarball), env, onProgress);
  throw new TuxconfError('no kernel source found to evaluate the demo tree with', {
    hint:
      'run tuxconf inside a kernel tree (or -C DIR), or install one: sudo apt-get install linux-source-6.12 ' +
      'flex bison gcc make (or set KERNEL_SRC=/path/to/linux)',
  });
}

async function extractKconfigParts(
  tarball: string,
  env: NodeJS.ProcessEnv,
  onProgress: (message: string) => void,
): Promise<string> {
  const top = tarball.replace(/^.*\//, '').replace(/\.tar\.\w+$/, '');
  const target = join(cacheRoot(env), 'sources', top);
  if (await isKernelTree(target)) return target;
  onProgress(`extracting the kconfig parts of ${tarball} (once)`);
  const partial = `${target}.partial-${process.pid}`;
  await mkdir(partial, { recursive: true });
  const members = KCONFIG_MEMBERS.map((member) => `${top}/${member}`);
  const execa = await loadExeca();
  const result = await execa('tar', ['-xf', tarball, '-C', partial, '--wildcards', ...members], { reject: false });
  if (result.exitCode !== 0) {
    await rm(partial, { recursive: true, force: true });
    throw new TuxconfError(`could not extract ${tarball}`, { details: result.stderr.split('\n').slice(0, 5) });
  }
  await rm(target, { recursive: true, force: true });
  await rename(join(partial, top), target);
  await rm(partial, { recursive: true, force: true });
  if (!(await isKernelTree(target))) throw new TuxconfError(`${tarball} did not contain a kernel tree`);
  return target;
}

function compareVersionsDescending(a: string, b: string): number {
  return b.localeCompare(a, undefined, { numeric: true });
}
