import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkCommand } from '../../src/cli/commands/check.js';
import { runCommand } from '../hardware/support/run-command.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';

// F17 of FINDINGS.md: `check $(yes containers | head -3000)` printed the same report 3,000 times.
test('6.12: check with a profile named many times, by name and qualified, checks it once', async () => {
  await withTempDir('check-repeated', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const env = { ...process.env, XDG_CONFIG_HOME: join(dir, 'xdg'), TUXCONF_CACHE_DIR: join(dir, 'cache') };
    const args = (...profiles: string[]) => [...profiles, '-C', kernelTree('6.12'), '-O', out, '--json'];
    const once = await runCommand(checkCommand, args('containers'), env);
    const repeated = await runCommand(checkCommand, args(...Array<string>(500).fill('containers'), 'shipped:containers', 'containers'), env);
    assert.equal(repeated.exitCode, once.exitCode, repeated.stderr);
    const entries = (output: string) => (JSON.parse(output) as { entries: { profile: string }[] }).entries;
    assert.ok(entries(once.stdout).length > 0);
    assert.deepEqual(entries(repeated.stdout), entries(once.stdout));
  });
});
