import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FixResult } from '../../src/engine/protocol.js';
import { frontendLaunch, RawFrontend } from '../engine/frontend-harness.js';
import { debianConfig, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';

/**
 * The `fix` op through the real frontend: typed answers, and every trial put back exactly (the
 * whole state before and after is the same). The sanitizer run (npm run test:sanitize) drives
 * the search and the verification under ASan and UBSan through this suite.
 */
async function withFrontend(version: KernelVersion, body: (fe: RawFrontend) => Promise<void>): Promise<void> {
  await withTempDir(`fix-frontend-${version}`, async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig(version));
    const fe = await RawFrontend.start(await frontendLaunch(version, out));
    try {
      const load = await fe.send(JSON.stringify({ id: 1, op: 'load', path: join(out, '.config') }));
      assert.equal(load.reply.ok, true);
      await body(fe);
    } finally {
      fe.kill();
    }
  });
}

async function state(fe: RawFrontend): Promise<string> {
  return (await fe.send('{"id":2,"op":"state"}')).raw;
}

async function fix(fe: RawFrontend, targets: string[], extra: Record<string, unknown> = {}): Promise<FixResult> {
  // A generous budget: a loaded machine must not turn a fix into a timeout.
  const { reply } = await fe.send(JSON.stringify({ id: 3, op: 'fix', targets: targets.join('\n'), freeze: 'COMPILE_TEST 64BIT', budget: 120000, ...extra }));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.id, 3);
  return reply.result as FixResult;
}

for (const version of ['6.12', '6.1'] as const) {
  test(`fix leaves the configuration exactly as it was, and answers with typed data (${version})`, async () => {
    await withFrontend(version, async (fe) => {
      const before = await state(fe);
      const result = await fix(fe, ['CRC32=n', 'HZ_300=y', 'LOG_BUF_SHIFT=19', 'LOCALVERSION=-fix', 'NO_SUCH_SYMBOL=y', 'E1000E=q']);
      assert.equal(await state(fe), before, 'every trial was put back');
      assert.deepEqual(
        result.targets.map((target) => [target.name, target.status, target.blocker?.kind]),
        [
          ['CRC32', 'fixable', undefined],
          ['HZ_300', 'fixable', undefined],
          ['LOG_BUF_SHIFT', 'fixable', undefined],
          ['LOCALVERSION', 'fixable', undefined],
          ['NO_SUCH_SYMBOL', 'impossible', 'unknown'],
          ['E1000E', 'impossible', 'invalid'],
        ],
      );
      const byName = new Map(result.changes.map((change) => [change.name, change]));
      assert.deepEqual(byName.get('LOCALVERSION')?.to, '-fix');
      assert.deepEqual(byName.get('HZ_300')?.reason, { kind: 'target' });
      assert.deepEqual(byName.get('CRC32')?.reason, { kind: 'target' });
      assert.ok(result.changes.some((change) => change.reason.kind === 'selects' && change.to === 'n'));
      assert.ok(result.effects.length > 0);
      assert.equal(result.stats.rejected <= result.stats.candidates, true);
      assert.equal(result.stats.candidates >= 1, true);
    });
  });
}

test('a target that conflicts with another (BTRFS_FS selects CRC32C, which selects CRC32) is named with it, and the trials leave no trace', async () => {
  await withFrontend('6.12', async (fe) => {
    const before = await state(fe);
    const result = await fix(fe, ['CRC32=n', 'BTRFS_FS=y']);
    assert.equal(await state(fe), before);
    assert.equal(result.targets[0]?.status, 'fixable');
    assert.deepEqual(result.targets[1]?.blocker, { kind: 'conflict', symbol: null, path: [], with: ['CRC32'] });
  });
});

test('fix requests that are not understood are refused with the reason', async () => {
  await withFrontend('6.12', async (fe) => {
    const missing = await fe.send('{"id":4,"op":"fix"}');
    assert.equal(missing.reply.ok, false);
    assert.match(missing.reply.error ?? '', /"fix" needs "targets"/);
    const empty = await fe.send('{"id":5,"op":"fix","targets":"no equals sign"}');
    assert.equal(empty.reply.ok, false);
    assert.equal(empty.reply.code, 'usage');
    const budget = await fe.send('{"id":6,"op":"fix","targets":"E1000E=y","budget":-1}');
    assert.equal(budget.reply.ok, false);
    assert.match(budget.reply.error ?? '', /"budget" is out of range/);
  });
});

test('a target that is already met stays met and needs no change', async () => {
  await withFrontend('6.12', async (fe) => {
    const result = await fix(fe, ['E1000E=m']);
    assert.deepEqual(result.targets, [{ name: 'E1000E', value: 'm', status: 'met' }]);
    assert.deepEqual(result.changes, []);
  });
});

test('NAME>=VALUE asks for a tristate at that value or above, and neverLower keeps every other symbol from going down', async () => {
  await withFrontend('6.12', async (fe) => {
    const before = await state(fe);
    const atLeast = await fix(fe, ['E1000E>=m', 'E1000E>=y', 'LOG_BUF_SHIFT>=17']);
    assert.deepEqual(
      atLeast.targets.map((target) => [target.name, target.value, target.atLeast, target.status, target.blocker?.kind]),
      [
        ['E1000E', 'm', true, 'met', undefined],
        ['E1000E', 'y', true, 'fixable', undefined],
        ['LOG_BUF_SHIFT', '17', true, 'impossible', 'invalid'],
      ],
    );
    assert.deepEqual(
      atLeast.changes.map((change) => [change.name, change.from, change.to]),
      [['E1000E', 'm', 'y']],
    );
    // CRC32=n needs its built-in selectors turned off: never with neverLower.
    const free = await fix(fe, ['CRC32=n']);
    assert.ok(free.changes.some((change) => change.name !== 'CRC32' && change.to === 'n' && change.from !== 'n'));
    const kept = await fix(fe, ['CRC32=n'], { neverLower: true });
    assert.deepEqual([kept.targets[0]?.status, kept.changes], ['impossible', []]);
    assert.equal(await state(fe), before, 'every trial was put back');
    const wrong = await fe.send('{"id":7,"op":"fix","targets":"E1000E>=m","neverLower":"yes"}');
    assert.equal(wrong.reply.ok, false);
    assert.match(wrong.reply.error ?? '', /"neverLower" must be true or false, not a string/);
  });
});
