import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, open, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { DraftStore } from '../../src/engine/drafts/draft-store.js';
import { WriteFailedError } from '../../src/engine/files/write-atomic.js';
import { openSession } from '../../src/engine/open-session.js';
import { kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf, TUXCONF_BIN } from '../support/run-cli.js';

const tree = kernelTree('6.12');

async function defconfigText(dir: string): Promise<string> {
  const out = await outputDirWith(dir, 'base', await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
  kernelMake(tree, out, ['olddefconfig']);
  return readFile(join(out, '.config'), 'utf8');
}

/** A small tmpfs at `dir` for the duration of `body`: the file system a test can fill. */
async function withTmpfs<T>(dir: string, size: string, body: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  try {
    return await body();
  } finally {
    execFileSync('umount', ['-l', dir]);
  }
}

/** Writes zeros into `path` until the file system is full. */
async function fillUp(path: string): Promise<void> {
  const handle = await open(path, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

test('a save into a full file system fails with the cause, leaves .config and .config.old as they were, and keeps the draft (6.12)', async () => {
  await withTempDir('full-disk', async (dir) => {
    const base = await defconfigText(dir);
    const out = join(dir, 'out');
    const small = join(dir, 'small');
    await withTmpfs(small, '1m', async () => {
      const config = join(small, '.config');
      await writeFile(config, base);
      await writeFile(`${config}.old`, 'an older config\n');
      // The first run builds the frontend; then the file system is filled.
      assert.equal((await runTuxconf(['-C', tree, '-O', out, '--config', config, 'get', 'E1000E'])).exitCode, 0);
      await fillUp(join(small, 'filler'));

      const result = await runTuxconf(['-C', tree, '-O', out, '--config', config, 'set', 'E1000E=m']);
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(result.stderr, /could not write config .*\.config: no space left on the file system/);
      assert.match(result.stderr, /nothing was changed on disk/);
      assert.equal(await readFile(config, 'utf8'), base, '.config is byte-identical');
      assert.equal(await readFile(`${config}.old`, 'utf8'), 'an older config\n', 'nothing was rotated into .config.old');
      assert.deepEqual((await readdir(small)).sort(), ['.config', '.config.old', 'filler'], 'no temporary file is left');

      // The same in a menu session: the change stays in its draft.
      const state = join(dir, 'state');
      const session = await openSession({ tree, output: out, config, arch: 'x86', drafts: true, env: { ...process.env, TUXCONF_STATE_DIR: state } });
      try {
        assert.equal((await session.set('E1000E', 'm')).ok, true);
        await assert.rejects(session.save(), (error: unknown) => error instanceof WriteFailedError && error.code === 'ENOSPC');
        await session.flushDraft();
        const drafts = await new DraftStore(join(state, 'drafts')).list();
        assert.deepEqual(drafts.map((draft) => draft.history.appliedSteps.map((step) => step.label)), [['E1000E=m']]);
        assert.equal(session.unsavedCount, 1);
      } finally {
        await session.close();
      }
      assert.equal(await readFile(config, 'utf8'), base);

      // Space freed: the next save works, and the config it replaces becomes .config.old.
      await rm(join(small, 'filler'));
      const retry = await runTuxconf(['-C', tree, '-O', out, '--config', config, 'set', 'E1000E=m']);
      assert.equal(retry.exitCode, 0, retry.stderr);
      assert.match(await readFile(config, 'utf8'), /^CONFIG_E1000E=m$/m);
      assert.equal(await readFile(`${config}.old`, 'utf8'), base);
    });
  });
});

test('a save into a read-only bind mount fails with the cause and leaves the config as it was (6.12)', async () => {
  await withTempDir('read-only', async (dir) => {
    const base = await defconfigText(dir);
    const real = join(dir, 'real');
    const mounted = join(dir, 'mounted');
    await mkdir(real);
    await mkdir(mounted);
    await writeFile(join(real, '.config'), base);
    execFileSync('mount', ['--bind', real, mounted]);
    try {
      execFileSync('mount', ['-o', 'remount,bind,ro', mounted]);
      const result = await runTuxconf(['-C', tree, '-O', join(dir, 'out'), '--config', join(mounted, '.config'), 'set', 'E1000E=m']);
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(result.stderr, /could not write config .*: the file system is read-only/);
      assert.equal(await readFile(join(real, '.config'), 'utf8'), base);
      assert.deepEqual(await readdir(real), ['.config']);
    } finally {
      execFileSync('umount', ['-l', mounted]);
    }
  });
});

test('a value with a line break or NUL is refused from the command line, and nothing changes (6.12)', async () => {
  await withTempDir('unstorable', async (dir) => {
    const base = await defconfigText(dir);
    const out = await outputDirWith(dir, 'out', base);
    for (const request of ['LOCALVERSION=-x\nCONFIG_MODULES=n', 'LOCALVERSION="-x\nCONFIG_MODULES=n"']) {
      const result = await runTuxconf(['-C', tree, '-O', out, 'set', request]);
      assert.equal(result.exitCode, 1);
      assert.match(result.stderr, /CONFIG_LOCALVERSION=.*-x\\nCONFIG_MODULES=n.*: the value contains a line break, which a \.config line cannot hold/);
      assert.equal(result.stderr.includes('\nCONFIG_MODULES'), false, 'the value is shown escaped');
      assert.equal(await readFile(join(out, '.config'), 'utf8'), base);
    }
  });
});

test('a config file that is a directory, a FIFO, a device or far too large is refused at once with exit 1', async () => {
  await withTempDir('config-kinds', async (dir) => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const huge = join(dir, 'huge.config');
    const handle = await open(huge, 'w');
    await handle.truncate(100 << 20);
    await handle.close();
    const cases: [string, RegExp][] = [
      [dir, /config file .* is a directory/],
      [fifo, /config file .* is not a regular file \(a FIFO\)/],
      ['/dev/zero', /config file \/dev\/zero is not a regular file \(a character device\)/],
      [huge, /config file .* is larger than 16 MiB/],
    ];
    for (const [config, message] of cases) {
      const result = await runTuxconf(['-C', tree, '-O', join(dir, 'out'), '--config', config, 'get', 'E1000E']);
      assert.equal(result.exitCode, 1, `${config}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });
});

test('bytes of a string value that are not UTF-8 are kept, as make olddefconfig keeps them (6.12)', async () => {
  await withTempDir('bytes', async (dir) => {
    const base = Buffer.concat([Buffer.from(await defconfigText(dir)), Buffer.from('CONFIG_LOCALVERSION="-\xff\xfe\x80"\n', 'latin1')]);
    const oracle = join(dir, 'oracle');
    const ours = join(dir, 'ours');
    await mkdir(oracle);
    await mkdir(ours);
    await writeFile(join(oracle, '.config'), base);
    await writeFile(join(ours, '.config'), base);
    kernelMake(tree, oracle, ['olddefconfig']);
    const result = await runTuxconf(['-C', tree, '-O', ours, 'set', 'E1000E=m']);
    assert.equal(result.exitCode, 0, result.stderr);
    execFileSync(join(tree, 'scripts/config'), ['--file', join(oracle, '.config'), '--module', 'E1000E']);
    kernelMake(tree, oracle, ['olddefconfig']);
    const expected = await readFile(join(oracle, '.config'));
    assert.ok(expected.includes(Buffer.from('"-\xff\xfe\x80"', 'latin1')));
    assert.deepEqual(await readFile(join(ours, '.config')), expected);
  });
});

test('a TMPDIR with a space or make syntax in its name works and runs nothing (6.12)', async () => {
  await withTempDir('tmpdir', async (dir) => {
    const outputs: string[] = [];
    for (const name of ['with space', '$(shell touch tuxconf-pwned)']) {
      const tmp = join(dir, name);
      await mkdir(tmp);
      const out = await outputDirWith(dir, `out-${outputs.length}`, await defconfigText(dir));
      outputs.push(out);
      const result = await runTuxconf(['-C', tree, '-O', out, 'get', 'E1000E'], { env: { ...process.env, TMPDIR: tmp } });
      assert.equal(result.exitCode, 0, result.stderr);
      assert.equal(result.stdout, 'CONFIG_E1000E=y\n');
      assert.deepEqual((await readdir(tmp)).filter((entry) => entry.startsWith('tuxconf-')), [], 'its private directories are removed');
    }
    for (const where of [...outputs, tree, process.cwd()]) {
      await assert.rejects(stat(join(where, 'tuxconf-pwned')), `the name was not run as make syntax (${where})`);
    }
  });
});

test('a HOME that cannot be written gets a clear message and exit 1, not a stack trace (6.12)', async () => {
  await withTempDir('home', async (dir) => {
    const home = join(dir, 'home');
    await mkdir(home, { mode: 0o755 });
    await chmod(dir, 0o755);
    const result = await execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, TUXCONF_BIN, '-C', tree, '-O', join(dir, 'nobody-out'), 'get', 'E1000E'], {
      reject: false,
      env: { HOME: home, TUXCONF_FROM_SOURCE: '1', PATH: process.env.PATH ?? '' },
      extendEnv: false,
    });
    assert.equal(result.exitCode, 1, result.stderr);
    assert.match(result.stderr, /tuxconf: cannot create tuxconf's cache directory .*home\/.cache\/tuxconf: permission denied/);
    assert.match(result.stderr, /hint: set XDG_CACHE_HOME \(or TUXCONF_CACHE_DIR\) to a directory you can write/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});

test('a cache directory another user owns, others can write, or that is a link is refused before anything in it runs (6.12)', async () => {
  await withTempDir('foreign-cache', async (dir) => {
    const cases: { name: string; make: (cache: string) => Promise<void>; says: RegExp }[] = [
      { name: 'owned by nobody', make: async (cache) => { await mkdir(cache, { mode: 0o700 }); execFileSync('chown', ['nobody:nogroup', cache]); }, says: /belongs to another user \(uid \d+\)/ },
      { name: 'world-writable', make: async (cache) => { await mkdir(cache); await chmod(cache, 0o777); }, says: /can be written by others \(mode 777\)/ },
      { name: 'a link', make: async (cache) => { await mkdir(`${cache}-target`, { mode: 0o700 }); await symlink(`${cache}-target`, cache); }, says: /is a symbolic link/ },
    ];
    for (const { name, make, says } of cases) {
      const cache = join(dir, name.replace(/ /g, '-'));
      await make(cache);
      const result = await runTuxconf(['-C', tree, '-O', join(dir, 'out'), 'get', 'E1000E'], { env: { TUXCONF_CACHE_DIR: cache } });
      assert.equal(result.exitCode, 1, `${name}: ${result.stderr}`);
      assert.match(result.stderr, says, name);
      assert.match(result.stderr, /tuxconf does not trust what is in it/, name);
      assert.match(result.stderr, /hint: set XDG_CACHE_HOME \(or TUXCONF_CACHE_DIR\) to a directory of your own/, name);
      assert.doesNotMatch(result.stderr, /\n\s+at /, name);
      assert.deepEqual(await readdir(cache), [], `${name}: nothing was built or cached in it`);
    }
  });
});

test('concurrent first starts and saves of one config: each either keeps its change or is told the file changed on disk (6.12)', async () => {
  await withTempDir('concurrent-saves', async (dir) => {
    const base = await defconfigText(dir);
    const out = await outputDirWith(dir, 'out', base);
    const requests = ['EXT2_FS=m', 'BTRFS_FS=y', 'XFS_FS=y'];
    const cache = join(dir, 'cache');
    for (let round = 0; round < 3; round++) {
      // The first round is also three first starts at once: each builds the frontend in an empty cache.
      const env = { TUXCONF_CACHE_DIR: cache };
      const results = await Promise.all(requests.map((request) => runTuxconf(['-C', tree, '-O', out, 'set', request], { env })));
      const saved = await readFile(join(out, '.config'), 'utf8');
      results.forEach((result, index) => {
        const [name, value] = requests[index]!.split('=') as [string, string];
        if (result.exitCode === 0) {
          assert.match(result.stderr, /tuxconf: (saved|no change to) /, `round ${round}: ${name}`);
          assert.match(saved, new RegExp(`^CONFIG_${name}=${value}$`, 'm'), `round ${round}: ${name} said saved, and its change is in the file`);
        } else {
          assert.equal(result.exitCode, 1, result.stderr);
          assert.match(result.stderr, /changed on disk since tuxconf loaded it/, `round ${round}: ${name} was refused with the reason`);
        }
      });
      assert.ok(results.some((result) => result.exitCode === 0), `round ${round}: one of them saved`);
      // The next round starts from a file none of the requests holds yet.
      await writeFile(join(out, '.config'), base);
    }
  });
});

test('saving after the output directory was deleted makes it again and saves, as the kernel does (6.12)', async () => {
  await withTempDir('deleted-out', async (dir) => {
    const base = await defconfigText(dir);
    const out = await outputDirWith(dir, 'out', base);
    const session = await openSession({ tree, output: out, arch: 'x86' });
    try {
      await rm(out, { recursive: true, force: true });
      assert.equal((await session.set('E1000E', 'm')).ok, true);
      const saved = await session.save();
      assert.equal(saved.written, true);
      assert.deepEqual(saved.warnings, []);
      assert.match(await readFile(join(out, '.config'), 'utf8'), /^CONFIG_E1000E=m$/m);
      assert.match(await readFile(join(out, 'include/config/auto.conf'), 'utf8'), /^CONFIG_E1000E=m$/m);
    } finally {
      await session.close();
    }
  });
});
