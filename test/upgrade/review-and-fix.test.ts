import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import {
  acceptAllDefaults,
  acceptMenuDefaults,
  type Carried,
  carryConfig,
  decideLost,
  fixesWithoutAsking,
  fixTargets,
  fromOtherRelease,
  nextItem,
  planEntryFix,
  reviewProgress,
  startReview,
} from '../../src/features/upgrade/index.js';
import { describeNew } from '../../src/features/upgrade/describe.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { configValues } from './support.js';

/**
 * The features API the TUI's review flow uses, on a real 6.12 session carrying Debian's 6.1
 * amd64 config: review state, "accept the defaults of this menu", fixing one lost entry as one
 * undoable step through the fix seam, what matters for a captured machine; and `--apply`
 * against scripts/config + make olddefconfig.
 */

const tree = kernelTree('6.12');
const server = fileURLToPath(new URL('../../fixtures/hardware/server', import.meta.url));

describe('upgrade review on a 6.12 session', () => {
  let root = '';
  let session: Session;
  let carried: Carried;
  let expected = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuxconf-test-upgrade-review-'));
    const oldText = debianConfig('6.1');
    await writeFile(join(root, 'config-6.1'), oldText);
    const oracle = await outputDirWith(root, 'oracle', oldText);
    kernelMake(tree, oracle, ['olddefconfig']);
    expected = await readFile(join(oracle, '.config'), 'utf8');
    session = await openSession({ tree, output: join(root, 'out'), arch: 'x86', env: process.env });
    carried = await carryConfig(session, join(root, 'config-6.1'), { hardware: { hwFrom: server }, env: process.env, cwd: root });
  });

  after(async () => {
    await session?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('loads the old config as one undoable step whose result is what make olddefconfig writes', async () => {
    assert.equal(session.unsavedCount, 1);
    assert.match(session.history.at(-1)!, /^load .*config-6\.1 \(Linux\/x86 6\.1\.192\)$/);
    assert.equal(await session.configText(), expected);
    assert.ok(fromOtherRelease(carried.old.header, session.kernel.version));
    assert.ok(!fromOtherRelease(carried.old.header, '6.1.192'));
    assert.ok(!fromOtherRelease(null, session.kernel.version));
  });

  it('evaluates another config without changing the session (how changed defaults are computed)', async () => {
    const state = session.state;
    const history = session.history;
    const defconfig = await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'));
    const evaluated = await session.evaluateConfig(defconfig);
    const info = session.symbol('SOUND')!;
    assert.equal(evaluated.symbols[info.index]?.value, 'y', 'x86_64_defconfig has sound built in');
    assert.equal(session.value('SOUND'), 'm', "Debian's config has it as a module");
    assert.deepEqual(session.state, state, 'every value and visibility as before');
    assert.deepEqual(session.history, history);
    assert.equal(await session.configText(), expected);
  });

  it('walks lost entries, then new ones menu by menu; accepting defaults changes nothing in the session', async () => {
    const { report, groups } = carried;
    const state = session.state;
    let review = startReview();
    assert.equal(nextItem(report, groups, review)?.kind, 'lost');
    for (const entry of report.lost) review = decideLost(review, entry.name, 'accepted');
    const first = nextItem(report, groups, review);
    assert.equal(first?.kind, 'new');
    assert.equal(first.kind === 'new' && first.entry.name, report.new[0]!.name, 'in listnewconfig order');
    review = acceptMenuDefaults(review, groups[0]!);
    const progress = reviewProgress(report, groups, review);
    assert.equal(progress.lostDone, progress.lostTotal);
    assert.equal(progress.newDone, new Set(groups[0]!.entries.map((entry) => entry.name)).size);
    assert.equal(progress.menusLeft, groups.length - 1);
    review = acceptAllDefaults(review, report);
    assert.equal(nextItem(report, groups, review), null);
    assert.equal(session.state, state, 'no session change');
    assert.equal(session.unsavedCount, 1);
    assert.equal(await session.configText(), expected, 'accepting every default keeps what make olddefconfig writes');
  });

  it('fixes a removed symbol through a successor the user picks, as one undoable step', async () => {
    const entry = carried.report.lost.find((candidate) => candidate.name === 'DRM_DP_CEC')!;
    assert.equal(entry.category, 'removed');
    assert.deepEqual(fixTargets(entry, 'DRM_DISPLAY_DP_AUX_CEC'), [{ name: 'DRM_DISPLAY_DP_AUX_CEC', value: 'y' }]);
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'n');
    const planned = await planEntryFix(session, entry, 'DRM_DISPLAY_DP_AUX_CEC');
    assert.equal(planned?.entries[0]?.status, 'fixable');
    assert.equal(session.unsavedCount, 1, 'planning changes nothing');
    const outcome = await session.applyFix(planned!.plan);
    assert.ok(outcome.ok);
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'y');
    assert.equal(session.history.at(-1), 'fix DRM_DISPLAY_DP_AUX_CEC=y');
    const again = await planEntryFix(session, entry, 'DRM_DISPLAY_DP_AUX_CEC');
    assert.equal(again?.entries[0]?.status, 'met', 'a target that holds needs no change');
    assert.deepEqual(again?.plan.changes, []);
    assert.equal(session.unsavedCount, 2);
    await session.undo();
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'n');
  });

  it('fixes a value whose dependency is off by turning the dependency on: one step, undone as one', async () => {
    const entry = carried.report.lost.find((candidate) => candidate.name === 'MLX5_CLS_ACT')!;
    assert.equal(entry.category, 'dependency');
    assert.ok(entry.blocking.some((term) => /NET_TC_SKB_EXT/.test(term.expr)));
    const planned = await planEntryFix(session, entry);
    assert.equal(planned?.entries[0]?.status, 'fixable');
    const needed = planned!.plan.changes.find((change) => change.name === 'NET_TC_SKB_EXT');
    assert.deepEqual(needed && { to: needed.to, reason: needed.reason }, {
      to: 'y',
      reason: { kind: 'depends-on', of: 'MLX5_CLS_ACT', term: 'NET_TC_SKB_EXT' },
    });
    const steps = session.history.length;
    assert.ok((await session.applyFix(planned!.plan)).ok);
    assert.equal(session.history.length, steps + 1);
    assert.deepEqual([session.value('MLX5_CLS_ACT'), session.value('NET_TC_SKB_EXT')], ['y', 'y']);
    await session.undo();
    assert.deepEqual([session.value('MLX5_CLS_ACT'), session.value('NET_TC_SKB_EXT')], ['n', 'n']);
    assert.equal(await session.configText(), expected);
  });

  it('names what blocks a lost value that cannot be had, and changes nothing', async () => {
    const entry = carried.report.lost.find((candidate) => candidate.name === 'NET_SB1000')!;
    assert.equal(entry.category, 'dependency');
    assert.deepEqual(
      entry.blocking.map((term) => term.expr),
      ['ISA [=n]'],
    );
    const steps = session.history.length;
    const planned = await planEntryFix(session, entry);
    const fix = planned!.entries[0]!;
    assert.equal(fix.status, 'impossible');
    assert.match(fix.blocked[0]!.why, /64BIT/);
    assert.match(fix.blocked[0]!.why, /ISA/);
    assert.deepEqual(planned!.plan.changes, []);
    assert.equal(session.history.length, steps);
    const toolchain = carried.report.lost.find((candidate) => candidate.name === 'CC_VERSION_TEXT')!;
    assert.equal(toolchain.category, 'no-prompt');
    assert.equal(fixTargets(toolchain), null, 'nothing can set a value the toolchain decides: accepted');
    const raised = carried.report.lost.find((candidate) => candidate.category === 'no-prompt' && candidate.old === 'm' && candidate.now === 'y')!;
    assert.ok(!fixesWithoutAsking(raised), `${raised.name}: a value a select raised is not lowered without asking`);
  });

  it('flags the new options the captured server needs, with the reason, in the report and its text', () => {
    const flag = carried.report.machine.get('DELL_PC');
    assert.ok(flag, 'dell_pc is loaded on the server and CONFIG_DELL_PC is new in 6.12');
    assert.equal(flag.met, true, 'its default (m) already builds it');
    assert.ok(carried.report.new.some((entry) => entry.name === 'DELL_PC'));
    assert.ok(describeNew(carried.report, carried.groups).some((line) => /^ {3}\*CONFIG_DELL_PC=m/.test(line)));
    assert.equal(carried.report.scope.hardware, server);
  });
});

