/**
 * A machine described by its lsmod output alone (`--lsmod FILE`, as localmodconfig's LSMOD=):
 * the inputs not asked for are said to be so, not "failed"; trim on an empty config says what
 * it writes (IKCONFIG built in, modules being off); the loaded modules no symbol of the tree
 * builds (VirtualBox's, NVIDIA's) are named as modules the trim cannot keep.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { INPUT_NAMES } from '../../src/features/hardware/hardware-inputs.js';
import { trimCommand } from '../../src/cli/commands/trim.js';
import { readConfigAssignments } from '../../src/model/config-text.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { fixture, runCommand } from './support/run-command.js';

describe('--lsmod FILE alone', () => {
  it('lists the other inputs as not asked for, none as failed, in text and JSON', async () => {
    await withTempDir('lsmod-only', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
      const lsmod = join(fixture('laptop'), 'lsmod.txt');
      const text = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--lsmod', lsmod]);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.match(text.stdout, /^ {2}ok {6}lsmod {2}/m);
      assert.doesNotMatch(text.stdout, /^ {2}failed /m, 'nothing failed: the other inputs were not asked for');
      assert.match(text.stdout, /^ {2}not asked for: proc-modules \(--lsmod .*lsmod\.txt lists the loaded modules\)$/m);
      // Every other input, in the order tuxconf reads them (INPUT_NAMES).
      const others = INPUT_NAMES.filter((name) => name !== 'lsmod' && name !== 'proc-modules');
      assert.ok(
        text.stdout.split('\n').some((line) => line.startsWith(`  not asked for: ${others.join(', ')} (`)),
        'the other inputs, not asked for',
      );
      assert.doesNotMatch(text.stdout, /no modules\.alias/, 'an input not asked for is no limitation to note');

      const json = await runCommand(suggestCommand, ['-C', kernelTree('6.12'), '-O', out, '--lsmod', lsmod, '--json']);
      const report = JSON.parse(json.stdout) as { inputs: { name: string; state: string }[] };
      assert.deepEqual(
        report.inputs.map((input) => `${input.name}:${input.state}`),
        ['lsmod:read', ...report.inputs.slice(1).map((input) => `${input.name}:not-asked`)],
      );
    });
  });
});

describe('tuxconf trim --lsmod on an empty config (MODULES off)', () => {
  it('says IKCONFIG=y, writes IKCONFIG=y, and names the modules it cannot keep', async () => {
    await withTempDir('trim-empty', async (dir) => {
      const out = await outputDirWith(dir, 'out', '');
      const result = await runCommand(trimCommand, ['-C', kernelTree('6.12'), '-O', out, '--lsmod', join(fixture('laptop'), 'lsmod.txt')]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stdout, /^ {2}also CONFIG_IKCONFIG=y \(.*built in, as modules are off\)$/m);
      assert.doesNotMatch(result.stdout, /CONFIG_IKCONFIG=m/);
      const written = readConfigAssignments(await readFile(join(out, '.config'), 'utf8'));
      assert.equal(written.get('MODULES'), null, 'the config has no module support');
      assert.equal(written.get('IKCONFIG'), 'y', 'what the trim said is what it wrote');
      for (const module of ['vboxdrv', 'vboxnetadp', 'vboxnetflt']) assert.match(result.stdout, new RegExp(`^cannot keep module ${module}: `, 'm'));
    });
  });

  it('asks for IKCONFIG=m where modules are on, as localmodconfig does', async () => {
    await withTempDir('trim-modules', async (dir) => {
      const out = await outputDirWith(
        dir,
        'out',
        debianConfig('6.12', 'amd64_none_cloud-amd64').replace(/^CONFIG_IKCONFIG=.*$/m, '# CONFIG_IKCONFIG is not set'),
      );
      const result = await runCommand(trimCommand, ['-C', kernelTree('6.12'), '-O', out, '--lsmod', join(fixture('server'), 'lsmod.txt'), '--dry-run']);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.match(result.stdout, /^ {2}also CONFIG_IKCONFIG=m \(as localmodconfig does: the kernel keeps its config for the next trim\)$/m);
      for (const module of ['nvidia', 'nvidia_drm', 'nvidia_modeset', 'nvidia_uvm'])
        assert.match(result.stdout, new RegExp(`^cannot keep module ${module}: `, 'm'));
    });
  });
});
