import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputRejectedError } from '../../src/engine/files/input-error.js';
import { readBounded } from '../../src/engine/files/read-bounded.js';
import { replaceFile } from '../../src/engine/files/write-atomic.js';
import { withTempDir } from '../support/kernel-trees.js';

test('a file written in parts holds the parts one after the other, and the same parts again are "unchanged"', async () => {
  await withTempDir('files-parts', async (dir) => {
    const path = join(dir, 'entry');
    const parts = [Buffer.from('head\n'), randomBytes(300_000), new Uint8Array(0), Buffer.from('tail')];
    assert.deepEqual(await replaceFile(path, parts, { what: 'test file' }), { written: true, oldKept: false });
    assert.deepEqual(await readFile(path), Buffer.concat(parts));
    assert.deepEqual(await replaceFile(path, parts, { what: 'test file', skipIfSame: true }), { written: false, reason: 'unchanged' });
    assert.deepEqual((await replaceFile(path, [Buffer.from('other')], { what: 'test file', skipIfSame: true })).written, true);
    assert.equal(await readFile(path, 'utf8'), 'other');
  });
});

test('a bounded read gives back every byte of a file of any size up to its limit, of a pseudo-file, and refuses a larger one', async () => {
  await withTempDir('files-read', async (dir) => {
    for (const size of [0, 1, 4095, 65_536, 3_000_001]) {
      const path = join(dir, `file-${size}`);
      const bytes = randomBytes(size);
      await writeFile(path, bytes);
      assert.deepEqual(await readBounded(path, { maxBytes: 4 << 20, what: 'test file' }), bytes, `${size} bytes`);
      if (size > 0) {
        await assert.rejects(
          readBounded(path, { maxBytes: size - 1, what: 'test file' }),
          (error: unknown) => error instanceof InputRejectedError && error.problem === 'too-large',
        );
      }
    }
    const status = await readBounded('/proc/self/status', { maxBytes: 1 << 20, what: 'status', pseudoFile: true });
    assert.match(status.toString('utf8'), /^Name:.*\n[\s\S]*VmRSS:/);
  });
});
