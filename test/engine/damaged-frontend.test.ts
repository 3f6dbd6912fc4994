import assert from 'node:assert/strict';
import { copyFile, chmod, lstat, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F7 of FINDINGS.md: an empty cached frontend (a full disk while ~/.cache was restored) failed every
// start with "the kernel's kconfig could not read Kconfig (exit status 0)".
test('6.12: an empty, linked or silently failing cached frontend is built again or named with what to remove, never blamed on Kconfig', async () => {
  await withTempDir('damaged-frontend', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const cache = join(dir, 'cache');
    const args = ['-C', kernelTree('6.12'), '-O', out, 'get', 'CONFIG_EXT4_FS'];
    const run = () => runTuxconf(args, { env: { TUXCONF_CACHE_DIR: cache } });
    const good = await run();
    assert.equal(good.exitCode, 0, good.stderr);
    assert.equal(good.stdout, 'CONFIG_EXT4_FS=m\n');
    const frontends = await readdir(join(cache, 'frontends'));
    assert.equal(frontends.length, 1);
    const binary = join(cache, 'frontends', frontends[0]!, 'tuxconf-kconfig');
    const exists = async (path: string) => (await lstat(path).catch(() => undefined)) !== undefined;
    const isProgram = async () => (await readFile(binary)).subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));

    await writeFile(binary, '');
    const afterEmpty = await run();
    assert.equal(afterEmpty.exitCode, 0, afterEmpty.stderr);
    assert.equal(afterEmpty.stdout, good.stdout);
    assert.match(afterEmpty.stderr, /the cached frontend .*tuxconf-kconfig is damaged \(not a program\): removed, not run/);
    // Run instead: the copy kept beside the kconfig objects in the output directory, or one built again.
    assert.ok(!(await exists(binary)) || (await isProgram()), 'the damaged file is gone');

    await rm(binary, { force: true });
    await symlink('/bin/false', binary);
    const afterLink = await run();
    assert.equal(afterLink.exitCode, 0, afterLink.stderr);
    assert.equal(afterLink.stdout, good.stdout);
    assert.match(afterLink.stderr, /tuxconf-kconfig is a link: removed, not run/);
    assert.ok(!(await exists(binary)) || (await isProgram()), 'the link is gone');

    // Without the copy in the output directory, the frontend is built again into the cache.
    await rm(binary, { force: true });
    for (const name of await readdir(join(out, 'scripts/kconfig'))) {
      if (name.startsWith('.tuxconf-kconfig-')) await rm(join(out, 'scripts/kconfig', name));
    }
    await writeFile(binary, '');
    const rebuilt = await run();
    assert.equal(rebuilt.exitCode, 0, rebuilt.stderr);
    assert.equal(rebuilt.stdout, good.stdout);
    assert.ok(await isProgram(), 'built again');

    // A program that ends at once without a word: not Kconfig's fault, and the message says what to remove.
    await rm(binary, { force: true });
    await copyFile('/bin/false', binary);
    await chmod(binary, 0o755);
    const silent = await run();
    assert.equal(silent.exitCode, 1);
    assert.match(silent.stderr, new RegExp(`the kconfig frontend ${binary} ended before it was ready, without a message \\(exit status 1\\)`));
    assert.match(silent.stderr, new RegExp(`remove ${join(cache, 'frontends', frontends[0]!)} and run tuxconf again`));
    assert.doesNotMatch(silent.stderr, /could not read Kconfig/);
  });
});
