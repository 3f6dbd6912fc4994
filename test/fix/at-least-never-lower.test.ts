/*
 * Two kinds of request the hardware fix needs in one plan, on Debian 6.12's own kconfig: a target
 * "at least m" (m or y both hold; m where the other targets allow it, y where they do not) and
 * `neverLower` (no symbol but a target goes below its value now: accepting hardware only adds).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { FixTargetOutcome } from '../../src/engine/protocol.js';
import type { FixPlan } from '../../src/engine/session.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { assertStable, configValue } from './support.js';

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

function lowered(plan: FixPlan, except: string[] = []): string[] {
  return plan.changes.filter((change) => !except.includes(change.name) && (RANK[change.to] ?? 0) < (RANK[change.from] ?? 0)).map((change) => change.name);
}

test('at least m: built in where something built in selects it, a module where m can be had, and the fix holds under olddefconfig', async () => {
  await withTempDir('fix-at-least', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', '');
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      const base = [
        { name: 'MODULES', value: 'y' },
        { name: 'EXT4_FS', value: 'y' },
      ];
      // Built-in ext4 selects JBD2: exactly m cannot be had together with it.
      const exact = await session.planFix([...base, { name: 'JBD2', value: 'm' }, { name: 'E1000E', value: 'm' }]);
      assert.deepEqual(
        exact.targets.map((target) => [target.name, target.status]),
        [
          ['MODULES', 'fixable'],
          ['EXT4_FS', 'fixable'],
          ['JBD2', 'impossible'],
          ['E1000E', 'fixable'],
        ],
      );
      assert.equal(exact.targets[2]?.blocker?.kind, 'conflict');

      const atLeast = await session.planFix([...base, { name: 'JBD2', value: 'm', atLeast: true }, { name: 'E1000E', value: 'm', atLeast: true }]);
      assert.deepEqual(
        atLeast.targets.map((target) => [target.name, target.value, target.atLeast ?? false, target.status]),
        [
          ['MODULES', 'y', false, 'fixable'],
          ['EXT4_FS', 'y', false, 'fixable'],
          ['JBD2', 'm', true, 'fixable'],
          ['E1000E', 'm', true, 'fixable'],
        ],
      );
      assert.deepEqual(atLeast.requested.at(-1), { name: 'E1000E', value: 'm', atLeast: true });
      const e1000e = atLeast.changes.find((change) => change.name === 'E1000E');
      assert.deepEqual([e1000e?.from, e1000e?.to], ['n', 'm'], 'm preferred where it can be had');

      const applied = await session.applyFix(atLeast);
      assert.deepEqual([applied.ok, applied.unmet], [true, []], 'a target at least m holds at y');
      assert.deepEqual(
        ['MODULES', 'EXT4_FS', 'JBD2', 'E1000E'].map((name) => session.value(name)),
        ['y', 'y', 'y', 'm'],
      );
      const saved = join(dir, 'saved.config');
      await session.save({ path: saved });
      await assertStable('6.12', dir, await readFile(saved, 'utf8'), 'at least m');

      const again = await session.planFix([{ name: 'JBD2', value: 'm', atLeast: true }]);
      assert.deepEqual([again.targets[0]?.status, again.changes], ['met', []], 'y is at least m');
      const notTristate = await session.planFix([{ name: 'LOG_BUF_SHIFT', value: '17', atLeast: true }]);
      assert.deepEqual([notTristate.targets[0]?.status, notTristate.targets[0]?.blocker?.kind], ['impossible', 'invalid']);
    } finally {
      await session.close();
    }
  });
});

test('neverLower on the cloud config: nothing but a target goes down, rising stays allowed', async () => {
  await withTempDir('fix-never-lower', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', debianConfig('6.12', 'amd64_none_cloud-amd64'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out });
    try {
      assert.deepEqual([session.value('EXT4_FS'), session.value('JBD2')], ['y', 'y']);
      // JBD2 exactly m: the smallest fix builds ext4 as a module.
      const free = await session.planFix([{ name: 'JBD2', value: 'm' }]);
      assert.equal(free.targets[0]?.status, 'fixable');
      assert.ok(lowered(free, ['JBD2']).includes('EXT4_FS'), `the free fix lowers EXT4_FS: ${JSON.stringify(free.changes)}`);

      const kept = await session.planFix([{ name: 'JBD2', value: 'm' }], { neverLower: true });
      assert.deepEqual([kept.targets[0]?.status, kept.targets[0]?.blocker?.kind, kept.changes], ['impossible', 'selected', []]);
      const atLeast = await session.planFix([{ name: 'JBD2', value: 'm', atLeast: true }], { neverLower: true });
      assert.deepEqual([atLeast.targets[0]?.status, atLeast.changes], ['met', []]);

      const target = await session.planFix([{ name: 'EXT4_FS', value: 'm' }], { neverLower: true });
      assert.deepEqual(
        target.changes.map((change) => [change.name, change.from, change.to]),
        [['EXT4_FS', 'y', 'm']],
        'a target itself may go down',
      );

      const rising = await session.planFix(
        [
          { name: 'E1000E', value: 'm', atLeast: true },
          { name: 'INPUT_PCSPKR', value: 'm', atLeast: true },
        ],
        { neverLower: true },
      );
      assert.deepEqual(
        rising.targets.map((item) => item.status),
        ['fixable', 'fixable'],
      );
      assert.deepEqual(lowered(rising), []);
      assert.ok(
        rising.changes.some((change) => change.name === 'INPUT_MISC' && change.from === 'n' && change.to === 'y'),
        'what the targets need is raised',
      );
      assert.deepEqual(session.history, [], 'planning changes nothing');
    } finally {
      await session.close();
    }
  });
});

test('the CLI: enable NAME>=m builds in what must be, enable --never-lower refuses what would turn something down', async () => {
  await withTempDir('fix-cli-at-least', async (dir) => {
    const empty = await outputDirWith(dir, 'empty', '');
    const atLeast = await runTuxconf(['-C', kernelTree('6.12'), '-O', empty, 'enable', 'MODULES', 'EXT4_FS', 'JBD2>=m', 'CONFIG_E1000E>=m', '--json']);
    assert.equal(atLeast.exitCode, 0, atLeast.stderr);
    const plan = JSON.parse(atLeast.stdout) as { targets: FixTargetOutcome[]; applied: boolean };
    assert.deepEqual(
      plan.targets.map((target) => [target.name, target.value, target.atLeast ?? false, target.status]),
      [
        ['MODULES', 'y', false, 'fixable'],
        ['EXT4_FS', 'y', false, 'fixable'],
        ['JBD2', 'm', true, 'fixable'],
        ['E1000E', 'm', true, 'fixable'],
      ],
    );
    const saved = await readFile(join(empty, '.config'), 'utf8');
    assert.deepEqual([configValue(saved, 'JBD2'), configValue(saved, 'E1000E')], ['y', 'm']);

    const cloud = await outputDirWith(dir, 'cloud', debianConfig('6.12', 'amd64_none_cloud-amd64'));
    const free = await runTuxconf(['-C', kernelTree('6.12'), '-O', cloud, 'enable', 'JBD2=m', '--dry-run']);
    assert.equal(free.exitCode, 0, free.stderr);
    assert.match(free.stdout, /^CONFIG_EXT4_FS: +y -> m /m);
    const kept = await runTuxconf(['-C', kernelTree('6.12'), '-O', cloud, 'enable', 'JBD2=m', '--never-lower']);
    assert.equal(kept.exitCode, 1);
    assert.match(kept.stderr, /^tuxconf: CONFIG_JBD2=m: /m);
    assert.doesNotMatch(kept.stdout, /->/, 'nothing changes');
    assert.equal(configValue(await readFile(join(cloud, '.config'), 'utf8'), 'EXT4_FS'), 'y');
  });
});
