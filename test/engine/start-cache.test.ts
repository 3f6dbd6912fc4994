import assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, readdir, readFile, rm, stat, symlink, writeFile, appendFile, lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSession, type StartCacheReport, startCacheReport } from '../../src/engine/open-session.js';
import { assertSameStart, start } from './support/compare-starts.js';
import { debianConfig, kernelMake, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { treeFarm } from '../support/tree-farm.js';

const ALL_HIT: StartCacheReport = { kbuildEnv: 'hit', model: 'hit', initialState: 'hit' };
const ALL_OFF: StartCacheReport = { kbuildEnv: 'off', model: 'off', initialState: 'off' };

function slotFiles(cache: string): Promise<string[]> {
  return readdir(join(cache, 'start')).then((slots) => slots.map((slot) => join(cache, 'start', slot)));
}

/** The one slot of a cache directory used by one place. */
async function onlySlot(cache: string): Promise<string> {
  const slots = await slotFiles(cache);
  assert.equal(slots.length, 1, 'one place, one slot');
  return slots[0]!;
}

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  test(`${version}: a cached start shows the menu (dump --json) and writes the .config (save) of an uncached one, and make olddefconfig's`, async () => {
    await withTempDir(`start-cache-${version}`, async (dir) => {
      const tree = kernelTree(version);
      const config = debianConfig(version);
      const out = await outputDirWith(dir, 'out', config);
      const oracle = await outputDirWith(dir, 'oracle', config);
      const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };

      const cold = await runTuxconf(['-C', tree, '-O', out, 'dump', '--json'], { env });
      assert.equal(cold.exitCode, 0, cold.stderr);
      const cached = await start({ tree, output: out, env });
      assert.deepEqual(cached.report, ALL_HIT);
      const uncached = await start({ tree, output: out, env, noCache: true });
      assert.deepEqual(uncached.report, ALL_OFF);
      assertSameStart(cached, uncached);

      const warm = await runTuxconf(['-C', tree, '-O', out, 'dump', '--json'], { env });
      const fresh = await runTuxconf(['-C', tree, '-O', out, 'dump', '--json', '--no-cache'], { env });
      assert.equal(warm.exitCode, 0, warm.stderr);
      assert.ok(JSON.parse(warm.stdout).length > 1000, 'a real menu');
      assert.equal(warm.stdout, fresh.stdout);
      assert.equal(cold.stdout, fresh.stdout);

      kernelMake(tree, oracle, ['olddefconfig']);
      const saved = await runTuxconf(['-C', tree, '-O', out, 'save'], { env });
      assert.equal(saved.exitCode, 0, saved.stderr);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));

      // Saving changed the config's bytes (state: another key) and made include/config/auto.conf (not keyed).
      const afterSave = await start({ tree, output: out, env });
      assert.deepEqual(afterSave.report, { kbuildEnv: 'hit', model: 'hit', initialState: 'foreign' });
      assertSameStart(afterSave, await start({ tree, output: out, env, noCache: true }));
    });
  });
}

test('6.12: an early session shows the cached menu at once; requests made before the frontend is ready wait and run in order', async () => {
  await withTempDir('start-cache-early', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    const expected = await start({ tree, output: out, env, noCache: true });
    await start({ tree, output: out, env });

    const session = await openSession({ tree, output: out, env, early: true });
    try {
      assert.deepEqual(startCacheReport(session), ALL_HIT);
      assert.deepStrictEqual(session.model, expected.model);
      assert.deepStrictEqual(session.state, expected.state);
      // What the first frame's header says saving would change, from the cache.
      assert.ok(expected.fileDifferences.length > 0);
      assert.deepStrictEqual(session.fileDifferences(), expected.fileDifferences);
      const first = session.set('LOCALVERSION_AUTO', 'y');
      const second = session.set('E1000E', 'y');
      const [a, b] = await Promise.all([first, second]);
      assert.equal(session.isReady, true);
      assert.ok(a.ok && b.ok);
      assert.deepEqual(a.ok && a.changed.map((change) => change.name), ['LOCALVERSION_AUTO']);
      assert.equal(session.value('E1000E'), 'y');
      assert.deepEqual(session.history, ['LOCALVERSION_AUTO=y', 'E1000E=y']);
    } finally {
      await session.close();
    }

    const closedEarly = await openSession({ tree, output: out, env, early: true });
    await closedEarly.close();
    await assert.rejects(closedEarly.set('E1000E', 'y'), /session was closed/);
  });
});

