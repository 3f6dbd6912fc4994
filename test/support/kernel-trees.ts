import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the Debian kernel sources are extracted for tests (test/support/prepare-trees.ts does it). */
export const TREES_DIR = process.env.TUXCONF_TEST_TREES ?? join(tmpdir(), 'ksrc');

export type KernelVersion = '6.1' | '6.12';

export function kernelTree(version: KernelVersion): string {
  const dir = join(TREES_DIR, `linux-source-${version}`);
  if (!existsSync(join(dir, 'Kconfig'))) {
    throw new Error(`${dir} is missing: run "npm test" (its pretest extracts /usr/src/linux-source-${version}.tar.xz)`);
  }
  return dir;
}

/** Debian's distribution config for a kernel, e.g. amd64_none_amd64 or amd64_none_cloud-amd64. */
export function debianConfig(version: KernelVersion, flavour = 'amd64_none_amd64'): string {
  return execFileSync('xz', ['-dc', `/usr/src/linux-config-${version}/config.${flavour}.xz`], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The 1-based number of the first line of a tree's file that `matches`: what a test expects, read from the tree installed. */
export function lineIn(tree: string, file: string, matches: (line: string) => boolean): number {
  const index = readFileSync(join(tree, file), 'utf8').split('\n').findIndex(matches);
  if (index < 0) throw new Error(`${file} of ${tree} has no such line`);
  return index + 1;
}

export async function withTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `tuxconf-test-${prefix}-`));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An output directory holding `config` as its .config. */
export async function outputDirWith(dir: string, name: string, config: string): Promise<string> {
  const out = join(dir, name);
  execFileSync('mkdir', ['-p', out]);
  await writeFile(join(out, '.config'), config);
  return out;
}

/** Runs the kernel's own make in an output directory (the oracle). */
export function kernelMake(tree: string, out: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
