import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F17 of FINDINGS.md: an export that cannot be written gave the hint of a config save (--config FILE, w in the menu).
test('6.12: export into a read-only directory says to export elsewhere, not how to save the config, and writes nothing', async () => {
  await withTempDir('export-ro', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const ro = join(dir, 'ro');
    await mkdir(ro);
    execFileSync('mount', ['--bind', ro, ro]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', ro]);
      const result = await runTuxconf(['-C', kernelTree('6.12'), '-O', out, 'export', join(ro, 'list.config')], {
        env: { TUXCONF_CACHE_DIR: join(dir, 'cache') },
      });
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(result.stderr, /could not write export .*list\.config: /);
      assert.match(result.stderr, /export to an OUTFILE in a directory you can write; nothing was changed on disk/);
      assert.doesNotMatch(result.stderr, /--config FILE|w in the menu/);
      assert.deepEqual(await readdir(ro), []);
    } finally {
      execFileSync('umount', [ro]);
    }
  });
});