test('6.12: a menu session closed at once still leaves the next start warm: closing writes the start cache it had not written yet', async () => {
  await withTempDir('start-cache-quick-close', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    const expected = await start({ tree, output: out, env, noCache: true });
    // The menu writes its cache a second after the frontend is ready; this one quits before that.
    const first = await openSession({ tree, output: out, env, early: true });
    await first.ready;
    await first.close();
    const next = await openSession({ tree, output: out, env, early: true });
    try {
      assert.deepEqual(startCacheReport(next), ALL_HIT);
      assert.deepStrictEqual(next.model, expected.model);
      assert.deepStrictEqual(next.state, expected.state);
      assert.deepStrictEqual(next.fileDifferences(), expected.fileDifferences);
    } finally {
      await next.close();
    }
  });
});

test('6.12 (a copied tree): after a Kconfig file is edited or only touched, the cached menu is not used and the start equals an uncached one', async () => {
  await withTempDir('start-cache-kconfig', async (dir) => {
    const tree = await treeFarm(kernelTree('6.12'), join(dir, 'tree'), ['init', 'Makefile']);
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    // The first start reads files copied a moment ago: what it read may not be final, so it is not cached yet.
    await start({ tree, output: out, env });
    await start({ tree, output: out, env });
    const before = await start({ tree, output: out, env });
    assert.deepEqual(before.report, ALL_HIT);

    await appendFile(join(tree, 'init/Kconfig'), '\nconfig TUXCONF_TEST_ENTRY\n\tbool "An entry added by tuxconf\'s test"\n\tdefault y\n');
    const edited = await start({ tree, output: out, env });
    assert.deepEqual(edited.report, { kbuildEnv: 'hit', model: 'stale', initialState: 'absent' });
    assert.ok(edited.model.byName.has('TUXCONF_TEST_ENTRY') && !before.model.byName.has('TUXCONF_TEST_ENTRY'));
    assertSameStart(edited, await start({ tree, output: out, env, noCache: true }));

    const now = new Date();
    const { utimes } = await import('node:fs/promises');
    await utimes(join(tree, 'init/Kconfig'), now, now);
    const touched = await start({ tree, output: out, env });
    assert.equal(touched.report.model, 'stale');
    assertSameStart(touched, edited);

    // A makefile kbuild reads: its environment is asked of make again; the same answer keeps the menu.
    await appendFile(join(tree, 'Makefile'), "\n# touched by tuxconf's test\n");
    const makefile = await start({ tree, output: out, env });
    assert.equal(makefile.report.kbuildEnv, 'stale');
    assertSameStart(makefile, edited);

    // A file kbuild reads only when it exists, appearing in the output directory.
    await start({ tree, output: out, env });
    await writeFile(join(out, '.kernelvariables'), '# read by the top Makefile when present\n');
    const optional = await start({ tree, output: out, env });
    assert.equal(optional.report.kbuildEnv, 'stale');
    assertSameStart(optional, edited);
  });
});

/** A shell script named like a compiler: gcc underneath, but `--version` prints the first line kept in `versionFile`. */
async function wrapperCompiler(dir: string, versionFile: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const script = `#!/bin/sh\nif [ "$1" = --version ]; then cat '${versionFile}'; /usr/bin/gcc --version | tail -n +2; exit 0; fi\nexec /usr/bin/gcc "$@"\n`;
  await writeFile(join(dir, 'gcc'), script);
  await chmod(join(dir, 'gcc'), 0o755);
}

