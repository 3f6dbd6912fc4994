/**
 * An opening abandoned while the kernel's kconfig still parses the tree (the menu got a signal
 * during the load): the opening fails at once, and neither the frontend nor the session's
 * directory is left behind, whatever time the parse would have taken.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { descendants } from '../ui/support/process-tree.js';

const sessionDirs = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => name.startsWith('tuxconf-session-'));

/** Polls until `test` holds (the state of the directory, never a fixed pause). */
async function until(test: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; !(await test()); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('an opening abandoned while the tree is parsed', () => {
  it('fails, and leaves no frontend and no session directory', { timeout: 120_000 }, async () => {
    await withTempDir('abandon', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
      const tmp = await mkdtemp(join(tmpdir(), 'tuxconf-test-abandon-tmp-'));
      const savedTmp = process.env.TMPDIR;
      // The session's directory goes to $TMPDIR: a private one, to see it come and go.
      process.env.TMPDIR = tmp;
      try {
        const abandon = new AbortController();
        const opening = openSession({ tree: kernelTree('6.12'), output: out, noCache: true, signal: abandon.signal });
        opening.catch(() => undefined);
        await until(async () => (await sessionDirs(tmp)).length === 1, 'the session directory (the frontend is starting)');
        abandon.abort();
        await assert.rejects(opening);
        assert.deepEqual(
          descendants(process.pid).filter((entry) => entry.command.includes('tuxconf-kconfig')),
          [],
          'no kconfig frontend runs',
        );
        assert.deepEqual(await sessionDirs(tmp), [], 'the session directory is removed');
      } finally {
        if (savedTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = savedTmp;
        await rm(tmp, { recursive: true, force: true });
      }
    });
  });
});
