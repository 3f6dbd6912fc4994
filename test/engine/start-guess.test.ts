import assert from 'node:assert/strict';
import { chmod, copyFile, lstat, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OpenOptions } from '../../src/engine/open-session.js';
import { writeCacheFile } from '../../src/engine/start-cache/cache-file.js';
import { KBUILD_ENV_SPEC } from '../../src/engine/start-cache/kbuild-env-cache.js';
import { assertSameStart, start } from './support/compare-starts.js';
import { debianConfig, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';

/**
 * A start whose cache directory is empty guesses kbuild's environment from the one make gave last
 * time, kept in the output directory, and parses Kconfig with it while make runs: make's answer
 * decides. These starts must show exactly the menu and hold exactly the .config of an uncached one.
 */

function guessFile(out: string): string {
  return join(out, 'scripts/kconfig/.tuxconf-kbuild-env');
}

interface KeptHeader {
  toolchain: { variable: string; version: string | null }[];
}

/** The kept environment edited, written as tuxconf writes it (same key and makefiles): a guess make will not confirm. */
async function editGuess(out: string, edit: (header: KeptHeader, entries: [string, string][]) => void): Promise<void> {
  const bytes = await readFile(guessFile(out));
  const first = bytes.indexOf(10);
  const second = bytes.indexOf(10, first + 1);
  const { key, ...header } = JSON.parse(bytes.toString('utf8', first + 1, second)) as KeptHeader & { key: string };
  const entries = JSON.parse(bytes.toString('utf8', second + 1)) as [string, string][];
  edit(header, entries);
  await writeCacheFile(guessFile(out), KBUILD_ENV_SPEC, key, { ...header }, Buffer.from(JSON.stringify(entries), 'utf8'));
}

/** The kept environment with one variable changed. */
function rewriteGuess(out: string, name: string, value: string): Promise<void> {
  return editGuess(out, (_header, entries) => {
    const at = entries.findIndex(([variable]) => variable === name);
    assert.ok(at >= 0, `the kept environment has ${name}`);
    entries[at] = [name, value];
  });
}

const FAKE_VERSION = 'gcc (tuxconf guess test) 1.2.3';

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  test(`${version}: with an empty cache, the kbuild environment kept in the output directory is confirmed by make, or else the start is redone; both equal an uncached start`, async () => {
    await withTempDir(`start-guess-${version}`, async (dir) => {
      const tree = kernelTree(version);
      const out = await outputDirWith(dir, 'out', debianConfig(version));
      const withCache = (name: string): OpenOptions => ({ tree, output: out, env: { ...process.env, TUXCONF_CACHE_DIR: join(dir, name) } });

      const first = await start(withCache('cache-1'));
      assert.equal(first.guess, undefined, 'nothing kept yet: make first');
      assert.ok((await lstat(guessFile(out))).isFile(), "make's answer is kept in the output directory");
      const uncached = await start({ ...withCache('cache-1'), noCache: true });
      assert.ok(uncached.model.nodes.length > 1000, 'a real menu');

      const confirmed = await start(withCache('cache-2'));
      assert.equal(confirmed.guess, 'confirmed');
      assert.equal(confirmed.report.kbuildEnv, 'absent', 'the cache directory was empty');
      assertSameStart(confirmed, uncached);

      // Kconfig reads CC_VERSION_TEXT (init/Kconfig): a parse with the wrong one shows another value.
      await rewriteGuess(out, 'CC_VERSION_TEXT', FAKE_VERSION);
      const redone = await start(withCache('cache-3'));
      assert.equal(redone.guess, 'redone');
      assertSameStart(redone, uncached);
      assert.ok(!(await readFile(guessFile(out), 'utf8')).includes(FAKE_VERSION), "make's answer replaced the wrong one");

      // The same environment with another compiler recorded (as after an upgrade): its probe memo
      // has another name; the start is redone, and nothing is left memoized under the old name.
      await editGuess(out, (header) => {
        const cc = header.toolchain.find((tool) => tool.variable === 'CC');
        assert.ok(cc?.version, 'the compiler is recorded with its --version');
        cc.version = FAKE_VERSION;
      });
      const upgraded = await start(withCache('cache-4'));
      assert.equal(upgraded.guess, 'redone');
      assertSameStart(upgraded, uncached);
      assert.equal((await readdir(join(dir, 'cache-4', 'shell-probes'))).length, 1, "only the memo named by make's toolchain");
    });
  });
}

test('6.12: a kept environment that is a link, writable by others, or in a scripts/kconfig others can write is not used; the start equals an uncached one', async () => {
  await withTempDir('start-guess-hostile', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const withCache = (name: string): OpenOptions => ({ tree, output: out, env: { ...process.env, TUXCONF_CACHE_DIR: join(dir, name) } });
    await start(withCache('cache-1'));
    const uncached = await start({ ...withCache('cache-1'), noCache: true });

    await chmod(guessFile(out), 0o666);
    const writable = await start(withCache('cache-2'));
    assert.equal(writable.guess, undefined);
    assertSameStart(writable, uncached);
    assert.equal((await lstat(guessFile(out))).mode & 0o777, 0o600, 'written anew, private');

    // A link, even to a good file, is not followed; make's answer replaces it by a file, its target untouched.
    const elsewhere = join(dir, 'elsewhere');
    await rewriteGuess(out, 'CC_VERSION_TEXT', FAKE_VERSION);
    const target = await readFile(guessFile(out));
    await copyFile(guessFile(out), elsewhere);
    await rm(guessFile(out));
    await symlink(elsewhere, guessFile(out));
    const linked = await start(withCache('cache-3'));
    assert.equal(linked.guess, undefined);
    assertSameStart(linked, uncached);
    assert.ok((await lstat(guessFile(out))).isFile());
    assert.deepEqual(await readFile(elsewhere), target);

    await chmod(join(out, 'scripts/kconfig'), 0o777);
    try {
      const open = await start(withCache('cache-4'));
      assert.equal(open.guess, undefined);
      assertSameStart(open, uncached);
    } finally {
      await chmod(join(out, 'scripts/kconfig'), 0o755);
    }
  });
});