const versionLine = (config: string): string | undefined => config.match(/^CONFIG_CC_VERSION_TEXT="(.*)"$/m)?.[1];

test('6.12: a compiler wrapper put on PATH, then its --version changing (the compiler behind it upgraded): the cache is not used and the start equals an uncached one', async () => {
  await withTempDir('start-cache-cc', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const bin = join(dir, 'bin');
    await mkdir(bin);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    const plain = await start({ tree, output: out, env });
    assert.deepEqual((await start({ tree, output: out, env })).report, ALL_HIT);

    const versionFile = join(dir, 'version');
    await writeFile(versionFile, 'gcc (tuxconf test wrapper) 12.2.0 one\n');
    await wrapperCompiler(bin, versionFile);
    const wrapped = await start({ tree, output: out, env });
    assert.deepEqual(wrapped.report, { kbuildEnv: 'stale', model: 'foreign', initialState: 'absent' });
    assert.equal(versionLine(wrapped.config), 'gcc (tuxconf test wrapper) 12.2.0 one');
    assert.notEqual(versionLine(plain.config), versionLine(wrapped.config));
    assertSameStart(wrapped, await start({ tree, output: out, env, noCache: true }));
    assert.deepEqual((await start({ tree, output: out, env })).report, ALL_HIT);

    // The wrapper itself stays the same file; only what its --version prints changes.
    const wrapperBefore = await stat(join(bin, 'gcc'));
    await writeFile(versionFile, 'gcc (tuxconf test wrapper) 12.2.0 two\n');
    const upgraded = await start({ tree, output: out, env });
    assert.equal((await stat(join(bin, 'gcc'))).mtimeMs, wrapperBefore.mtimeMs);
    assert.deepEqual(upgraded.report, { kbuildEnv: 'stale', model: 'foreign', initialState: 'absent' });
    assert.equal(versionLine(upgraded.config), 'gcc (tuxconf test wrapper) 12.2.0 two');
    assertSameStart(upgraded, await start({ tree, output: out, env, noCache: true }));
  });
});

test('6.12: CC=gcc-12 given as a make variable is another place in the cache and equals an uncached start with it', async () => {
  await withTempDir('start-cache-cc-var', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    await start({ tree, output: out, env });
    const withVar = await start({ tree, output: out, env, makeVars: { CC: 'gcc-12' } });
    assert.deepEqual(withVar.report, { kbuildEnv: 'absent', model: 'absent', initialState: 'absent' });
    assert.deepEqual((await start({ tree, output: out, env, makeVars: { CC: 'gcc-12' } })).report, ALL_HIT);
    const uncached = await start({ tree, output: out, env, makeVars: { CC: 'gcc-12' }, noCache: true });
    assertSameStart(withVar, uncached);
    assert.equal(uncached.model.nodes.length > 0, true);
  });
});

