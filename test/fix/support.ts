import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kernelMake, kernelTree, type KernelVersion } from '../support/kernel-trees.js';

/** A starting config made by the kernel's own make in `dir/name` (tinyconfig for x86_64, or a defconfig), as text. */
export async function makeBase(version: KernelVersion, dir: string, name: string, target: 'tinyconfig' | 'x86_64_defconfig'): Promise<string> {
  const out = join(dir, name);
  await mkdir(out, { recursive: true });
  // x86_64's tinyconfig: ARCH=x86 alone would make a 32-bit one. Later assignments win in make.
  kernelMake(kernelTree(version), out, target === 'tinyconfig' ? ['ARCH=x86_64', 'tinyconfig'] : ['x86_64_defconfig']);
  return readFile(join(out, '.config'), 'utf8');
}

/**
 * The kernel's verdict on a saved config: `make olddefconfig` on a copy must leave it byte for
 * byte as it is (the first line names the architecture make was run with; ARCH=x86 both times).
 */
export async function olddefconfigOf(version: KernelVersion, dir: string, config: string): Promise<string> {
  const out = join(dir, `oracle-${Math.random().toString(36).slice(2)}`);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, '.config'), config);
  kernelMake(kernelTree(version), out, ['olddefconfig']);
  return readFile(join(out, '.config'), 'utf8');
}

/** The value a .config text gives a symbol: y, m, a string's bytes, or n when it is not set or absent. */
export function configValue(config: string, name: string): string {
  const match = config.match(new RegExp(`^CONFIG_${name}=(.*)$`, 'm'));
  if (!match) return 'n';
  const raw = match[1]!;
  return raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
}

export async function assertStable(version: KernelVersion, dir: string, config: string, message: string): Promise<void> {
  const after = await olddefconfigOf(version, dir, config);
  assert.equal(after, config, `${message}: make olddefconfig changes the saved config`);
}
