import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FixChange, FixEffect, FixTargetOutcome } from '../../src/engine/protocol.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { assertStable, configValue, makeBase } from './support.js';

const tree = kernelTree('6.12');

interface PlanJson {
  targets: FixTargetOutcome[];
  changes: FixChange[];
  effects: FixEffect[];
  applied: boolean;
  saved: string | null;
}

test('disable CRC32 from x86_64_defconfig: every active selector goes, named as such, and the saved config holds under olddefconfig', async () => {
  await withTempDir('fix-disable', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    const why = await runTuxconf(['-C', tree, '-O', out, 'why', 'CRC32', '--json']);
    assert.equal(why.exitCode, 0, why.stderr);
    const selectors = (JSON.parse(why.stdout) as { selects: { symbol: string }[] }).selects.map((term) => term.symbol);
    assert.ok(selectors.length >= 5, `CRC32 is selected by ${selectors.join(', ')}`);

    const result = await runTuxconf(['-C', tree, '-O', out, 'disable', 'CRC32', '--json']);
    assert.equal(result.exitCode, 0, result.stderr);
    const plan = JSON.parse(result.stdout) as PlanJson;
    assert.equal(plan.targets[0]?.status, 'fixable');
    assert.equal(plan.applied, true);
    const named = plan.changes.filter((change) => change.reason.kind === 'selects').map((change) => change.name);
    assert.ok(named.length > 0, 'the fix names selectors');
    // Each active selector is turned off by the fix itself or goes off with what it depends on.
    const gone = new Map([...plan.changes, ...plan.effects].map((change) => [change.name, change.to]));
    for (const selector of selectors) assert.equal(gone.get(selector), 'n', `${selector} no longer selects CRC32`);
    const saved = await readFile(join(out, '.config'), 'utf8');
    assert.equal(configValue(saved, 'CRC32'), 'n');
    await assertStable('6.12', dir, saved, 'disable CRC32');

    const text = await runTuxconf([
      '-C',
      tree,
      '-O',
      await outputDirWith(dir, 'again', await makeBase('6.12', dir, 'base2', 'x86_64_defconfig')),
      'disable',
      'CRC32',
      '--dry-run',
    ]);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, /CONFIG_CRC32: +y -> n +asked for/);
    assert.match(text.stdout, /CONFIG_\w+: +y -> n +stops selecting CRC32/);
  });
});

test('impossible targets are refused with what blocks them, and nothing changes', async () => {
  await withTempDir('fix-impossible', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    const before = await readFile(join(out, '.config'), 'utf8');
    const mtime = (await stat(join(out, '.config'))).mtimeMs;
    const text = await runTuxconf(['-C', tree, '-O', out, 'enable', 'ARM_SMMU_V3', 'NTSYNC', 'LOG_BUF_SHIFT=99', 'E1000F']);
    assert.equal(text.exitCode, 1);
    assert.match(text.stderr, /CONFIG_ARM_SMMU_V3=y: not on this architecture: it needs ARM64, which this architecture does not define/);
    assert.match(text.stderr, /CONFIG_NTSYNC=y: it depends on BROKEN/);
    assert.match(text.stderr, /CONFIG_LOG_BUF_SHIFT=99: out of range, allowed 12\.\.25/);
    assert.match(text.stderr, /CONFIG_E1000F does not exist in this tree \(did you mean .*CONFIG_E1000E/);
    assert.equal(await readFile(join(out, '.config'), 'utf8'), before);
    assert.equal((await stat(join(out, '.config'))).mtimeMs, mtime);

    const json = await runTuxconf(['-C', tree, '-O', out, 'enable', 'ARM_SMMU_V3', 'NTSYNC', 'LOG_BUF_SHIFT=99', 'E1000F', '--json']);
    assert.equal(json.exitCode, 1);
    const plan = JSON.parse(json.stdout) as PlanJson;
    assert.deepEqual(
      plan.targets.map((target) => [target.name, target.status, target.blocker?.kind, target.blocker?.symbol]),
      [
        ['ARM_SMMU_V3', 'impossible', 'undefined', 'ARM64'],
        ['NTSYNC', 'impossible', 'broken', 'BROKEN'],
        ['LOG_BUF_SHIFT', 'impossible', 'out-of-range', null],
        ['E1000F', 'impossible', 'unknown', 'E1000F'],
      ],
    );
    assert.deepEqual(plan.targets[2]?.blocker?.range, ['12', '25']);
    assert.ok(plan.targets[3]?.blocker?.suggestions?.includes('E1000E'));
    assert.deepEqual(plan.targets[0]?.blocker?.path, [{ symbol: 'ARM_SMMU_V3', term: 'ARM64', relation: 'depends-on' }]);
    assert.equal(plan.applied, false);
  });
});

test('several targets at once: one fix for those that can be had; a choice conflict and another architecture are named', async () => {
  await withTempDir('fix-many', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'tinyconfig'));
    const result = await runTuxconf(['-C', tree, '-O', out, 'enable', 'E1000E', 'HZ_300', 'HZ_250', 'ARM_SMMU_V3', 'BTRFS_FS=y', '--json']);
    assert.equal(result.exitCode, 1, 'some targets cannot be had');
    const plan = JSON.parse(result.stdout) as PlanJson;
    const status = Object.fromEntries(plan.targets.map((target) => [target.name, target.status]));
    assert.deepEqual(status, { E1000E: 'fixable', HZ_300: 'fixable', HZ_250: 'impossible', ARM_SMMU_V3: 'impossible', BTRFS_FS: 'fixable' });
    const hz250 = plan.targets.find((target) => target.name === 'HZ_250')!;
    assert.equal(hz250.blocker?.kind, 'conflict');
    assert.deepEqual(hz250.blocker?.with, ['HZ_300']);
    assert.equal(hz250.blocker?.choice, 'Timer frequency');
    assert.equal(plan.applied, true);
    const saved = await readFile(join(out, '.config'), 'utf8');
    for (const name of ['E1000E', 'HZ_300', 'BTRFS_FS']) assert.equal(configValue(saved, name), 'y', name);
    await assertStable('6.12', dir, saved, 'several targets');
  });
});

