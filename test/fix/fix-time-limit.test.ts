import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FixTargetOutcome } from '../../src/engine/protocol.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F3 of FINDINGS.md: when the search runs out of time, the targets are reported once with what to do,
// and --time-limit gives the search the time it needs.
const TARGETS = ['WERROR', 'LOCALVERSION_AUTO', 'WATCH_QUEUE', 'GENERIC_IRQ_DEBUGFS', 'CONTEXT_TRACKING_USER_FORCE'];

test('6.12: enable --time-limit 0 reports the timed-out targets in one line with the way forward and changes nothing; a longer limit plans them', async () => {
  await withTempDir('fix-time-limit', async (dir) => {
    const config = debianConfig('6.12');
    const out = await outputDirWith(dir, 'out', config);
    const run = (...args: string[]) =>
      runTuxconf(['-C', kernelTree('6.12'), '-O', out, 'enable', ...TARGETS, ...args], { env: { TUXCONF_CACHE_DIR: join(dir, 'cache') } });

    const starved = await run('--time-limit', '0');
    assert.equal(starved.exitCode, 1, starved.stderr);
    assert.deepEqual(
      starved.stderr.split('\n').filter((line) => line.includes('out of time')),
      [
        `tuxconf: the search ran out of time for 5 targets (${TARGETS.map((name) => `CONFIG_${name}`).join(', ')}): give fewer targets at a time, or more time with --time-limit SECONDS`,
      ],
    );
    assert.doesNotMatch(starved.stderr, /^tuxconf: CONFIG_\w+=y: /m, 'no line per target');
    assert.equal(await readFile(join(out, '.config'), 'utf8'), config, 'nothing saved');

    const json = await run('--time-limit', '0', '--json');
    assert.deepEqual(
      (JSON.parse(json.stdout) as { targets: FixTargetOutcome[] }).targets.map((target) => [target.name, target.status, target.blocker?.kind]),
      TARGETS.map((name) => [name, 'impossible', 'timeout']),
    );

    const given = await run('--time-limit', '120', '--dry-run', '--json');
    assert.equal(given.exitCode, 0, given.stderr);
    const planned = (JSON.parse(given.stdout) as { targets: FixTargetOutcome[] }).targets;
    assert.deepEqual(
      planned.map((target) => [target.name, target.status]),
      TARGETS.map((name) => [name, 'fixable']),
    );
    assert.equal(await readFile(join(out, '.config'), 'utf8'), config, 'a dry run');

    for (const bad of ['-1', 'abc', '3601', '1e3', '']) {
      const refused = await run(`--time-limit=${bad}`);
      assert.equal(refused.exitCode, 2, `--time-limit=${bad}: ${refused.stderr}`);
    }
  });
});
