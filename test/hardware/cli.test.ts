/** tuxconf suggest / trim / capture as a user runs them (in-process), on Debian 6.12's cloud config. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INPUT_NAMES } from '../../src/features/hardware/hardware-inputs.js';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { trimCommand } from '../../src/cli/commands/trim.js';
import { debianConfig, kernelTree, lineIn, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { fixture, runCommand } from './support/run-command.js';

const CLOUD = (): string => debianConfig('6.12', 'amd64_none_cloud-amd64');

describe('tuxconf suggest', () => {
  it('prints JSON with name, value, current and reasons for a captured machine', async () => {
    await withTempDir('suggest-json', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const result = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--hw-from', fixture('server'), '--json']);
      assert.equal(result.exitCode, 0, result.stderr);
      const report = JSON.parse(result.stdout) as {
        inputs: { name: string; ok: boolean }[];
        suggestions: { name: string; value: string; current: string; reasons: string[]; requires: { name: string; to: string }[] }[];
        outOfTree: { module: string }[];
      };
      assert.deepEqual(
        report.inputs.map((input) => input.name),
        [...INPUT_NAMES],
      );
      const raid = report.suggestions.find((entry) => entry.name === 'MEGARAID_SAS');
      assert.deepEqual([raid?.value, raid?.current], ['y', 'n']);
      const line = lineIn(kernelTree('6.12'), 'drivers/scsi/megaraid/Makefile', (text) => text.startsWith('obj-$(CONFIG_MEGARAID_SAS)'));
      assert.match(
        raid?.reasons[0] ?? '',
        new RegExp(
          `^root file system xfs on /dev/mapper/vg0-root -> .* -> drivers/scsi/megaraid/Makefile:${line}: obj-\\$\\(CONFIG_MEGARAID_SAS\\)\\s+\\+= megaraid_sas\\.o`,
        ),
      );
      assert.deepEqual(
        raid?.requires.map((requirement) => `${requirement.name}=${requirement.to}`),
        ['SCSI=y'],
      );
      assert.ok(report.suggestions.every((entry) => !entry.name.startsWith('CONFIG_')));
      assert.ok(report.outOfTree.some((module) => module.module === 'nvidia'));
    });
  });

  it('applies the suggestions as one step and saves, with --apply', async () => {
    await withTempDir('suggest-apply', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const result = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--hw-from', fixture('vm'), '--apply']);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stdout, /CONFIG_VIRTIO_BLK=y {2}\(now m\) {2}Virtio block driver {2}\[root file system path\]/);
      assert.match(result.stdout, /failed {2}lspci-nnk {7}.*lspci is not installed \(Debian: pciutils\)/);
      assert.match(result.stderr, /Applied (\d+) of \1 suggestions as one fix/);
      assert.doesNotMatch(result.stderr, /turning CONFIG_MODULES on/, 'the cloud config has modules');
      const saved = await readFile(join(out, '.config'), 'utf8');
      assert.match(saved, /^CONFIG_VIRTIO_BLK=y$/m);
      assert.match(saved, /^CONFIG_INPUT_PCSPKR=m$/m);
      assert.match(saved, /^CONFIG_INPUT_MISC=y$/m);
    });
  });

  it('with --apply --builtin on an empty config, builds the drivers in and leaves MODULES off', async () => {
    await withTempDir('suggest-builtin', async (dir) => {
      const out = await outputDirWith(dir, 'out', '');
      const result = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--hw-from', fixture('microvm'), '--apply', '--builtin']);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.doesNotMatch(result.stderr, /turning CONFIG_MODULES on/);
      assert.match(result.stderr, /Applied (\d+) of \1 suggestions as one fix/);
      const saved = await readFile(join(out, '.config'), 'utf8');
      assert.match(saved, /^# CONFIG_MODULES is not set$/m);
      assert.doesNotMatch(saved, /=m$/m);
      assert.match(saved, /^CONFIG_VIRTIO_NET=y$/m);
    });
  });

  it('names bad input clearly and changes nothing', async () => {
    await withTempDir('suggest-bad', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const before = await readFile(join(out, '.config'), 'utf8');
      const missing = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--hw-from', join(dir, 'nope')]);
      assert.equal(missing.exitCode, 1);
      assert.match(missing.stderr, /nope is not a capture directory\nhint: record one on the target machine with `tuxconf capture DIR`/);
      const empty = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--hw-from', dir]);
      assert.match(empty.stderr, /holds none of the files tuxconf capture writes/);
      const lsmod = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--lsmod', join(dir, 'lsmod.txt')]);
      assert.equal(lsmod.exitCode, 1);
      assert.match(lsmod.stderr, /cannot read .*lsmod\.txt: no such file/);
      const usage = await runCommand(suggestCommand, ['--frobnicate']);
      assert.equal(usage.exitCode, 2);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), before);
    });
  });
});

describe('tuxconf trim', () => {
  it('shows the plan with --dry-run and saves nothing; --keep keeps by glob and by Kconfig path', async () => {
    await withTempDir('trim-dry', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const before = await readFile(join(out, '.config'), 'utf8');
      const result = await runCommand(trimCommand, [
        '-C',
        kernelTree('6.12'),
        '-O',
        out,
        '--hw-from',
        fixture('vm'),
        '--dry-run',
        '--keep',
        'NF_TABLES*',
        '--keep',
        'drivers/hid/',
      ]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stdout, /^Trim: would turn off \d+ module symbols, kept \d+\.$/m);
      assert.match(result.stdout, /^ {2}keep CONFIG_VIRTIO_NET: builds module virtio_net \(drivers\/net\/Makefile:\d+\)$/m);
      assert.match(result.stdout, /^ {2}keep CONFIG_NF_TABLES: keep-list pattern NF_TABLES\*$/m);
      assert.match(result.stdout, /^ {2}keep CONFIG_HID_MULTITOUCH: keep-list pattern drivers\/hid\/$/m);
      assert.match(result.stdout, /^ {2}also CONFIG_IKCONFIG=m /m);
      assert.match(result.stdout, /^module joydev did not have configs CONFIG_INPUT_JOYDEV/m);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), before);
    });
  });
});