test('set says the reachable value: m when only m selectors hold I2C (with disable), m when dependencies limit (with enable)', async () => {
  await withTempDir('fix-lowest', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', debianConfig('6.12'));
    const result = await runTuxconf(['-C', tree, '-O', out, 'set', 'I2C=n']);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /CONFIG_I2C=n: forced to m by select: IGB \[=m\]/);
    assert.match(result.stderr, /the lowest value possible now is m; to turn off what selects it: tuxconf disable I2C/);
    const limited = await runTuxconf(['-C', tree, '-O', out, 'set', 'SND_HDA_CODEC_REALTEK=y']);
    assert.equal(limited.exitCode, 1);
    assert.match(limited.stderr, /CONFIG_SND_HDA_CODEC_REALTEK=y: the dependencies allow at most m: .*SND_HDA \[=m\]/);
    assert.match(limited.stderr, /the highest value possible now is m; to make the changes it needs: tuxconf enable SND_HDA_CODEC_REALTEK=y/);
    const lowered = await runTuxconf(['-C', tree, '-O', out, 'set', 'I2C=m']);
    assert.equal(lowered.exitCode, 0, lowered.stderr);
  });
});

test('why: the value, what holds it in words, and the fix', async () => {
  await withTempDir('fix-why', async (dir) => {
    const tiny = await outputDirWith(dir, 'tiny', await makeBase('6.12', dir, 'base', 'tinyconfig'));
    const off = await runTuxconf(['-C', tree, '-O', tiny, 'why', 'E1000E']);
    assert.equal(off.exitCode, 0, off.stderr);
    assert.match(off.stdout, /^CONFIG_E1000E = n \(tristate\)/);
    assert.match(off.stdout, /needs PCI support \(PCI\), which is off/);
    assert.match(off.stdout, /To turn it on \(tuxconf enable E1000E\): \d+ changes/);
    assert.match(off.stdout, /CONFIG_PCI: n -> y +E1000E depends on PCI/);

    const broken = await runTuxconf(['-C', tree, '-O', tiny, 'why', 'NTSYNC']);
    assert.match(broken.stdout, /No fix can turn it on: it depends on BROKEN/);

    const def = await outputDirWith(dir, 'def', await makeBase('6.12', dir, 'defbase', 'x86_64_defconfig'));
    const forced = await runTuxconf(['-C', tree, '-O', def, 'why', 'CRC32']);
    assert.match(forced.stdout, /Selected by \d+ active options \(they keep it at least y\)/);
    assert.match(forced.stdout, /To turn it off \(tuxconf disable CRC32\)/);
    assert.equal(await readFile(join(def, '.config'), 'utf8'), await readFile(join(dir, 'defbase', '.config'), 'utf8'), 'why changes nothing');
  });
});

test('enable on 6.1: a fix from x86_64_defconfig holds under the 6.1 olddefconfig', async () => {
  await withTempDir('fix-61', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.1', dir, 'base', 'x86_64_defconfig'));
    const result = await runTuxconf(['-C', kernelTree('6.1'), '-O', out, 'enable', 'BTRFS_FS', 'WIREGUARD=m', 'KVM_INTEL=m', 'HZ_300']);
    assert.equal(result.exitCode, 0, result.stderr);
    const saved = await readFile(join(out, '.config'), 'utf8');
    assert.equal(configValue(saved, 'BTRFS_FS'), 'y');
    assert.equal(configValue(saved, 'WIREGUARD'), 'm');
    assert.equal(configValue(saved, 'KVM_INTEL'), 'm');
    assert.equal(configValue(saved, 'HZ_300'), 'y');
    await assertStable('6.1', dir, saved, '6.1 enable');
  });
});

test('doctor checks the SAT solver; without it enable says how to get it and changes nothing', async () => {
  const doctor = await runTuxconf(['doctor', '-C', tree]);
  assert.match(doctor.stdout, /^ok +picosat: \/\S+libpicosat\.a \(the SAT solver behind enable, disable and why\)$/m);
  const without = await runTuxconf(['doctor', '-C', tree], { env: { TUXCONF_NO_SOLVER: '1' } });
  assert.match(without.stdout, /^warning +picosat: not found: .*sudo apt-get install picosat$/m);
  assert.equal(without.exitCode, 0, 'the solver is optional');

  await withTempDir('fix-nosolver', async (dir) => {
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'tinyconfig'));
    const before = await readFile(join(out, '.config'), 'utf8');
    const result = await runTuxconf(['-C', tree, '-O', out, 'enable', 'E1000E'], { env: { TUXCONF_NO_SOLVER: '1' } });
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /built without a SAT solver \(install picosat: sudo apt-get install picosat\)/);
    assert.equal(await readFile(join(out, '.config'), 'utf8'), before);
  });
});
