/**
 * The files a build writes into an output directory others may write too: the log and the
 * history are never written through a link planted there, and a hostile history (a link, a FIFO,
 * a huge or malformed file) costs only the estimate.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readFile, readlink, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { discoverKernelTree, type KernelTree } from '../../src/engine/kernel-tree.js';
import { historyKey, readBuildRecord, recordBuild } from '../../src/features/build/build-history.js';
import { runPlan } from '../../src/features/build/build-run.js';
import type { MakePlan } from '../../src/features/build/make-invocation.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';

const VICTIM = 'must not change\n';

function plan(command: string, args: string[]): MakePlan {
  return { command, args, env: { PATH: process.env.PATH ?? '' }, jobs: { jobs: 1, source: 'option' }, targets: [] };
}

async function treeIn(dir: string): Promise<KernelTree> {
  return discoverKernelTree({ tree: kernelTree('6.12'), output: join(dir, 'out'), arch: 'x86' });
}

describe('build log', () => {
  it('is created fresh: an old log is replaced, a link where it goes is refused and its target untouched', async () => {
    await withTempDir('build-log-link', async (dir) => {
      const victim = join(dir, 'victim');
      await writeFile(victim, VICTIM);
      await symlink(victim, join(dir, 'linked.log'));
      await assert.rejects(
        runPlan(plan('sh', ['-c', 'echo built']), await treeIn(dir), { logPath: join(dir, 'linked.log'), collectArtifacts: false }),
        /cannot write the build log .*linked\.log: it is a symbolic link, which tuxconf does not write through/,
      );
      await symlink(join(dir, 'created-through-link'), join(dir, 'dangling.log'));
      await assert.rejects(runPlan(plan('sh', ['-c', 'echo built']), await treeIn(dir), { logPath: join(dir, 'dangling.log'), collectArtifacts: false }), /symbolic link/);
      assert.equal(await readFile(victim, 'utf8'), VICTIM);
      assert.equal(await readlink(join(dir, 'linked.log')), victim);
      await assert.rejects(lstat(join(dir, 'created-through-link')), /ENOENT/);

      // A hard link to another file: the old log's name is replaced, the other file keeps its text.
      await writeFile(join(dir, 'old.log'), VICTIM);
      execFileSync('ln', [join(dir, 'old.log'), join(dir, 'hard-linked')]);
      const handle = await runPlan(plan('sh', ['-c', 'echo built']), await treeIn(dir), { logPath: join(dir, 'old.log'), collectArtifacts: false });
      assert.equal((await handle.result).status, 'succeeded');
      assert.equal(await readFile(join(dir, 'old.log'), 'utf8'), 'built\n');
      assert.equal(await readFile(join(dir, 'hard-linked'), 'utf8'), VICTIM);

      const devNull = await runPlan(plan('sh', ['-c', 'echo built']), await treeIn(dir), { logPath: '/dev/null', collectArtifacts: false });
      assert.equal((await devNull.result).status, 'succeeded', 'a device named directly is written as it is');
      assert.ok((await lstat('/dev/null')).isCharacterDevice());
    });
  });
});

describe('build history', () => {
  it('is replaced whole, never written through a link', async () => {
    await withTempDir('build-history-link', async (dir) => {
      const victim = join(dir, 'victim');
      await writeFile(victim, VICTIM);
      const path = join(dir, '.tuxconf-build-history.json');
      await symlink(victim, path);
      // And under the temporary name an older tuxconf used, which anyone could predict.
      await symlink(victim, `${path}.${process.pid}.tmp`);
      const record = { objects: 120, durationMs: 5000, finishedAt: '2026-01-01T00:00:00.000Z' };
      assert.equal(await recordBuild(path, historyKey([]), record), true);
      assert.equal(await readFile(victim, 'utf8'), VICTIM);
      assert.ok((await lstat(path)).isFile());
      assert.deepEqual(await readBuildRecord(path, historyKey([])), record);
    });
  });

  it('reads a FIFO, /dev/zero, a huge, malformed or poisoned history as no history, at once', async () => {
    await withTempDir('build-history-hostile', async (dir) => {
      const key = historyKey(['bzImage']);
      const fifo = join(dir, 'fifo.json');
      execFileSync('mkfifo', [fifo]);
      assert.equal(await readBuildRecord(fifo, key), undefined);
      const zero = join(dir, 'zero.json');
      await symlink('/dev/zero', zero);
      assert.equal(await readBuildRecord(zero, key), undefined);
      const huge = join(dir, 'huge.json');
      await writeFile(huge, '{"version":1,"builds":{}}');
      await truncate(huge, 64 << 20);
      assert.equal(await readBuildRecord(huge, key), undefined);
      const nested = join(dir, 'nested.json');
      await writeFile(nested, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      assert.equal(await readBuildRecord(nested, key), undefined);
      const poisoned = join(dir, 'poisoned.json');
      await writeFile(poisoned, JSON.stringify({ version: 1, builds: { [key]: { objects: 'many', durationMs: -1, finishedAt: 3 }, __proto__: { objects: 1, durationMs: 1, finishedAt: 'x' } } }));
      assert.equal(await readBuildRecord(poisoned, key), undefined, 'a record of the wrong shape is not used');
      await mkdir(join(dir, 'directory.json'));
      assert.equal(await readBuildRecord(join(dir, 'directory.json'), key), undefined);
      assert.equal(await recordBuild(poisoned, '__proto__', { objects: 5, durationMs: 10, finishedAt: 'now' }), true);
      assert.deepEqual(await readBuildRecord(poisoned, '__proto__'), { objects: 5, durationMs: 10, finishedAt: 'now' });
      assert.equal(({} as Record<string, unknown>).objects, undefined, 'no prototype was changed');
    });
  });
});
