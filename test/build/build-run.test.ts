import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { discoverKernelTree, type KernelTree } from '../../src/engine/kernel-tree.js';
import { runPlan } from '../../src/features/build/build-run.js';
import type { MakePlan } from '../../src/features/build/make-invocation.js';
import { processGroupMembers } from '../../src/features/build/process-group.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';

// The handle's process handling, with small shell commands standing in for make's behaviours.
function plan(command: string, args: string[]): MakePlan {
  return { command, args, env: { PATH: process.env.PATH ?? '' }, jobs: { jobs: 1, source: 'option' }, targets: [] };
}

async function treeIn(dir: string): Promise<KernelTree> {
  return discoverKernelTree({ tree: kernelTree('6.12'), output: join(dir, 'out'), arch: 'x86' });
}

const live = (pgid: number): number => processGroupMembers(pgid).filter((member) => member.state !== 'Z').length;

describe('build handle', () => {
  it('reports a make that cannot be started, with what to install', async () => {
    await withTempDir('build-run', async (dir) => {
      const handle = await runPlan(plan('tuxconf-no-such-make', []), await treeIn(dir), { logPath: join(dir, 'log'), collectArtifacts: false });
      const result = await handle.result;
      assert.equal(result.status, 'failed');
      assert.equal(result.exitCode, null);
      assert.match(result.runError ?? '', /tuxconf-no-such-make is not installed/);
    });
  });

  it('leaves no survivor when the command exits but left a job running in its group', { timeout: 120_000 }, async () => {
    await withTempDir('build-run', async (dir) => {
      // The left-over job never ends by itself: the result arriving at all shows it did not hold the build open.
      const handle = await runPlan(plan('sh', ['-c', '(while :; do sleep 1; done) & echo started; exit 0']), await treeIn(dir), {
        logPath: join(dir, 'log'),
        collectArtifacts: false,
      });
      const pgid = handle.pid as number;
      const result = await handle.result;
      assert.equal(result.status, 'succeeded');
      assert.equal(result.termination?.killed, false);
      assert.equal(live(pgid), 0);
      assert.equal(await readFile(join(dir, 'log'), 'utf8'), 'started\n');
    });
  });

  it('escalates to SIGKILL after the grace period, and at once on a second cancel', { timeout: 120_000 }, async () => {
    await withTempDir('build-run', async (dir) => {
      const stubborn = "trap '' TERM; echo ready; while :; do sleep 0.05; done";
      const handle = await runPlan(plan('sh', ['-c', stubborn]), await treeIn(dir), { logPath: join(dir, 'log'), collectArtifacts: false, graceMs: 300 });
      await new Promise<void>((resolve) => handle.subscribe((update) => update.lines.length > 0 && resolve()));
      const result = await handle.cancel();
      assert.equal(result.status, 'cancelled');
      assert.equal(result.termination?.killed, true);
      assert.deepEqual(result.termination?.survivors, []);
      assert.equal(live(handle.pid as number), 0);

      // A grace period longer than the test may run: the second cancel ending at all shows it did not wait for it.
      const second = await runPlan(plan('sh', ['-c', stubborn]), await treeIn(dir), {
        logPath: join(dir, 'log2'),
        collectArtifacts: false,
        graceMs: 24 * 3600_000,
      });
      await new Promise<void>((resolve) => second.subscribe((update) => update.lines.length > 0 && resolve()));
      void second.cancel();
      const final = await second.cancel();
      assert.equal(final.status, 'cancelled');
      assert.equal(live(second.pid as number), 0);
    });
  });

  it('slows reading when its output falls behind, and still delivers every line', async () => {
    await withTempDir('build-run', async (dir) => {
      let received = '';
      let writes = 0;
      const slow = new Writable({
        highWaterMark: 1024,
        write(chunk: Buffer, _encoding, callback) {
          received += chunk.toString();
          writes += 1;
          setTimeout(callback, 2);
        },
      });
      const handle = await runPlan(plan('seq', ['1', '200000']), await treeIn(dir), { logPath: join(dir, 'log'), collectArtifacts: false, output: slow });
      const result = await handle.result;
      await new Promise<void>((resolve) => slow.end(resolve));
      assert.equal(result.counts.lines, 200_000);
      const expected = `${Array.from({ length: 200_000 }, (_, index) => index + 1).join('\n')}\n`;
      assert.equal(received, expected);
      assert.equal(await readFile(join(dir, 'log'), 'utf8'), expected);
      assert.ok(writes > 1);
    });
  });
});
