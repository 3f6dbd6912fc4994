import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { assertStable, configValue, makeBase } from './support.js';

/**
 * The list: from x86_64 tinyconfig and from x86_64_defconfig on Debian's 6.12, each target
 * gets a fix of at most a few dozen changes; applied and saved, the .config is one that
 * `make olddefconfig` leaves exactly as it is, with the target's value kept.
 */
const TARGETS = ['E1000E', 'IWLMVM', 'BTRFS_FS', 'KVM_INTEL', 'DRM_I915', 'SND_HDA_INTEL', 'NFS_FS', 'WIREGUARD'];
const FEW_DOZEN = 36;

for (const base of ['tinyconfig', 'x86_64_defconfig'] as const) {
  describe(`enable from ${base} (6.12)`, () => {
    let dir: string;
    let session: Session;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), `tuxconf-test-fix-${base}-`));
      const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', base));
      session = await openSession({ tree: kernelTree('6.12'), output: out });
    });
    after(async () => {
      await session?.close();
      await rm(dir, { recursive: true, force: true });
    });

    for (const name of TARGETS) {
      test(`${name}=y`, async () => {
        const plan = await session.planFix([{ name, value: 'y' }]);
        const target = plan.targets[0]!;
        assert.notEqual(target.status, 'impossible', JSON.stringify(target.blocker));
        assert.ok(plan.changes.length <= FEW_DOZEN, `${plan.changes.length} changes`);
        if (target.status === 'met') {
          assert.equal(session.value(name), 'y');
          return;
        }
        assert.ok(plan.changes.some((change) => change.name === name && change.reason.kind === 'target'));
        for (const change of plan.changes) assert.notEqual(change.reason.kind, 'needed', `${change.name} has a reason`);
        const outcome = await session.applyFix(plan);
        assert.ok(outcome.ok, JSON.stringify(outcome.refused));
        assert.equal(session.value(name), 'y');
        assert.equal(session.history.at(-1), `fix ${name}=y`);
        const saved = join(dir, `${name}.config`);
        await session.save({ path: saved });
        const text = await readFile(saved, 'utf8');
        assert.equal(configValue(text, name), 'y');
        await assertStable('6.12', dir, text, `${base} + ${name}`);
        // One undoable step: undo puts every value back.
        const before = plan.changes.map((change) => [change.name, change.from]);
        assert.equal(await session.undo(), true);
        assert.deepEqual(
          plan.changes.map((change) => [change.name, session.value(change.name)]),
          before,
        );
      });
    }
  });
}
