import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelMake, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

/** `tuxconf save` and `make olddefconfig` on the same input, in two output directories. */
async function compareWithOlddefconfig(version: KernelVersion, config: string, arch = 'x86'): Promise<void> {
  await withTempDir(`save-${version}-${arch}`, async (dir) => {
    const tree = kernelTree(version);
    const oracle = await outputDirWith(dir, 'make', config);
    const ours = await outputDirWith(dir, 'tuxconf', config);
    kernelMake(tree, oracle, [`ARCH=${arch}`, 'olddefconfig']);
    const result = await runTuxconf(['-C', tree, '-O', ours, '--arch', arch, 'save']);
    assert.equal(result.exitCode, 0, result.stderr);
    const expected = await readFile(join(oracle, '.config'), 'utf8');
    const actual = await readFile(join(ours, '.config'), 'utf8');
    assert.ok(expected.length > 1000, 'the oracle wrote a real config');
    assert.equal(actual, expected);
    assert.equal(await readFile(join(ours, '.config.old'), 'utf8'), config, 'the kernel writer kept .config.old');
  });
}

test('save on Debian 6.12 amd64 config equals make olddefconfig byte for byte', async () => {
  await compareWithOlddefconfig('6.12', debianConfig('6.12'));
});

test('save on Debian 6.1 amd64 config equals make olddefconfig byte for byte', async () => {
  await compareWithOlddefconfig('6.1', debianConfig('6.1'));
});

test('save on x86_64_defconfig (6.12) equals make olddefconfig byte for byte', async () => {
  const defconfig = await readFile(join(kernelTree('6.12'), 'arch/x86/configs/x86_64_defconfig'), 'utf8');
  await compareWithOlddefconfig('6.12', defconfig);
});

test('save on arm64 defconfig (6.12, cross architecture) equals make ARCH=arm64 olddefconfig', async () => {
  const defconfig = await readFile(join(kernelTree('6.12'), 'arch/arm64/configs/defconfig'), 'utf8');
  await compareWithOlddefconfig('6.12', defconfig, 'arm64');
});

test('savedefconfig equals make savedefconfig on Debian 6.12 amd64 config', async () => {
  await withTempDir('savedefconfig', async (dir) => {
    const tree = kernelTree('6.12');
    const config = debianConfig('6.12');
    const oracle = await outputDirWith(dir, 'make', config);
    const ours = await outputDirWith(dir, 'tuxconf', config);
    kernelMake(tree, oracle, ['savedefconfig']);
    const result = await runTuxconf(['-C', tree, '-O', ours, 'savedefconfig']);
    assert.equal(result.exitCode, 0, result.stderr);
    const expected = await readFile(join(oracle, 'defconfig'), 'utf8');
    assert.ok(expected.split('\n').length > 100);
    assert.equal(await readFile(join(ours, 'defconfig'), 'utf8'), expected);
    const explicit = await runTuxconf(['-C', tree, '-O', ours, 'savedefconfig', join(dir, 'minimal')]);
    assert.equal(explicit.exitCode, 0, explicit.stderr);
    assert.equal(await readFile(join(dir, 'minimal'), 'utf8'), expected);
  });
});
