/**
 * The checks API a TUI pane uses, on Debian 6.12's cloud-amd64 config (no USB at all, no isci): evaluation reads the session's values only (kconfig is asked why only when an
 * entry's blockers are wanted), a change that breaks a met profile is reported as a regression,
 * and a fix is one fix engine plan (planFix) applied as one undoable step (applyFix).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { type ChecksSession, listProfiles, ProfileChecks, resolveProfiles } from '../../src/features/checks/profile-checks.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { fixture } from '../hardware/support/run-command.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';

let workDir = '';
let session: Session;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-checks-'));
  const output = await outputDirWith(workDir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
  session = await openSession({ tree: kernelTree('6.12'), output });
});

after(async () => {
  await session?.close();
  await rm(workDir, { recursive: true, force: true });
});

async function profiles(names: string[], initrd = true) {
  const resolved = await resolveProfiles(names, {
    env: { XDG_CONFIG_HOME: join(workDir, 'none') },
    cwd: workDir,
    machine: () => readCapture(fixture('laptop')),
    srcTree: session.kernel.srcTree,
    initrd,
  });
  return resolved.profiles;
}

/** The session, counting what goes to kconfig besides reading values. */
function counting(target: Session): { session: ChecksSession; explained: string[] } {
  const explained: string[] = [];
  const proxy = new Proxy(target, {
    get(object, key, receiver) {
      if (key === 'explain') return (name: string) => (explained.push(name), object.explain(name));
      const value = Reflect.get(object, key, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
  return { session: proxy, explained };
}

async function undoAll(): Promise<void> {
  while (session.canUndo) await session.undo();
}

describe('profile checks on an open session', () => {
  it('lists the shipped profiles and boot', async () => {
    const { profiles: listed, issues } = await listProfiles({ XDG_CONFIG_HOME: join(workDir, 'none') });
    assert.deepEqual(issues, []);
    assert.deepEqual(
      listed.map((profile) => [profile.name, profile.origin]),
      [
        ['containers', 'shipped'],
        ['guix-initrd', 'shipped'],
        ['systemd', 'shipped'],
        ['boot', 'derived'],
      ],
    );
  });

  it('evaluates from values alone and asks kconfig why only for the entry looked at', async () => {
    await undoAll();
    const { session: watched, explained } = counting(session);
    const checks = await ProfileChecks.open(watched, await profiles(['guix-initrd']));
    const [status] = checks.evaluate();
    assert.ok(status);
    assert.deepEqual(explained, [], 'evaluation asked kconfig nothing');
    const storage = status.entries.findIndex((entry) => entry.entry.written === 'usb-storage');
    assert.deepEqual([status.entries[storage]?.verdict, status.entries[storage]?.state, status.entries[storage]?.symbols], ['missing', 'n', ['USB_STORAGE']]);
    assert.equal(status.met, false);
    const blockers = await checks.blockers(0, storage);
    assert.deepEqual(explained, ['USB_STORAGE']);
    assert.equal(blockers[0]?.symbol, 'USB_STORAGE');
    assert.equal(blockers[0]?.reason.kind, 'dependencies');
    if (blockers[0]?.reason.kind === 'dependencies') assert.ok(blockers[0].reason.terms.some((term) => term.expr.startsWith('USB_SUPPORT ')));
  });

  it('says which profile a change breaks', async () => {
    await undoAll();
    const checks = await ProfileChecks.open(session, await profiles(['boot']));
    await checks.fix({ recommended: false, dryRun: false });
    const met = checks.evaluate();
    assert.equal(met[0]?.met, true);
    await session.set('BLK_DEV_NVME', 'n');
    const broken = checks.regressions(met);
    assert.deepEqual(
      broken.map((regression) => [regression.profile, regression.entries.map((entry) => entry.entry.written)]),
      [['boot', ['nvme']]],
    );
    await session.undo();
    assert.deepEqual(checks.regressions(met), []);
  });

  it('gives the verdicts on the values a config started with, beside those it has now', async () => {
    await undoAll();
    const started = new Map(session.model.symbols.map((symbol) => [symbol.name, session.value(symbol.name)]));
    await session.set('BLK_DEV_NVME', 'n');
    const checks = await ProfileChecks.open(session, await profiles(['boot']));
    assert.equal(checks.evaluate()[0]?.met, false);
    const before = checks.evaluateWith((name) => started.get(name))[0];
    assert.equal(before?.met, true, 'boot was met on the values before the change');
    assert.equal(before?.entries.find((entry) => entry.entry.written === 'nvme')?.state, 'y');
  });

  it('plans one fix for every unmet required entry, applies it as one undoable step, and undo puts every value back', async () => {
    await undoAll();
    const checks = await ProfileChecks.open(session, await profiles(['guix-initrd']));
    const before = checks.evaluate();
    const targets = checks.targets({ recommended: false });
    assert.ok(
      targets.targets.some(
        (target) => target.name === 'SCSI_ISCI' && target.value === 'm' && target.level === 'required' && target.entries[0]?.entry === 'isci',
      ),
    );
    const steps = session.history.length;
    const planned = await checks.planFix({ recommended: false });
    assert.equal(session.history.length, steps, 'planning changes nothing');
    assert.equal(session.value('SCSI_ISCI'), 'n');
    assert.equal(planned.plan.targets.length, planned.targets.length, 'one verdict per target asked');
    assert.ok(planned.summary.lines.some((line) => line.name === 'SCSI_ISCI' && line.to === 'm' && line.group === 'target'));
    assert.ok(
      planned.summary.lines.some((line) => line.group === 'needed'),
      'what the targets depend on comes with them',
    );
    const report = await checks.applyFix(planned);
    assert.equal(report.applied?.ok, true);
    assert.equal(session.history.length, steps + 1, 'one step');
    assert.equal(session.value('SCSI_ISCI'), 'm');
    for (const line of planned.summary.lines) assert.equal(session.value(line.name), line.to, `CONFIG_${line.name} as planned`);
    assert.equal(report.after[0]?.met, true);
    assert.deepEqual(report.unmet, []);
    await session.undo();
    assert.deepEqual(
      checks.evaluate().map((status) => status.entries.map((entry) => entry.state)),
      before.map((status) => status.entries.map((entry) => entry.state)),
    );
  });

  it('a dry run leaves the session as it was', async () => {
    await undoAll();
    const checks = await ProfileChecks.open(session, await profiles(['guix-initrd']));
    const steps = session.history.length;
    const report = await checks.fix({ recommended: false, dryRun: true });
    assert.equal(report.dryRun, true);
    assert.equal(report.applied, null);
    assert.ok(report.fix.plan.changes.length > 0);
    assert.equal(session.history.length, steps);
    assert.equal(session.value('SCSI_ISCI'), 'n');
  });

  it("names what a fix cannot reach with the fix engine's blocker, under the entry that needs it", async () => {
    await undoAll();
    const profile = join(workDir, 'compile-test.profile');
    await writeFile(profile, 'description: a driver for another architecture\nCONFIG_RAVB y/m required -- Renesas Ethernet AVB\n');
    const checks = await ProfileChecks.open(session, await profiles([profile]));
    const report = await checks.fix({ recommended: false, dryRun: true });
    const [unmet] = report.unmet;
    assert.equal(unmet?.status.entry.written, 'CONFIG_RAVB');
    assert.equal(unmet?.refused[0]?.name, 'RAVB');
    assert.equal(unmet?.refused[0]?.blocker.kind, 'undefined');
    assert.match(unmet?.refused[0]?.why ?? '', /^not on this architecture: it needs ARCH_RENESAS/);
  });

  it('without an initrd, wants the root path built in: a module there is in the wrong state', async () => {
    await undoAll();
    await session.set('DM_CRYPT', 'm');
    const checks = await ProfileChecks.open(session, await profiles(['boot'], false));
    const status = checks.evaluate()[0]!;
    const crypt = status.entries.find((entry) => entry.entry.written === 'dm_crypt');
    assert.deepEqual([crypt?.entry.want, crypt?.state, crypt?.verdict], ['y', 'm', 'wrong-state']);
    assert.ok(
      status.entries.some((entry) => entry.entry.written === 'CONFIG_DM_INIT' && entry.entry.level === 'required'),
      'root on device-mapper without an initrd needs dm-mod.create=',
    );
    assert.ok(checks.targets({ recommended: false }).targets.some((target) => target.name === 'DM_CRYPT' && target.value === 'y'));
  });
});
