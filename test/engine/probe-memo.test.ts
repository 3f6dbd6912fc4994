import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, lstat, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { sealed } from './support/sealed-files.js';

// F6 of FINDINGS.md: the memo of Kconfig's $(shell ...) probes decides values written to .config
// (CONFIG_GCC_VERSION, every cc-option). It must be taken only when it is whole and the user's own.

const MAGIC = 'tuxconf-probe-memo 1';

function bodyOf(memo: Buffer): Buffer {
  const header = memo.subarray(0, memo.indexOf(0x0a)).toString();
  assert.match(header, /^tuxconf-probe-memo 1 \d+ [0-9a-f]{16}$/);
  return memo.subarray(memo.indexOf(0x0a) + 1);
}

test("6.12: an edited, bit-flipped, linked, FIFO or group-writable probe memo is not used: the values are the probes' own and the memo is rewritten", async () => {
  await withTempDir('probe-memo', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const cache = join(dir, 'cache');
    const env = { TUXCONF_CACHE_DIR: cache };
    const args = ['-C', kernelTree('6.12'), '-O', out, 'get', 'CONFIG_GCC_VERSION'];
    const truth = await runTuxconf(args, { env });
    assert.equal(truth.exitCode, 0, truth.stderr);
    const version = /^CONFIG_GCC_VERSION=(\d+)$/m.exec(truth.stdout)?.[1];
    assert.ok(version, truth.stdout);

    const memos = await readdir(join(cache, 'shell-probes'));
    assert.equal(memos.length, 1);
    const memo = join(cache, 'shell-probes', memos[0]!);
    assert.equal((await stat(memo)).mode & 0o777, 0o600, 'private to the user');
    const good = await readFile(memo);
    const body = bodyOf(good);
    const forged = Buffer.from(body.toString('latin1').replaceAll(version, '9'.repeat(version.length)), 'latin1');
    assert.notDeepEqual(forged, body, 'the memo holds the compiler version probe');

    const expectTruthAndRewritten = async (what: string): Promise<void> => {
      const result = await runTuxconf(args, { env });
      assert.equal(result.exitCode, 0, `${what}: ${result.stderr}`);
      assert.equal(result.stdout, truth.stdout, `${what}: the probes' own answer`);
      assert.ok((await lstat(memo)).isFile(), `${what}: a file again`);
      assert.deepEqual(bodyOf(await readFile(memo)), body, `${what}: rewritten with the probes' output`);
    };

    // Edited in place, header untouched: the checksum no longer matches.
    await writeFile(memo, Buffer.concat([good.subarray(0, good.indexOf(0x0a) + 1), forged]), { mode: 0o600 });
    await expectTruthAndRewritten('edited body');

    const flipped = Buffer.from(good);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 40) ^ 0x01, flipped.length - 40);
    await writeFile(memo, flipped);
    await expectTruthAndRewritten('one bit flipped');

    await writeFile(memo, good.subarray(0, good.length - 10));
    await expectTruthAndRewritten('truncated');

    // The old format (records without the header) is not read either.
    await writeFile(memo, forged);
    await expectTruthAndRewritten('no header');

    // Sealed correctly but writable by others: not the user's file to trust.
    await writeFile(memo, sealed(MAGIC, forged));
    await chmod(memo, 0o666);
    await expectTruthAndRewritten('group/world-writable');

    // A link, even to a sealed file of the user's: not followed, replaced by a file; its target untouched.
    const elsewhere = join(dir, 'elsewhere');
    await writeFile(elsewhere, sealed(MAGIC, forged), { mode: 0o600 });
    await rm(memo);
    await symlink(elsewhere, memo);
    await expectTruthAndRewritten('a link');
    assert.deepEqual(await readFile(elsewhere), sealed(MAGIC, forged));

    await rm(memo);
    await symlink('/dev/zero', memo);
    await expectTruthAndRewritten('a link to /dev/zero');

    await rm(memo);
    execFileSync('mkfifo', [memo]);
    await expectTruthAndRewritten('a FIFO');

    // The control: the same sealed memo, private, is used (it is the user's own file: F4 keeps others out of the cache).
    await writeFile(memo, sealed(MAGIC, forged), { mode: 0o600 });
    await chmod(memo, 0o600);
    const used = await runTuxconf(args, { env });
    assert.equal(used.stdout, `CONFIG_GCC_VERSION=${'9'.repeat(version.length)}\n`);
  });
});
