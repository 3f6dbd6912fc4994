import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import { DEMO_TREE } from '../../src/engine/kernel-tree.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';

test('undo, redo, pending changes and revert on the demo tree', async () => {
  await withTempDir('undo', async (dir) => {
    const session = await openSession({ tree: DEMO_TREE, output: dir, arch: 'x86' });
    try {
      assert.equal(session.kernel.demo, true);
      assert.equal(session.value('E1000E'), 'n');
      const on = await session.set('E1000E', 'm');
      assert.ok(on.ok);
      assert.deepEqual(on.changed.find((change) => change.name === 'E1000E'), { name: 'E1000E', from: 'n', to: 'm' });
      const shift = await session.set('CONFIG_LOG_BUF_SHIFT', '20');
      assert.ok(shift.ok);
      assert.equal(session.unsavedCount, 2);
      assert.deepEqual(
        session.pending().map((change) => change.name).sort(),
        [...new Set(['E1000E', 'LOG_BUF_SHIFT', ...on.changed.map((change) => change.name)])].sort(),
      );
      assert.equal(await session.undo(), true);
      assert.equal(session.value('LOG_BUF_SHIFT'), '17');
      assert.equal(session.value('E1000E'), 'm');
      assert.equal(await session.redo(), true);
      assert.equal(session.value('LOG_BUF_SHIFT'), '20');
      const reverted = await session.revert('E1000E');
      assert.ok(reverted.ok);
      assert.equal(session.value('E1000E'), 'n');
      assert.deepEqual(session.pending().map((change) => change.name), ['LOG_BUF_SHIFT']);
      assert.equal(await session.undo(), true);
      assert.equal(session.value('E1000E'), 'm', 'a revert is itself undoable');
    } finally {
      await session.close();
    }
  });
});

test('save refuses to overwrite a .config changed on disk since it was loaded, unless forced', async () => {
  await withTempDir('ondisk', async (dir) => {
    const session = await openSession({ tree: DEMO_TREE, output: dir, arch: 'x86' });
    try {
      await session.save();
      const saved = await readFile(join(dir, '.config'), 'utf8');
      assert.ok((await session.set('E1000E', 'm')).ok);
      await writeFile(join(dir, '.config'), `${saved}# edited by hand\n`);
      await assert.rejects(session.save(), /changed on disk since tuxconf loaded it/);
      assert.match(await readFile(join(dir, '.config'), 'utf8'), /# edited by hand/, 'the hand edit survives');
      await session.save({ force: true });
      assert.match(await readFile(join(dir, '.config'), 'utf8'), /^CONFIG_E1000E=m$/m);
      assert.equal(session.unsavedCount, 0);
    } finally {
      await session.close();
    }
  });
});

/** Waits until a process has exited and been reaped (signal 0 then fails). */
async function processGone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('the session survives its frontend dying: restarted, changes replayed, nothing lost', async () => {
  await withTempDir('crash', async (dir) => {
    const out = await outputDirWith(dir, 'out', await readFile(join(kernelTree('6.12'), 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      assert.ok((await session.set('E1000E', 'm')).ok);
      assert.ok((await session.set('LOG_BUF_SHIFT', '20')).ok);
      const pid = session.frontendPid!;
      process.kill(pid, 'SIGKILL');
      await processGone(pid);
      const next = await session.set('PRINTK_TIME', 'n');
      assert.ok(next.ok);
      assert.notEqual(session.frontendPid, pid);
      assert.equal(session.recoveries, 1);
      assert.equal(session.value('E1000E'), 'm');
      assert.equal(session.value('LOG_BUF_SHIFT'), '20');
      assert.equal(session.value('PRINTK_TIME'), 'n');
      assert.equal(session.history.length, 3);
    } finally {
      await session.close();
    }
  });
});

test('mergeFragment equals merge_config.sh -m + make olddefconfig (6.12, xen.config)', async () => {
  await withTempDir('merge', async (dir) => {
    const tree = kernelTree('6.12');
    const defconfig = await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8');
    const oracle = await outputDirWith(dir, 'make', defconfig);
    kernelMake(tree, oracle, ['olddefconfig']);
    const base = await readFile(join(oracle, '.config'), 'utf8');
    const ours = await outputDirWith(dir, 'tuxconf', base);
    const fragmentPath = join(tree, 'kernel/configs/xen.config');
    execFileSync(join(tree, 'scripts/kconfig/merge_config.sh'), ['-m', '-O', oracle, join(oracle, '.config'), fragmentPath], { stdio: 'ignore' });
    kernelMake(tree, oracle, ['olddefconfig']);
    const session = await openSession({ tree, output: ours });
    try {
      const outcome = await session.mergeFragmentFile(await readFile(fragmentPath, 'utf8'), 'xen.config');
      assert.ok(outcome.changed.length > 0);
      await session.save();
      assert.equal(await readFile(join(ours, '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));
      assert.equal(await session.undo(), true);
      assert.equal(await session.configText(), base, 'undo restores the config before the merge');
    } finally {
      await session.close();
    }
  });
});

test('the frontend is built once per kconfig source and reused', async () => {
  await withTempDir('reuse', async (dir) => {
    const progress: string[] = [];
    const open = () => openSession({ tree: DEMO_TREE, output: dir, arch: 'x86', onProgress: (message) => progress.push(message) });
    await (await open()).close();
    progress.length = 0;
    const again = await open();
    await again.close();
    assert.deepEqual(progress, []);
  });
});

test('reading another config in the same frontend writes what a fresh kconfig writes (6.12 cloud config)', async () => {
  await withTempDir('reread', async (dir) => {
    const tree = kernelTree('6.12');
    const first = await outputDirWith(dir, 'first', debianConfig('6.12', 'amd64_none_cloud-amd64'));
    kernelMake(tree, first, ['olddefconfig']);
    const base = await readFile(join(first, '.config'), 'utf8');
    const session = await openSession({ tree, output: first });
    let merged: string;
    try {
      // Turning these off hides the members of the default-qdisc choice that were visible before.
      await session.mergeFragment([{ name: 'NET_SCH_FQ', text: null }, { name: 'NET_SCH_CODEL', text: null }], 'no fq, no codel');
      merged = await session.configText();
      assert.equal(await session.undo(), true);
      assert.equal(await session.configText(), base);
    } finally {
      await session.close();
    }
    const second = await outputDirWith(dir, 'second', merged);
    const fresh = await openSession({ tree, output: second });
    try {
      assert.equal(await fresh.configText(), merged);
    } finally {
      await fresh.close();
    }
  });
});
