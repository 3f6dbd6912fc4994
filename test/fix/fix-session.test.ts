import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import { kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { makeBase } from './support.js';

test('a choice member the user pinned: strict refuses with the pinned member, otherwise the fix says it changes it', async () => {
  await withTempDir('fix-pinned', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      assert.ok((await session.set('HZ_300', 'y')).ok);
      assert.deepEqual(session.userChangedSymbols(), ['HZ_300']);

      const strict = await session.planFix([{ name: 'HZ_1000', value: 'y' }], { strict: true });
      assert.equal(strict.targets[0]?.status, 'impossible');
      assert.equal(strict.targets[0]?.blocker?.kind, 'pinned-choice');
      assert.equal(strict.targets[0]?.blocker?.symbol, 'HZ_300');
      assert.equal(strict.targets[0]?.blocker?.choice, 'Timer frequency');
      assert.deepEqual(strict.changes, []);

      const relaxed = await session.planFix([{ name: 'HZ_1000', value: 'y' }]);
      assert.equal(relaxed.targets[0]?.status, 'fixable');
      assert.deepEqual(relaxed.touchesProtected, ['HZ_300']);
      assert.deepEqual(
        relaxed.changes.map((change) => [change.name, change.from, change.to, change.reason.kind]),
        [['HZ_1000', 'n', 'y', 'target']],
      );
      const applied = await session.applyFix(relaxed);
      assert.ok(applied.ok);
      assert.equal(session.value('HZ_1000'), 'y');
      assert.equal(session.value('HZ_300'), 'n');
      assert.deepEqual(session.history, ['HZ_300=y', 'fix HZ_1000=y']);
    } finally {
      await session.close();
    }
  });
});

test('a protected symbol stays when another fix exists; planning changes nothing', async () => {
  await withTempDir('fix-protect', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'tinyconfig'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      const before = session.state.symbols.map((symbol) => symbol.value);
      // VIRTIO has no prompt: any of the many options that select it will do.
      const free = await session.planFix([{ name: 'VIRTIO_NET', value: 'y' }]);
      assert.deepEqual(
        session.state.symbols.map((symbol) => symbol.value),
        before,
        'planning leaves every value as it was',
      );
      const selector = free.changes.find((change) => change.reason.kind === 'selects' && change.reason.target === 'VIRTIO');
      assert.ok(selector, 'the fix selects VIRTIO through something');
      const kept = await session.planFix([{ name: 'VIRTIO_NET', value: 'y' }], { protect: [selector.name] });
      assert.equal(kept.targets[0]?.status, 'fixable');
      assert.deepEqual(kept.touchesProtected, []);
      assert.ok(!kept.changes.some((change) => change.name === selector.name), `${selector.name} stays`);
      assert.ok(
        kept.changes.some((change) => change.reason.kind === 'selects' && change.reason.target === 'VIRTIO'),
        'another selector takes its place',
      );
      assert.ok((await session.applyFix(kept)).ok);
      assert.equal(session.value('VIRTIO_NET'), 'y');
      assert.equal(session.value(selector.name), 'n');
    } finally {
      await session.close();
    }
  });
});

test('an m target from a config without modules: MODULES comes on and what it pulls in stays m where m is enough', async () => {
  await withTempDir('fix-modules', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'tinyconfig'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      const plan = await session.planFix([{ name: 'IWLMVM', value: 'm' }]);
      assert.equal(plan.targets[0]?.status, 'fixable');
      const modules = plan.changes.find((change) => change.name === 'MODULES');
      assert.deepEqual(modules && [modules.from, modules.to], ['n', 'y']);
      const tristates = plan.changes.filter((change) => session.symbol(change.name)!.type === 'tristate');
      assert.ok(tristates.length >= 3, 'the wireless stack is pulled in');
      for (const change of tristates) assert.equal(change.to, 'm', `${change.name} is pulled in as m`);
      assert.ok((await session.applyFix(plan)).ok);
      assert.equal(session.value('IWLMVM'), 'm');
    } finally {
      await session.close();
    }
  });
});

test('protected int values: a visible one is modelled; a hidden default is judged by kconfig, candidate after candidate', async () => {
  await withTempDir('fix-int', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      // NR_CPUS has a prompt only while MAXSMP is off: the user's 128 goes when MAXSMP comes.
      assert.ok((await session.set('NR_CPUS', '128')).ok);
      const strict = await session.planFix([{ name: 'MAXSMP', value: 'y' }], { strict: true });
      assert.equal(strict.targets[0]?.status, 'impossible');
      assert.equal(strict.targets[0]?.blocker?.kind, 'protected', JSON.stringify(strict.targets[0]?.blocker));
      assert.equal(strict.targets[0]?.blocker?.symbol, 'NR_CPUS');
      assert.equal(strict.stats.rejected, 0, 'the encoding knows, no candidate was tried');
      const relaxed = await session.planFix([{ name: 'MAXSMP', value: 'y' }]);
      assert.equal(relaxed.targets[0]?.status, 'fixable');
      assert.deepEqual(relaxed.touchesProtected, ['NR_CPUS']);

      // NR_CPUS_DEFAULT has no prompt; its default follows MAXSMP, which the encoding does not model
      // for int symbols: kconfig rejects each candidate, and the answer names the protected symbol.
      const hidden = await session.planFix([{ name: 'MAXSMP', value: 'y' }], { protect: ['NR_CPUS_DEFAULT'], strict: true });
      assert.equal(hidden.targets[0]?.status, 'impossible');
      assert.equal(hidden.targets[0]?.blocker?.kind, 'protected');
      assert.equal(hidden.targets[0]?.blocker?.symbol, 'NR_CPUS_DEFAULT');
      assert.ok(hidden.stats.candidates >= 2, `${hidden.stats.candidates} candidates: the solver was asked again after each rejection`);
      assert.equal(hidden.stats.rejected, hidden.stats.candidates);
      const allowed = await session.planFix([{ name: 'MAXSMP', value: 'y' }], { protect: ['NR_CPUS_DEFAULT'] });
      assert.equal(allowed.targets[0]?.status, 'fixable');
      assert.deepEqual(allowed.touchesProtected, ['NR_CPUS_DEFAULT']);
      assert.ok((await session.applyFix(allowed)).ok);
      assert.equal(session.value('MAXSMP'), 'y');
      assert.equal(session.value('NR_CPUS_DEFAULT'), '8192');
    } finally {
      await session.close();
    }
  });
});
