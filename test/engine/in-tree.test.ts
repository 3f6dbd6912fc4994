import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { treeFarm } from '../support/tree-farm.js';

test('an in-tree build (no -O): .config and include/config live in the tree, as with make', async () => {
  await withTempDir('intree', async (dir) => {
    const real = kernelTree('6.12');
    // A writable copy of the tree: scripts/ and include/ are copied (make and kconfig write there), the rest linked.
    const tree = await treeFarm(real, join(dir, 'linux'), ['scripts', 'include']);
    const config = debianConfig('6.12');
    await writeFile(join(tree, '.config'), config);
    const result = await runTuxconf(['save'], { cwd: tree });
    assert.equal(result.exitCode, 0, result.stderr);
    await readFile(join(tree, 'include/config/auto.conf'));
    const oracle = await outputDirWith(dir, 'make', config);
    kernelMake(real, oracle, ['olddefconfig']);
    assert.equal(await readFile(join(tree, '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));
  });
});
