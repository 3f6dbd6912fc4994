import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type FrontendLaunch, FrontendProcess } from '../../src/engine/frontend-process.js';
import { debianConfig } from '../support/kernel-trees.js';
import { frontendLaunch, SANITIZER_REPORT } from './frontend-harness.js';

const OLD_CONFIG = '# the config before the save\nCONFIG_E1000E=m\n';

/** Runs body with a file system mounted at dir (a small tmpfs, a read-only bind mount), unmounted after. */
async function withMount<T>(dir: string, mountArgs: string[][], body: () => Promise<T>): Promise<T> {
  for (const args of mountArgs) execFileSync('mount', [...args, dir]);
  try {
    return await body();
  } finally {
    execFileSync('umount', [dir]);
  }
}

/** A tmpfs of 64 KiB: too small for a distribution config (~280 KB). */
const smallTmpfs = [['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs']];
const readOnlyBind = (dir: string) => [['--bind', dir], ['-o', 'remount,bind,ro']];

for (const version of ['6.1', '6.12'] as const) {
  describe(`the frontend reports failed writes and installs nothing, on ${version}`, () => {
    let dir: string;
    let launch: FrontendLaunch;
    let frontend: FrontendProcess;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-writes-'));
      launch = await frontendLaunch(version, join(dir, 'out'));
      frontend = await FrontendProcess.start(launch);
      await writeFile(join(dir, 'debian.config'), debianConfig(version));
      const load = await frontend.request({ op: 'load', path: join(dir, 'debian.config') });
      assert.equal(load.ok, true);
    });

    after(async () => {
      await frontend.close();
      await rm(dir, { recursive: true, force: true });
      assert.doesNotMatch(frontend.stderr, SANITIZER_REPORT);
    });

    test('save into a full file system: ENOSPC named, the old .config untouched, no .config.old, no temporary file', async () => {
      const full = join(dir, 'full');
      await mkdir(full);
      await withMount(full, smallTmpfs, async () => {
        await writeFile(join(full, '.config'), OLD_CONFIG);
        const reply = await frontend.request({ op: 'save', path: join(full, '.config') });
        assert.equal(reply.ok, false);
        assert.equal(reply.code, 'io');
        assert.equal(reply.error, 'No space left on device');
        assert.equal(reply.errno, 'ENOSPC');
        assert.deepEqual(await readdir(full), ['.config']);
        assert.equal(await readFile(join(full, '.config'), 'utf8'), OLD_CONFIG);
      });
    });

    test('savedefconfig into a full file system: ENOSPC named, neither a truncated defconfig nor a temporary file', async () => {
      const full = join(dir, 'full-defconfig');
      await mkdir(full);
      await withMount(full, smallTmpfs, async () => {
        // Fill it but for 4 KiB: a Debian defconfig is ~90 KB.
        execFileSync('dd', ['if=/dev/zero', `of=${join(full, 'filler')}`, 'bs=4k', 'count=15'], { stdio: 'ignore' });
        await writeFile(join(full, 'defconfig'), OLD_CONFIG);
        const reply = await frontend.request({ op: 'savedefconfig', path: join(full, 'defconfig') });
        assert.equal(reply.ok, false);
        assert.equal(reply.error, 'No space left on device');
        assert.equal(reply.errno, 'ENOSPC');
        assert.deepEqual((await readdir(full)).sort(), ['defconfig', 'filler']);
        assert.equal(await readFile(join(full, 'defconfig'), 'utf8'), OLD_CONFIG);
      });
    });

    test('save and savedefconfig into a read-only file system: EROFS named, the files untouched', async () => {
      const ro = join(dir, 'ro');
      await mkdir(ro);
      await writeFile(join(ro, '.config'), OLD_CONFIG);
      await withMount(ro, readOnlyBind(ro), async () => {
        for (const op of ['save', 'savedefconfig'] as const) {
          const reply = await frontend.request({ op, path: join(ro, '.config') });
          assert.equal(reply.ok, false, op);
          assert.equal(reply.error, 'Read-only file system', op);
          assert.equal(reply.errno, 'EROFS', op);
        }
        assert.deepEqual(await readdir(ro), ['.config']);
        assert.equal(await readFile(join(ro, '.config'), 'utf8'), OLD_CONFIG);
      });
    });

    test('save to a directory names EISDIR, not a stale errno', async () => {
      const reply = await frontend.request({ op: 'save', path: dir });
      assert.equal(reply.ok, false);
      assert.equal(reply.error, 'Is a directory');
      assert.equal(reply.errno, 'EISDIR');
    });

    test('a save after savedefconfig writes the whole config, as a save before it did', async () => {
      assert.equal((await frontend.request({ op: 'set', name: 'LOG_BUF_SHIFT', value: '19' })).ok, true);
      const before = join(dir, 'before.config');
      const after = join(dir, 'after.config');
      assert.equal((await frontend.request({ op: 'save', path: before })).ok, true);
      assert.equal((await frontend.request({ op: 'savedefconfig', path: join(dir, 'defconfig') })).ok, true);
      assert.equal((await frontend.request({ op: 'save', path: after })).ok, true);
      const text = await readFile(after, 'utf8');
      assert.match(text, /^CONFIG_LOG_BUF_SHIFT=19$/m);
      assert.equal(text, await readFile(before, 'utf8'));
    });

    test('auto.conf and autoconf.h into a full file system: ENOSPC named, no truncated or temporary file', async () => {
      const full = join(dir, 'full-autoconf');
      await mkdir(full);
      await withMount(full, smallTmpfs, async () => {
        const autoconf = await FrontendProcess.start({
          ...launch,
          env: {
            ...launch.env,
            KCONFIG_AUTOCONFIG: join(full, 'auto.conf'),
            KCONFIG_AUTOHEADER: join(full, 'autoconf.h'),
            KCONFIG_RUSTCCFG: join(full, 'rustc_cfg'),
          },
        });
        try {
          assert.equal((await autoconf.request({ op: 'load', path: join(dir, 'debian.config') })).ok, true);
          const reply = await autoconf.request({ op: 'save', path: join(dir, 'with-autoconf.config'), flag: true });
          assert.equal(reply.ok, false);
          assert.equal(reply.error, 'No space left on device');
          assert.equal(reply.errno, 'ENOSPC');
          const names = await readdir(full);
          for (const name of ['auto.conf', 'autoconf.h', 'rustc_cfg']) assert.ok(!names.includes(name), `${name} in ${full}`);
          assert.deepEqual(
            names.filter((name) => name.endsWith('.tmp')),
            [],
          );
        } finally {
          await autoconf.close();
        }
        assert.doesNotMatch(autoconf.stderr, SANITIZER_REPORT);
      });
    });
  });
}
