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
  fixLabel,
  fixTargets,
  fromOtherRelease,
  nextItem,
  reviewProgress,
  setManyFixer,
  startReview,
} from '../../src/features/upgrade/index.js';
import { describeNew } from '../../src/features/upgrade/describe.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

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
    const targets = fixTargets(entry, 'DRM_DISPLAY_DP_AUX_CEC');
    assert.deepEqual(targets, [{ name: 'DRM_DISPLAY_DP_AUX_CEC', value: 'y' }]);
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'n');
    const outcome = await setManyFixer(session).fix(targets!, fixLabel(entry, targets!));
    assert.equal(outcome.status, 'fixed');
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'y');
    assert.equal(session.history.at(-1), 'CONFIG_DRM_DISPLAY_DP_AUX_CEC=y for the removed CONFIG_DRM_DP_CEC');
    assert.equal((await setManyFixer(session).fix(targets!, 'again')).status, 'met', 'a target that holds is no new step');
    assert.equal(session.unsavedCount, 2);
    await session.undo();
    assert.equal(session.value('DRM_DISPLAY_DP_AUX_CEC'), 'n');
  });

  it('says why a fix the stand-in cannot make is refused, and changes nothing', async () => {
    const entry = carried.report.lost.find((candidate) => candidate.name === 'NET_SB1000')!;
    assert.equal(entry.category, 'dependency');
    assert.deepEqual(
      entry.blocking.map((term) => term.expr),
      ['ISA [=n]'],
    );
    const steps = session.history.length;
    const outcome = await setManyFixer(session).fix(fixTargets(entry)!, fixLabel(entry, fixTargets(entry)!));
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.status === 'refused' ? outcome.refused[0]!.reason : '', /unmet dependencies: ISA \[=n\]/);
    assert.equal(session.history.length, steps);
    const toolchain = carried.report.lost.find((candidate) => candidate.name === 'CC_VERSION_TEXT')!;
    assert.equal(toolchain.category, 'no-prompt');
    assert.equal(fixTargets(toolchain), null, 'nothing can set a value the toolchain decides: accepted');
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
  it('fixes what the fix seam can (old values on confident successors), takes the defaults for the rest: scripts/config + make olddefconfig give the same file', async () => {
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
        applied: { fixed: { name: string; targets: { name: string; value: string }[] }[]; refused: { name: string }[] };
        saved: string;
      };
      const fixed = report.applied.fixed.flatMap((fix) => fix.targets);
      for (const name of ['MITIGATION_SLS', 'DRM_DISPLAY_DP_AUX_CHARDEV', 'DRM_DISPLAY_DP_AUX_CEC'])
        assert.ok(
          fixed.some((target) => target.name === name),
          name,
        );
      assert.ok(report.applied.refused.some((fix) => fix.name === 'NET_SB1000'));

      const oracle = await outputDirWith(dir, 'oracle', oldText);
      kernelMake(tree, oracle, ['olddefconfig']);
      const scriptsConfig = join(tree, 'scripts/config');
      for (const target of fixed) {
        const args =
          target.value === 'y' ? ['--enable', target.name] : target.value === 'm' ? ['--module', target.name] : ['--set-val', target.name, target.value];
        execFileSync(scriptsConfig, ['--file', join(oracle, '.config'), ...args]);
      }
      kernelMake(tree, oracle, ['olddefconfig']);
      assert.equal(report.saved, join(dir, 'applied', '.config'));
      assert.equal(await readFile(join(dir, 'applied', '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));
    });
  });
});
