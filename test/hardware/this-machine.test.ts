/**
 * Machines read through the same code that reads the running one, from recorded roots (a laptop,
 * a server, a VM without lspci, a microVM without module support: fixtures/hardware/NAME laid out as
 * /proc, /sys, /lib/modules and the tools' output), and one run on whatever machine this is that
 * asserts only what holds everywhere.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { captureCommand } from '../../src/cli/commands/capture.js';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { openSession } from '../../src/engine/open-session.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { describeReport } from '../../src/features/hardware/describe-report.js';
import { gatherLocalInputs } from '../../src/features/hardware/gather-local-inputs.js';
import { INPUT_NAMES, inputState } from '../../src/features/hardware/hardware-inputs.js';
import { computeSuggestions } from '../../src/features/hardware/suggestions.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { captureOf, type RecordedMachine, withRecordedRoot } from '../support/machine-root.js';
import { runCommand } from './support/run-command.js';

describe('a recorded root reads as its capture', () => {
  for (const machine of ['laptop', 'server', 'vm', 'microvm'] as RecordedMachine[]) {
    it(`${machine}: every input, its text, warnings and failure, and the kernel release`, async () => {
      const capture = await readCapture(captureOf(machine));
      await withRecordedRoot(machine, async (root) => {
        const inputs = await gatherLocalInputs({ root });
        assert.equal(inputs.kernelRelease, capture.kernelRelease);
        for (const name of INPUT_NAMES) {
          const read = inputs.inputs[name];
          const recorded = capture.inputs[name];
          assert.equal(inputState(read), inputState(recorded), `${name}: ${read.ok ? 'read' : read.error}`);
          if (read.ok && recorded.ok) {
            assert.equal(read.text, recorded.text, `${name}: the same text`);
            assert.deepEqual(read.warnings, recorded.warnings, `${name}: the same warnings`);
          } else if (!read.ok && !recorded.ok && !existsSync(`${recorded.source}.error`)) {
            // Recorded before tuxconf read this input (consoles): the root does not have it either.
            assert.equal(read.error, 'no such file or directory', `${name}: absent, as from the capture`);
          } else if (!read.ok && !recorded.ok) {
            assert.equal(`failed on the captured machine: ${read.source}: ${read.error}`, recorded.error, `${name}: the same failure`);
          }
        }
      });
    });
  }
});

describe('a machine without module support (the recorded microVM)', () => {
  it('reads what it can and says which inputs failed and why', async () => {
    await withRecordedRoot('microvm', async (root) => {
      const inputs = await gatherLocalInputs({ root });
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
  });

  it('suggests from the rest, reporting the lsmod failure; the virtio devices are recognised', async () => {
    await withTempDir('microvm', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
      const session = await openSession({ tree: kernelTree('6.12'), output: out });
      try {
        await withRecordedRoot('microvm', async (root) => {
          const report = await computeSuggestions(session, await gatherLocalInputs({ root }));
          const text = describeReport(report);
          assert.match(text, /^ {2}failed {2}lsmod +lsmod: exit 1: Error: could not get list of modules: No such file or directory$/m);
          assert.match(text, /note: no list of loaded modules \(lsmod and \/proc\/modules both failed\)/);
          assert.ok(
            report.satisfied.some((want) => want.name === 'VIRTIO_PCI'),
            'the virtio devices lspci and sysfs show are recognised',
          );
        });
      } finally {
        await session.close();
      }
    });
  });
});

describe('the recorded laptop and server: suggestions from their roots are those of their captures', () => {
  it('gives the same suggestions, satisfied wants and out-of-tree modules', async () => {
    await withTempDir('roots', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
      const session = await openSession({ tree: kernelTree('6.12'), output: out });
      try {
        for (const machine of ['laptop', 'server'] as const) {
          const fromCapture = await computeSuggestions(session, await readCapture(captureOf(machine)));
          const fromRoot = await withRecordedRoot(machine, async (root) => computeSuggestions(session, await gatherLocalInputs({ root })));
          const names = (report: typeof fromRoot) => ({
            suggestions: report.suggestions.map((entry) => `${entry.name}=${entry.value}`),
            satisfied: report.satisfied.map((entry) => entry.name),
            outOfTree: report.outOfTree.map((entry) => entry.module),
          });
          assert.deepEqual(names(fromRoot), names(fromCapture), machine);
          assert.ok(fromRoot.suggestions.length > 10, `${machine}: a real machine's worth of suggestions`);
        }
      } finally {
        await session.close();
      }
    });
  });
});

describe('this machine, whatever it is', () => {
  it('reads every input or says why not, and a capture of it replays to the same suggestions', async () => {
    await withTempDir('this-machine', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
      const tree = kernelTree('6.12');
      const live = await runCommand(suggestCommand, ['-C', tree, '-O', out, '--json']);
      assert.equal(live.exitCode, 0, live.stderr);
      const report = JSON.parse(live.stdout) as {
        inputs: { name: string; state: string; detail: string }[];
        suggestions: { name: string }[];
        satisfied: { name: string }[];
      };
      assert.deepEqual(
        report.inputs.map((input) => input.name),
        [...INPUT_NAMES],
      );
      for (const input of report.inputs) {
        assert.ok(input.state === 'read' || input.state === 'failed', `${input.name} is read or failed on the live machine, never skipped`);
        if (input.state === 'failed') assert.ok(input.detail.length > 0, `${input.name} says why it failed`);
      }

      const capture = `${dir}/capture`;
      const recorded = await runCommand(captureCommand, [capture]);
      assert.equal(recorded.exitCode, 0, recorded.stderr);
      assert.equal((await readdir(capture)).length >= INPUT_NAMES.length, true, 'one file per input (its text or its error)');
      const fromCapture = await runCommand(suggestCommand, ['-C', tree, '-O', out, '--hw-from', capture, '--json']);
      const again = JSON.parse(fromCapture.stdout) as typeof report;
      assert.deepEqual(
        again.suggestions.map((entry) => entry.name),
        report.suggestions.map((entry) => entry.name),
      );
      assert.deepEqual(
        again.satisfied.map((entry) => entry.name),
        report.satisfied.map((entry) => entry.name),
      );
    });
  });
});
