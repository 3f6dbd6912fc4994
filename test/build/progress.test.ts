import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { historyKey, readBuildRecord, recordBuild } from '../../src/features/build/build-history.js';
import { formatCommand, formatDuration, formatProgressLine } from '../../src/features/build/build-summary.js';
import { estimateRemaining, ProgressTracker } from '../../src/features/build/progress.js';
import { withTempDir } from '../support/kernel-trees.js';

describe('progress', () => {
  it('measures the recent rate and estimates what remains from an earlier build', () => {
    const tracker = new ProgressTracker(0, { objects: 1000, durationMs: 100_000, finishedAt: '' });
    const first = tracker.sample(0, 0);
    assert.equal(first.estimate?.remainingMs, 100_000);
    const later = tracker.sample(20_000, 200);
    assert.equal(later.elapsedMs, 20_000);
    assert.equal(later.rate, 10);
    assert.equal(later.estimate?.fraction, 0.2);
    assert.equal(later.estimate?.remainingMs, 80_000);
    // The rate follows the last ten seconds, not the whole build.
    const faster = tracker.sample(30_000, 600);
    assert.equal(faster.rate, 40);
    assert.equal(faster.estimate?.remainingMs, 10_000);
  });

  it('has no estimate without an earlier build or once past its size', () => {
    assert.equal(estimateRemaining(10, 1, 1000, undefined), undefined);
    assert.equal(estimateRemaining(11, 1, 1000, { objects: 10, durationMs: 5, finishedAt: '' }), undefined);
    assert.equal(new ProgressTracker(0).sample(1000, 5).estimate, undefined);
  });

  it('prints one progress line with the jobs and the compiler wrapper', () => {
    const line = formatProgressLine({
      status: 'running',
      cancelling: false,
      progress: { elapsedMs: 65_000, objects: 300, rate: 12.5, estimate: { previousObjects: 600, previousDurationMs: 130_000, fraction: 0.5, remainingMs: 24_000 } },
      counts: { lines: 400, errors: 0, warnings: 1, objects: 300 },
      firstHeldLine: 0,
      logPath: '/tmp/log',
      jobs: { jobs: 8, source: 'distcc hosts' },
      wrapper: 'distcc',
    });
    assert.equal(line, '[1:05] · 300 objects (12.5/s) · ~0:24 left (50%) · -j8 for the distcc hosts · distcc · 1 warning, 0 errors');
    assert.equal(formatDuration(3_725_000), '1:02:05');
  });
});

describe('build history', () => {
  it('records successful builds, one per target list, keeping the full build over a small rebuild', async () => {
    await withTempDir('history', async (dir) => {
      const path = join(dir, 'history.json');
      const key = historyKey(['bzImage', 'modules']);
      assert.equal(await readBuildRecord(path, key), undefined);
      assert.equal(await recordBuild(path, key, { objects: 3000, durationMs: 600_000, finishedAt: 'a' }), true);
      assert.equal(await recordBuild(path, key, { objects: 12, durationMs: 9_000, finishedAt: 'b' }), false);
      assert.equal(await recordBuild(path, historyKey([]), { objects: 2900, durationMs: 500_000, finishedAt: 'c' }), true);
      assert.deepEqual(await readBuildRecord(path, key), { objects: 3000, durationMs: 600_000, finishedAt: 'a' });
      assert.equal((await readBuildRecord(path, '(default)'))?.objects, 2900);
      const stored = JSON.parse(await readFile(path, 'utf8')) as { builds: Record<string, unknown> };
      assert.deepEqual(Object.keys(stored.builds), [key, historyKey([])], 'one record per target list: the file holds nothing else');
      await writeFile(path, '{not json');
      assert.equal(await readBuildRecord(path, key), undefined);
      assert.equal(await recordBuild(path, key, { objects: 5, durationMs: 1, finishedAt: 'd' }), true);
    });
  });
});

describe('formatCommand', () => {
  it('quotes only what the shell needs quoted', () => {
    assert.equal(
      formatCommand(['make', '-C', '/src', 'O=/tmp/out dir', 'CC=distcc gcc', "KCFLAGS=-DX='1'", '-j4', '']),
      "make -C /src O='/tmp/out dir' CC='distcc gcc' KCFLAGS='-DX='\\''1'\\''' -j4 ''",
    );
  });
});
