/**
 * This machine, end to end: a microVM kernel without module support (no /proc/modules, lsmod
 * fails, no /lib/modules), lspci and sysfs working. The failures are reported, never fatal.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { captureCommand } from '../../src/cli/commands/capture.js';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { gatherLocalInputs } from '../../src/features/hardware/gather-local-inputs.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runCommand } from './support/run-command.js';

describe('this machine', () => {
  it('reads what it can and says which inputs failed and why', async () => {
    assert.equal(existsSync('/proc/modules'), false, 'this test describes a kernel without module support');
    const inputs = await gatherLocalInputs();
    const lsmod = inputs.inputs.lsmod;
    assert.equal(lsmod.ok, false);
    assert.match(lsmod.ok ? '' : lsmod.error, /^exit 1: Error: could not get list of modules: No such file or directory$/);
    assert.deepEqual(inputs.inputs['proc-modules'].ok ? null : inputs.inputs['proc-modules'].error, 'no such file or directory');
    assert.equal(inputs.inputs['modules-alias'].ok, false);
    const lspci = inputs.inputs['lspci-nnk'];
    assert.equal(lspci.ok, true);
    assert.ok(lspci.ok && lspci.warnings.some((warning) => /Unable to load libkmod resources/.test(warning)));
    assert.ok(lspci.ok && /\[1af4:10/.test(lspci.text), 'virtio devices are listed');
    assert.equal(inputs.inputs['sysfs-devices'].ok, true);
    assert.equal(inputs.inputs['kernel-config'].ok && inputs.inputs['kernel-config'].source, '/proc/config.gz');
  });

  it('suggests from the rest, reporting the lsmod failure; a capture replays to the same result', async () => {
    await withTempDir('this-machine', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
      const tree = kernelTree('6.12');
      const text = await runCommand(suggestCommand, ['-C', tree, '-O', out]);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.match(text.stdout, /^ {2}failed {2}lsmod +lsmod: exit 1: Error: could not get list of modules: No such file or directory$/m);
      assert.match(text.stdout, /note: no list of loaded modules \(lsmod and \/proc\/modules both failed\)/);

      const local = await runCommand(suggestCommand, ['-C', tree, '-O', out, '--json']);
      const report = JSON.parse(local.stdout) as { suggestions: { name: string; rootPath: boolean }[]; satisfied: { name: string }[] };
      assert.ok(report.satisfied.some((want) => want.name === 'VIRTIO_PCI'), 'the virtio devices lspci and sysfs show are recognised');

      const capture = `${dir}/capture`;
      const recorded = await runCommand(captureCommand, [capture]);
      assert.equal(recorded.exitCode, 0, recorded.stderr);
      assert.match(recorded.stdout, /failed {2}lsmod/);
      const files = await readdir(capture);
      assert.ok(files.includes('lsmod.txt.error') && files.includes('lspci-nnk.txt') && files.includes('sysfs-devices.tsv'));
      const replayed = await readCapture(capture);
      assert.equal(replayed.inputs.lsmod.ok, false);
      const fromCapture = await runCommand(suggestCommand, ['-C', tree, '-O', out, '--hw-from', capture, '--json']);
      const again = JSON.parse(fromCapture.stdout) as typeof report;
      assert.deepEqual(again.suggestions.map((entry) => entry.name), report.suggestions.map((entry) => entry.name));
      assert.deepEqual(again.satisfied.map((entry) => entry.name), report.satisfied.map((entry) => entry.name));
    });
  });
});