test('6.12: a damaged, truncated, linked or foreign cache file is not used, the start equals an uncached one, and the file is rewritten', async () => {
  await withTempDir('start-cache-hostile', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, TUXCONF_CACHE_DIR: join(dir, 'cache') };
    const expected = await start({ tree, output: out, env, noCache: true });
    await start({ tree, output: out, env });
    const slot = await onlySlot(join(dir, 'cache'));
    const good = await readFile(join(slot, 'menu-model'));

    const damaged = Buffer.from(good);
    const at = damaged.length - 100;
    damaged.writeUInt8(damaged.readUInt8(at) ^ 0x20, at);
    await writeFile(join(slot, 'menu-model'), damaged);
    const afterDamage = await start({ tree, output: out, env });
    assert.equal(afterDamage.report.model, 'damaged');
    assertSameStart(afterDamage, expected);
    assert.deepEqual((await start({ tree, output: out, env })).report, ALL_HIT, 'rewritten whole');

    await writeFile(join(slot, 'menu-model'), good.subarray(0, good.length >> 1));
    const truncated = await start({ tree, output: out, env });
    assert.equal(truncated.report.model, 'damaged');
    assertSameStart(truncated, expected);

    await writeFile(join(slot, 'initial-state'), 'tuxconf-cache initial-state 3\n{"key":"x"}\n');
    assert.equal((await start({ tree, output: out, env })).report.initialState, 'damaged');

    // A link, even to a good file of the right kind, is not followed; it is replaced by a file, its target untouched.
    const elsewhere = join(dir, 'elsewhere-model');
    await copyFile(join(slot, 'menu-model'), elsewhere);
    await rm(join(slot, 'menu-model'));
    await symlink(elsewhere, join(slot, 'menu-model'));
    const linked = await start({ tree, output: out, env });
    assert.equal(linked.report.model, 'refused');
    assertSameStart(linked, expected);
    assert.ok((await lstat(join(slot, 'menu-model'))).isFile());
    assert.deepEqual(await readFile(elsewhere), good);
    assert.deepEqual((await start({ tree, output: out, env })).report, ALL_HIT);

    // The slot directory itself a link to a directory of good files: replaced by a directory of tuxconf's own, the target untouched.
    const moved = join(dir, 'moved-slot');
    const { rename } = await import('node:fs/promises');
    await rename(slot, moved);
    await symlink(moved, slot);
    const viaLink = await start({ tree, output: out, env });
    assert.deepEqual(viaLink.report, { kbuildEnv: 'absent', model: 'absent', initialState: 'absent' });
    assertSameStart(viaLink, expected);
    assert.ok((await lstat(slot)).isDirectory());
    assert.deepEqual((await readdir(moved)).sort(), ['initial-state', 'kbuild-env', 'menu-model']);
  });
});

test('a cache from another tree (6.1) in the slot of 6.12 is not used: its key is another', async () => {
  await withTempDir('start-cache-foreign', async (dir) => {
    const out61 = await outputDirWith(dir, 'out61', debianConfig('6.1'));
    const out612 = await outputDirWith(dir, 'out612', debianConfig('6.12'));
    const cache61 = join(dir, 'cache61');
    const cache612 = join(dir, 'cache612');
    await start({ tree: kernelTree('6.1'), output: out61, env: { ...process.env, TUXCONF_CACHE_DIR: cache61 } });
    const env = { ...process.env, TUXCONF_CACHE_DIR: cache612 };
    await start({ tree: kernelTree('6.12'), output: out612, env });
    const from = await onlySlot(cache61);
    const to = await onlySlot(cache612);
    for (const name of ['kbuild-env', 'menu-model', 'initial-state']) await copyFile(join(from, name), join(to, name));
    const foreign = await start({ tree: kernelTree('6.12'), output: out612, env });
    assert.deepEqual(foreign.report, { kbuildEnv: 'foreign', model: 'foreign', initialState: 'absent' });
    assertSameStart(foreign, await start({ tree: kernelTree('6.12'), output: out612, env, noCache: true }));
  });
});

test('--no-cache and TUXCONF_NO_CACHE=1 write no start cache and memoize no probes', async () => {
  await withTempDir('start-cache-off', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const cache = join(dir, 'cache');
    const viaEnv = await start({ tree, output: out, env: { ...process.env, TUXCONF_CACHE_DIR: cache, TUXCONF_NO_CACHE: '1' } });
    assert.deepEqual(viaEnv.report, ALL_OFF);
    const cli = await runTuxconf(['-C', tree, '-O', out, '--no-cache', 'get', 'E1000E'], { env: { TUXCONF_CACHE_DIR: cache } });
    assert.equal(cli.exitCode, 0, cli.stderr);
    assert.deepEqual(await readdir(cache).then((names) => names.filter((name) => name === 'start' || name === 'shell-probes')), []);
  });
});
