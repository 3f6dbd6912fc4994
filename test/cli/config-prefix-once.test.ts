import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F17 of FINDINGS.md: `enable CONFIG_CONFIG_EXT4_FS` was taken as CONFIG_EXT4_FS (CONFIG_ stripped twice).
test('6.12: CONFIG_ is taken off a name once: CONFIG_CONFIG_EXT4_FS is unknown to get, set, enable, disable, why and --keep', async () => {
  await withTempDir('prefix-once', async (dir) => {
    const config = debianConfig('6.12');
    const out = await outputDirWith(dir, 'out', config);
    const run = (...args: string[]) => runTuxconf(['-C', kernelTree('6.12'), '-O', out, ...args], { env: { TUXCONF_CACHE_DIR: join(dir, 'cache') } });

    const get = await run('get', 'CONFIG_EXT4_FS', 'EXT4_FS', 'CONFIG_CONFIG_EXT4_FS');
    assert.equal(get.exitCode, 1);
    assert.equal(get.stdout, 'CONFIG_EXT4_FS=m\nCONFIG_EXT4_FS=m\n');
    assert.deepEqual(
      get.stderr.split('\n').filter((line) => line.includes('unknown')),
      ['tuxconf: unknown symbol CONFIG_CONFIG_EXT4_FS'],
    );

    for (const args of [
      ['set', 'CONFIG_CONFIG_EXT2_FS=y'],
      ['enable', 'CONFIG_CONFIG_EXT2_FS'],
      ['disable', 'CONFIG_CONFIG_EXT4_FS'],
      ['why', 'CONFIG_CONFIG_EXT4_FS'],
    ]) {
      const result = await run(...args);
      assert.notEqual(result.exitCode, 0, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, /CONFIG_CONFIG_EXT[24]_FS/, args.join(' '));
    }
    const keep = await run('enable', 'CONFIG_EXT2_FS', '--keep', 'CONFIG_CONFIG_JBD2', '--dry-run');
    assert.equal(keep.exitCode, 2, keep.stderr);
    assert.match(keep.stderr, /--keep CONFIG_CONFIG_JBD2: no symbol of that name/);
    assert.equal(await readFile(join(out, '.config'), 'utf8'), config, 'nothing saved');

    const plain = await run('enable', 'CONFIG_EXT2_FS', '--dry-run', '--json');
    assert.equal(plain.exitCode, 0, plain.stderr);
    assert.equal((JSON.parse(plain.stdout) as { targets: { name: string }[] }).targets[0]?.name, 'EXT2_FS');
  });
});
