/**
 * Suggestions for three recorded machines against Debian 6.12's cloud-amd64 config (which lacks
 * most hardware drivers), evaluated by the tree's own kconfig.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { applySuggestionFix, fixSelection, planSuggestionFix } from '../../src/features/hardware/suggestion-targets.js';
import { planPageLines } from '../../src/ui/panes/hardware/lines.js';
import { acceptMessage } from '../../src/ui/panes/hardware/use-hardware-work.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { formatChain } from '../../src/features/hardware/reason-chain.js';
import { computeSuggestions, type HardwareReport, type Suggestion } from '../../src/features/hardware/suggestions.js';
import { debianConfig, kernelTree, lineIn, outputDirWith } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';

let workDir = '';
let session: Session;
const reports = new Map<string, HardwareReport>();

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-hardware-'));
  const output = await outputDirWith(workDir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
  session = await openSession({ tree: kernelTree('6.12'), output });
  for (const machine of ['laptop', 'server', 'vm'] as const) {
    reports.set(machine, await computeSuggestions(session, await readCapture(fixture(machine))));
  }
});

// Each test starts from the config as loaded, whatever an earlier one did or failed to undo.
beforeEach(async () => {
  while (await session.undo());
});

after(async () => {
  await session?.close();
  await rm(workDir, { recursive: true, force: true });
});

function suggestion(machine: string, name: string): Suggestion {
  const found = reports.get(machine)?.suggestions.find((candidate) => candidate.name === name);
  assert.ok(found, `${machine} suggests ${name}`);
  return found;
}

const requirements = (entry: Suggestion): string[] => entry.requires.map((requirement) => `${requirement.name}=${requirement.to}`);

describe('laptop on the cloud config', () => {
  it('suggests the Ethernet driver with the whole reason chain', () => {
    const e1000e = suggestion('laptop', 'E1000E');
    const makefile = 'drivers/net/ethernet/intel/e1000e/Makefile';
    const line = lineIn(kernelTree('6.12'), makefile, (text) => text.startsWith('obj-$(CONFIG_E1000E)'));
    assert.equal(e1000e.value, 'm');
    assert.equal(e1000e.current, 'n');
    assert.equal(e1000e.prompt, 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support');
    assert.equal(e1000e.possibleNow, true);
    assert.deepEqual(
      e1000e.reasons.map(formatChain),
      [
        '00:1f.6 Ethernet controller: Intel Corporation Ethernet Connection (4) I219-V [8086:15d8] -> driver in use: e1000e -> ' +
          `module e1000e (sysfs driver/module) -> ${makefile}:${line}: obj-$(CONFIG_E1000E) += e1000e.o -> ` +
          'running kernel: CONFIG_E1000E=m -> CONFIG_E1000E',
        `loaded module e1000e (lsmod) -> ${makefile}:${line}: obj-$(CONFIG_E1000E) += e1000e.o -> ` +
          'running kernel: CONFIG_E1000E=m -> CONFIG_E1000E',
      ],
    );
    assert.deepEqual(e1000e.reasons[0]?.map((link) => link.kind), ['device', 'driver', 'module', 'makefile', 'running-kernel', 'symbol']);
  });

  it('says what else must change, dependencies first', () => {
    assert.deepEqual(requirements(suggestion('laptop', 'IWLWIFI')), ['WLAN=y', 'WLAN_VENDOR_INTEL=y', 'WIRELESS=y', 'CFG80211=m']);
    assert.deepEqual(requirements(suggestion('laptop', 'INPUT_PCSPKR')), ['INPUT_MISC=y']);
    assert.deepEqual(requirements(suggestion('laptop', 'SND_HDA_INTEL')), ['SOUND=m', 'SND=m', 'SND_PCI=y']);
    assert.match(suggestion('laptop', 'IWLWIFI').requires[0]?.because ?? '', /^IWLWIFI depends on WLAN \[=n\]$/);
  });

  it('wants y for the root file system storage path and keeps m elsewhere', () => {
    const crypt = suggestion('laptop', 'DM_CRYPT');
    assert.deepEqual([crypt.value, crypt.current, crypt.rootPath], ['y', 'm', true]);
    assert.deepEqual(requirements(crypt), ['BLK_DEV_DM=y']);
    assert.match(formatChain(crypt.reasons[0]!), /^root file system ext4 on \/dev\/mapper\/t480--vg-root -> block device dm-1 -> block device dm-0 -> dm-crypt mapping/);
    const dm = suggestion('laptop', 'BLK_DEV_DM');
    assert.deepEqual([dm.value, dm.rootPath], ['y', true]);
    assert.ok(reports.get('laptop')!.satisfied.some((want) => want.name === 'BLK_DEV_NVME' && want.current === 'y'));
    assert.ok(reports.get('laptop')!.satisfied.some((want) => want.name === 'EXT4_FS' && want.current === 'y'));
  });

  it('marks promptless symbols and alternatives, and reports out-of-tree modules', () => {
    const xhci = suggestion('laptop', 'USB_XHCI_PCI');
    assert.equal(xhci.settable, false);
    assert.match(xhci.unresolved[0] ?? '', /no prompt: it follows its default once .*USB_XHCI_HCD/);
    assert.equal(suggestion('laptop', 'BT_INTEL_PCIE').alternative, true, 'btintel is also built by BT_INTEL, listed first');
    assert.equal(suggestion('laptop', 'BT_INTEL').alternative, false);
    const report = reports.get('laptop')!;
    assert.deepEqual(report.outOfTree.map((module) => module.module).sort(), ['vboxdrv', 'vboxnetadp', 'vboxnetflt']);
    assert.match(report.outOfTree[0]?.why ?? '', /provided outside the kernel tree/);
    assert.ok(!report.suggestions.some((entry) => entry.modules.some((module) => module.startsWith('vbox'))));
  });

  it('accepts all as one undoable step: one fix, promptless ones reached through what selects them', async () => {
    const selection = fixSelection(reports.get('laptop')!.suggestions);
    assert.ok(selection.every((entry) => !entry.alternative));
    assert.ok(selection.some((entry) => entry.name === 'BT_MTK' && !entry.settable), 'a promptless one, made possible by the option that selects it');
    assert.equal(suggestion('laptop', 'BT_MTK').requires.at(-1)?.name, 'BT_HCIBTUSB_MTK');
    assert.equal(suggestion('laptop', 'SND_HWDEP').requires.at(-1)?.name, 'SND_HDA_HWDEP');
    const steps = session.history.length;
    const planned = await planSuggestionFix(session, selection, 'modules');
    assert.equal(session.history.length, steps, 'planning changes nothing');
    assert.deepEqual(planned.impossible, []);
    assert.equal(planned.turnsModulesOn, false, 'the cloud config has modules');
    const rank: Record<string, number> = { n: 0, m: 1, y: 2 };
    const lowering = planned.plan.changes.filter((change) => (rank[change.to] ?? 0) < (rank[change.from] ?? 0));
    assert.deepEqual(lowering, [], 'accepting hardware only adds: nothing the config has is lowered');
    const kept = ['INPUT', 'VT', 'EXPERT'].map((name) => session.value(name));
    const result = await applySuggestionFix(session, { ...planned, label: 'hardware: laptop' });
    assert.deepEqual([result.applied, result.failure], [true, []]);
    assert.deepEqual(result.holding, selection.map((entry) => entry.name));
    assert.equal(session.history.length, steps + 1);
    assert.equal(session.history.at(-1), 'hardware: laptop');
    assert.deepEqual(['INPUT', 'VT', 'EXPERT'].map((name) => session.value(name)), kept);
    for (const [name, value] of [['E1000E', 'm'], ['IWLWIFI', 'm'], ['DM_CRYPT', 'y'], ['BLK_DEV_DM', 'y'], ['INPUT_PCSPKR', 'm'], ['USB_XHCI_PCI', 'm']]) {
      assert.equal(session.value(name!), value, name);
    }
    const after = await computeSuggestions(session, await readCapture(fixture('laptop')));
    assert.deepEqual(after.suggestions.filter((entry) => !entry.alternative).map((entry) => entry.name), [], 'nothing left to suggest');
    assert.equal(await session.undo(), true);
    assert.equal(session.value('E1000E'), 'n');
    assert.equal(session.value('DM_CRYPT'), 'm');
  });

  it('suggests y for modules when the configuration has no module support', async () => {
    const outcome = await session.set('MODULES', 'n');
    assert.ok(outcome.ok);
    try {
      const report = await computeSuggestions(session, await readCapture(fixture('laptop')));
      assert.equal(report.suggestions.find((entry) => entry.name === 'E1000E')?.value, 'y');
    } finally {
      await session.undo();
    }
    assert.equal(session.value('MODULES'), 'y');
  });
});

describe('a suggestion that cannot be had, on the cloud config', () => {
  it('is named with what blocks it (BROKEN), in the plan, on the diff and in the status line; the rest is still fixed', async () => {
    const e1000e = suggestion('laptop', 'E1000E');
    // IWLMEI depends on BROKEN in 6.12: an Intel laptop's ME link that no kernel builds.
    const iwlmei: Suggestion = { ...e1000e, name: 'IWLMEI', prompt: 'Intel Management Engine communication over WLAN', modules: ['iwlmei'] };
    const steps = session.history.length;
    const planned = await planSuggestionFix(session, [e1000e, iwlmei], 'modules');
    assert.deepEqual(
      planned.impossible.map((item) => `${item.name}=${item.value}`),
      ['IWLMEI=m'],
    );
    assert.match(planned.impossible[0]!.why, /depends on BROKEN/);
    assert.ok(planned.plan.changes.some((change) => change.name === 'E1000E' && change.to === 'm'));
    const diff = planPageLines({ kind: 'ready', planned, config: session.state }, session.model, 200).map((line) => line.map((part) => part.text).join(''));
    assert.ok(diff.some((line) => /^CONFIG_IWLMEI=m cannot be had: it depends on BROKEN/.test(line)), diff.join('\n'));
    const result = await applySuggestionFix(session, planned);
    assert.deepEqual([result.applied, result.holding], [true, ['E1000E']]);
    assert.equal(session.history.length, steps + 1);
    const message = acceptMessage(planned, result);
    assert.equal(message.tone, 'error');
    assert.match(message.text, /^Applied 1 of 2 suggestions \(\d+ values changed; u undoes it\); cannot have IWLMEI=m: it depends on BROKEN/);
    assert.equal(await session.undo(), true);
  });
});

describe('server on the cloud config', () => {
  it('builds the RAID controller in for the root file system, says SCSI must be y, and leaves nvidia alone', () => {
    const raid = suggestion('server', 'MEGARAID_SAS');
    assert.deepEqual([raid.value, raid.current, raid.rootPath], ['y', 'n', true]);
    assert.deepEqual(requirements(raid), ['SCSI=y']);
    assert.deepEqual([suggestion('server', 'XFS_FS').value, suggestion('server', 'XFS_FS').current], ['y', 'm']);
    assert.equal(suggestion('server', 'I40E').value, 'm');
    assert.equal(suggestion('server', 'TIGON3').value, 'm');
    const report = reports.get('server')!;
    assert.deepEqual(report.outOfTree.map((module) => module.module).sort(), ['nvidia', 'nvidia_drm', 'nvidia_modeset', 'nvidia_uvm']);
    assert.ok(!report.suggestions.some((entry) => /NOUVEAU/.test(entry.name)), 'the GPU is driven by nvidia: no guess');
  });
});

describe('VM on the cloud config', () => {
  it('reports that lspci was missing there and still finds the virtio disk for the root file system', () => {
    const report = reports.get('vm')!;
    const lspci = report.inputs.find((input) => input.name === 'lspci-nnk')!;
    assert.equal(lspci.ok, false);
    assert.match(lspci.detail, /lspci is not installed/);
    const disk = suggestion('vm', 'VIRTIO_BLK');
    assert.deepEqual([disk.value, disk.current, disk.rootPath], ['y', 'm', true]);
    assert.match(formatChain(disk.reasons[0]!), /^root file system ext4 on \/dev\/vda1 -> block device vda1 -> virtio device virtio1 -> driver in use: virtio_blk/);
    assert.ok(report.satisfied.some((want) => want.name === 'VIRTIO_NET'));
  });
});
