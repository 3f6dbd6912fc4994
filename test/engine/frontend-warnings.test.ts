import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { FRONTEND_SOURCE, frontendCompileFlags } from '../../src/engine/frontend-build.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';

// Users' builds compile with -Wall -Wextra and no -Werror (a new compiler's new warning must not
// stop them); here the same flags plus -Werror make any warning in the frontend a failing test.
for (const version of ['6.1', '6.12'] as const) {
  for (const sanitize of [false, true]) {
    test(`the frontend compiles with -Wall -Wextra -Werror against ${version}'s headers${sanitize ? ' (sanitizer build)' : ''}`, async () => {
      await withTempDir('warnings', async (dir) => {
        const flags = await frontendCompileFlags({ source: kernelTree(version), objDir: join(dir, 'out') }, sanitize);
        assert.ok(flags.includes('-Wall') && flags.includes('-Wextra'));
        const result = await execa('gcc', [...flags, '-Werror', '-c', '-o', join(dir, 'frontend.o'), FRONTEND_SOURCE], { reject: false });
        assert.equal(result.stderr, '');
        assert.equal(result.exitCode, 0);
      });
    });
  }
}
