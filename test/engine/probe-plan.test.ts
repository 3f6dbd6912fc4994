import assert from 'node:assert/strict';
import { chmod, lstat, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { sealedPlan } from './support/sealed-files.js';

// The probe plan: the distinct $(shell ...) commands the last parse asked for, kept in the output
// directory, run ahead by the next parse while it goes on. What a parse gets must not change with
// it (whatever the plan holds), and a plan that is not the user's own file is not run at all.

/** The commands of a plan the frontend wrote. */
function commandsOf(plan: Buffer): string[] {
  const text = plan.toString('utf8');
  assert.match(text.slice(0, text.indexOf('\n')), /^tuxconf-probe-plan 1 \d+ [0-9a-f]{16}$/);
  const commands: string[] = [];
  let at = text.indexOf('\n') + 1;
  while (at < text.length) {
    const head = text.indexOf('\n', at);
    const length = Number(text.slice(at, head).split(' ')[0]);
    commands.push(text.slice(head + 1, head + 1 + length));
    at = head + 1 + length + 1;
  }
  return commands;
}

const planFile = (out: string): string => join(out, 'scripts/kconfig/.tuxconf-probe-plan');

/** Runs `tuxconf dump --json` on `out` with a cache directory of its own (empty: every probe runs, none is memoized yet). */
async function dumpWithEmptyCache(version: KernelVersion, out: string, cache: string): Promise<string> {
  const result = await runTuxconf(['-C', kernelTree(version), '-O', out, 'dump', '--json'], { env: { TUXCONF_CACHE_DIR: cache } });
  assert.equal(result.exitCode, 0, result.stderr);
  return result.stdout;
}

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  test(`${version}: a parse that runs its probes ahead from the plan (right, partial, or with commands it never asks for) shows the menu of one without`, async () => {
    await withTempDir(`probe-plan-${version}`, async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig(version));
      const oracle = await runTuxconf(['-C', kernelTree(version), '-O', out, 'dump', '--json', '--no-cache'], {
        env: { TUXCONF_CACHE_DIR: join(dir, 'cache-0') },
      });
      assert.equal(oracle.exitCode, 0, oracle.stderr);
      assert.ok(JSON.parse(oracle.stdout).length > 1000, 'a real menu');

      assert.equal(await dumpWithEmptyCache(version, out, join(dir, 'cache-1')), oracle.stdout);
      assert.equal((await stat(planFile(out))).mode & 0o777, 0o600, 'the plan is private to the user');
      const plan = await readFile(planFile(out));
      const commands = commandsOf(plan);
      assert.ok(
        commands.some((command) => command.includes('scripts/cc-version.sh')),
        'the plan holds the compiler version probe',
      );
      assert.equal(new Set(commands).size, commands.length, 'each command once');

      assert.equal(await dumpWithEmptyCache(version, out, join(dir, 'cache-2')), oracle.stdout, 'the plan as written');
      assert.deepEqual(await readFile(planFile(out)), plan, 'the same commands: not rewritten');

      // Half the plan, in reverse, after a command the parse never asks for: it runs ahead, is
      // dropped, and the plan is rewritten with what the parse asked for.
      const marker = join(dir, 'ran-ahead');
      await writeFile(planFile(out), sealedPlan([`touch ${marker}`, ...commands.slice(commands.length >> 1).reverse()]), { mode: 0o600 });
      assert.equal(await dumpWithEmptyCache(version, out, join(dir, 'cache-3')), oracle.stdout, 'a partial plan in another order');
      assert.ok((await stat(marker)).isFile(), 'the planned command ran');
      assert.deepEqual(commandsOf(await readFile(planFile(out))), commands, 'rewritten with the commands asked for');
    });
  });
}

test('6.12: a probe plan that is a link or writable by others is not run; the parse equals one without a plan and the plan is written anew', async () => {
  await withTempDir('probe-plan-hostile', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const truth = await dumpWithEmptyCache('6.12', out, join(dir, 'cache-1'));
    const commands = commandsOf(await readFile(planFile(out)));

    const linkMarker = join(dir, 'ran-from-link');
    const elsewhere = join(dir, 'elsewhere');
    await writeFile(elsewhere, sealedPlan([`touch ${linkMarker}`, ...commands]), { mode: 0o600 });
    await rm(planFile(out));
    await symlink(elsewhere, planFile(out));
    assert.equal(await dumpWithEmptyCache('6.12', out, join(dir, 'cache-2')), truth);
    await assert.rejects(lstat(linkMarker), { code: 'ENOENT' }, 'a linked plan is not run');
    assert.ok((await lstat(planFile(out))).isFile(), 'the link is replaced by a file');
    assert.deepEqual(commandsOf(await readFile(elsewhere)), [`touch ${linkMarker}`, ...commands], 'its target untouched');

    const writableMarker = join(dir, 'ran-from-writable');
    await writeFile(planFile(out), sealedPlan([`touch ${writableMarker}`, ...commands]));
    await chmod(planFile(out), 0o666);
    assert.equal(await dumpWithEmptyCache('6.12', out, join(dir, 'cache-3')), truth);
    await assert.rejects(lstat(writableMarker), { code: 'ENOENT' }, 'a plan others can write is not run');
    assert.deepEqual(commandsOf(await readFile(planFile(out))), commands);
  });
});
