import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { FrontendExitedError, FrontendProcess } from '../../src/engine/frontend-process.js';
import { withTempDir } from '../support/kernel-trees.js';
import { frontendLaunch } from './frontend-harness.js';

// Not in the sanitizer run (test/support/run-sanitized.ts): AddressSanitizer reserves terabytes of
// address space and reports an exhausted allocator itself instead of letting malloc() return NULL.
for (const version of ['6.1', '6.12'] as const) {
  test(`a failed allocation ends the frontend with a clear message and exit status 1, and the session sees it die (${version})`, async () => {
    await withTempDir('memory', async (dir) => {
      const frontend = await FrontendProcess.start(await frontendLaunch(version, join(dir, 'out')));
      try {
        const status = await readFile(`/proc/${frontend.pid}/status`, 'utf8');
        const sizeKiB = Number(status.match(/^VmSize:\s+(\d+) kB$/m)?.[1]);
        assert.ok(sizeKiB > 0, status);
        // 4 MiB more address space than it holds now; the request needs 12 MiB to be read.
        execFileSync('prlimit', [`--pid=${frontend.pid}`, `--as=${(sizeKiB + 4096) * 1024}`]);
        const error = await frontend.request({ op: 'explain', name: 'A'.repeat(12 << 20) }).then(
          () => assert.fail('the request was answered'),
          (reason: unknown) => reason,
        );
        assert.ok(error instanceof FrontendExitedError, String(error));
        assert.equal(error.message, 'exit status 1');
        assert.match(error.details.join('\n'), /^tuxconf-kconfig: out of memory \(allocating \d+ bytes\)$/m);
        assert.equal(frontend.alive, false);
      } finally {
        frontend.kill();
      }
    });
  });
}
