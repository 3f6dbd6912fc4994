import assert from 'node:assert/strict';
import { chmod, copyFile, lstat, mkdir, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { prepareFrontend } from '../../src/engine/open-session.js';
import { discoverKernelTree } from '../../src/engine/kernel-tree.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';

/**
 * `make` and `gcc` on PATH that log how they were run (make only at its top level, gcc only when it
 * compiles one of the frontend's own files) and run the real programs.
 */
async function loggingTools(dir: string): Promise<{ bin: string; makeRuns: () => Promise<string[]>; frontendCompiles: () => Promise<number> }> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const makeLog = join(dir, 'make.log');
  const gccLog = join(dir, 'gcc.log');
  await writeFile(makeLog, '');
  await writeFile(gccLog, '');
  await writeFile(join(bin, 'make'), `#!/bin/sh\n[ -z "$MAKELEVEL" ] || [ "$MAKELEVEL" = 0 ] && echo run >> '${makeLog}'\nexec /usr/bin/make "$@"\n`, {
    mode: 0o755,
  });
  await writeFile(join(bin, 'gcc'), `#!/bin/sh\ncase "$*" in *tuxconf-frontend.c*) echo compile >> '${gccLog}';; esac\nexec /usr/bin/gcc "$@"\n`, {
    mode: 0o755,
  });
  const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return { bin, makeRuns: () => lines(makeLog), frontendCompiles: async () => (await lines(gccLog)).length };
}

/** The frontends kept beside the kconfig objects of an output directory. */
async function besideObjects(out: string): Promise<string[]> {
  const dir = join(out, 'scripts/kconfig');
  return (await readdir(dir)).filter((name) => name.startsWith('.tuxconf-kconfig-')).map((name) => join(dir, name));
}

test('6.12: a first start runs make once for the environment and the kconfig objects; the frontend kept beside them serves a start with an empty cache until an object changes', async () => {
  await withTempDir('frontend-beside', async (dir) => {
    const tools = await loggingTools(dir);
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const treeIn = async () => discoverKernelTree({ tree: kernelTree('6.12'), output: out });
    const envWith = (cache: string) => ({ ...process.env, PATH: `${tools.bin}:${process.env.PATH}`, TUXCONF_CACHE_DIR: join(dir, cache) });
    const launchWith = async (cache: string) => prepareFrontend(await treeIn(), { env: envWith(cache) });

    // Nothing built: one make run (kbuild's environment, with the library's objects built in it).
    const first = await launchWith('cache-a');
    assert.equal((await tools.makeRuns()).length, 1, 'one make run');
    assert.equal(await tools.frontendCompiles(), 1);
    assert.ok(first.binary.startsWith(join(dir, 'cache-a', 'frontends')), first.binary);
    const [kept, ...more] = await besideObjects(out);
    assert.ok(kept && more.length === 0, 'one frontend beside the objects');
    assert.deepEqual(await readFile(kept), await readFile(first.binary));
    assert.equal((await lstat(kept)).mode & 0o777, 0o755 & ~process.umask());

    // An empty cache: make is asked for the environment only; the kept frontend is run, not rebuilt.
    const second = await launchWith('cache-b');
    assert.equal(second.binary, kept);
    assert.equal(await tools.frontendCompiles(), 1);
    assert.equal((await tools.makeRuns()).length, 2);
    assert.deepEqual(await readdir(join(dir, 'cache-b')).then((names) => names.includes('frontends')), false);

    // An object of the library changed (make rebuilt it, say): the kept frontend is not used; a new one replaces it.
    const object = join(out, 'scripts/kconfig/confdata.o');
    await utimes(object, new Date(), new Date(Date.now() + 5000));
    const third = await launchWith('cache-c');
    assert.notEqual(third.binary, kept);
    assert.equal(await tools.frontendCompiles(), 2);
    const [rebuilt, ...others] = await besideObjects(out);
    assert.ok(rebuilt && others.length === 0 && rebuilt !== kept, 'the older frontend beside the objects is removed');

    // scripts/kconfig writable by others: what is there is not trusted, and nothing is put there.
    await chmod(dirname(rebuilt), 0o777);
    const open = await launchWith('cache-d');
    assert.ok(open.binary.startsWith(join(dir, 'cache-d', 'frontends')), open.binary);
    assert.equal(await tools.frontendCompiles(), 3);
    await chmod(dirname(rebuilt), 0o755);

    // The kept frontend replaced by a link (to a copy of itself): a link is not followed.
    const copy = join(dir, 'copy');
    await copyFile(rebuilt, copy);
    await chmod(copy, 0o755);
    await rm(rebuilt);
    await symlink(copy, rebuilt);
    const linked = await launchWith('cache-e');
    assert.ok(linked.binary.startsWith(join(dir, 'cache-e', 'frontends')), linked.binary);
    assert.equal(await tools.frontendCompiles(), 4);
    assert.ok((await lstat(rebuilt)).isFile(), 'the link was replaced by the newly built frontend');
  });
});