describe('tuxconf upgrade --apply', () => {
  it('fixes every lost value it can with one plan (old values, confident successors, what they need); scripts/config + make olddefconfig give the same file, and it holds under make olddefconfig', async () => {
    await withTempDir('upgrade-apply', async (dir) => {
      const oldText = debianConfig('6.1');
      const oldPath = join(dir, 'config-6.1');
      await writeFile(oldPath, oldText);
      const run = await runTuxconf([
        'upgrade',
        '-C',
        tree,
        '-O',
        join(dir, 'applied'),
        '--arch',
        'x86',
        '--old-tree',
        kernelTree('6.1'),
        oldPath,
        '--apply',
        '--json',
      ]);
      assert.equal(run.exitCode, 0, run.stderr);
      const report = JSON.parse(run.stdout) as {
        applied: {
          fixed: { name: string; targets: { name: string; value: string }[] }[];
          refused: { name: string; reasons: string[] }[];
          changes: { name: string; to: string }[];
          done: boolean;
        };
        saved: string;
      };
      assert.ok(report.applied.done);
      const fixed = report.applied.fixed.flatMap((fix) => fix.targets);
      for (const name of ['MITIGATION_SLS', 'DRM_DISPLAY_DP_AUX_CHARDEV', 'DRM_DISPLAY_DP_AUX_CEC', 'MLX5_CLS_ACT'])
        assert.ok(
          fixed.some((target) => target.name === name),
          name,
        );
      assert.ok(
        report.applied.changes.some((change) => change.name === 'NET_TC_SKB_EXT'),
        'a dependency turned on for MLX5_CLS_ACT',
      );
      const sb1000 = report.applied.refused.find((fix) => fix.name === 'NET_SB1000');
      assert.match(sb1000?.reasons[0] ?? '', /64BIT/, 'named with its blocker');
      assert.match(run.stderr, /not fixed: CONFIG_NET_SB1000=m: .*64BIT/);

      const saved = await readFile(join(dir, 'applied', '.config'), 'utf8');
      assert.equal(report.saved, join(dir, 'applied', '.config'));
      const oracle = await outputDirWith(dir, 'oracle', oldText);
      kernelMake(tree, oracle, ['olddefconfig']);
      const scriptsConfig = join(tree, 'scripts/config');
      for (const change of report.applied.changes) {
        const args =
          change.to === 'y'
            ? ['--enable', change.name]
            : change.to === 'm'
              ? ['--module', change.name]
              : change.to === 'n'
                ? ['--disable', change.name]
                : ['--set-val', change.name, change.to];
        execFileSync(scriptsConfig, ['--file', join(oracle, '.config'), ...args]);
      }
      kernelMake(tree, oracle, ['olddefconfig']);
      assert.equal(saved, await readFile(join(oracle, '.config'), 'utf8'));

      const again = await outputDirWith(dir, 'again', saved);
      kernelMake(tree, again, ['olddefconfig']);
      const after = configValues(await readFile(join(again, '.config'), 'utf8'));
      for (const target of fixed) assert.equal(after.get(target.name), target.value, `CONFIG_${target.name} holds under make olddefconfig`);
      assert.equal(await readFile(join(again, '.config'), 'utf8'), saved);
    });
  });
});
