/**
 * A captured block-devices.tsv is outside text: a device listed among its own slaves, or a slave
 * listed many times, must not make the walk down the root's storage path blow up (it was
 * exponential: 60 slaves, 9 levels). Each device is followed once, and the path found is the one
 * a well-formed list gives. Run through the real program, killed if it hangs.
 */
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';
import { runTuxconfTimed } from './support/run-tuxconf.js';

describe('root storage path from a hostile block-devices list', () => {
  it('follows each device once when devices are their own slaves, many times over', async () => {
    await withTempDir('root-storage-cycles', async (dir) => {
      const capture = join(dir, 'cap');
      await cp(fixture('laptop'), capture, { recursive: true });
      const list = join(capture, 'block-devices.tsv');
      const looping = (await readFile(list, 'utf8'))
        .split('\n')
        .map((line) => {
          const fields = line.split('\t');
          if (fields[0] === 'dm-1') fields[2] = Array.from({ length: 30 }, () => 'dm-1,dm-0').join(',');
          if (fields[0] === 'dm-0') fields[2] = 'dm-0,nvme0n1p3,dm-0';
          return fields.join('\t');
        })
        .join('\n');
      await writeFile(list, looping);
      const result = await runTuxconfTimed(['profiles', 'show', 'boot', '--hw-from', capture, '-C', kernelTree('6.12')], { timeoutMs: 60_000 });
      assert.equal(result.timedOut, false, 'tuxconf returned instead of walking the loops');
      assert.equal(result.exitCode, 0, result.stderr);
      for (const module of ['dm_mod', 'dm_crypt', 'nvme']) assert.match(result.stdout, new RegExp(`^${module}\\s+y/m\\s+required\\b`, 'm'), module);
      assert.match(
        result.stdout,
        /^nvme .*-- root file system ext4 on \/dev\/mapper\/t480--vg-root -> block device dm-1 -> block device dm-0 -> block device nvme0n1p3 -> /m,
      );
    });
  });
});
