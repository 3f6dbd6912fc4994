import assert from 'node:assert/strict';
import { appendFile, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { InputRejectedError } from '../../src/engine/files/input-error.js';
import { readBounded, readBoundedIfExists } from '../../src/engine/files/read-bounded.js';
import { withTempDir } from '../support/kernel-trees.js';

test('a file of any size up to the limit is read whole, byte for byte; one byte more is refused as too large', async () => {
  await withTempDir('read-bounded', async (dir) => {
    const path = join(dir, 'file');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300_000 }), fc.integer({ min: 0, max: 300_000 }), async (bytes, maxBytes) => {
        await writeFile(path, bytes);
        const reading = readBounded(path, { maxBytes, what: 'test file' });
        if (bytes.length <= maxBytes) assert.ok(Buffer.from(bytes).equals(await reading));
        else await assert.rejects(reading, (error: unknown) => error instanceof InputRejectedError && /too large|larger/.test(error.message));
      }),
      { numRuns: 60 },
    );
    assert.equal(await readBoundedIfExists(join(dir, 'none'), { maxBytes: 10, what: 'test file' }), null);
  });
});

test('a file that grows while it is read is read to its end, and still refused past the limit', async () => {
  await withTempDir('read-bounded-grow', async (dir) => {
    const path = join(dir, 'log');
    await writeFile(path, 'a'.repeat(100_000));
    // Appended between the size check and the end of the read: the first read stops at the size seen.
    const handle = await open(path, 'a');
    const grown = (async () => {
      for (let k = 0; k < 20; k++) await handle.appendFile('b'.repeat(10_000));
    })();
    const read = await readBounded(path, { maxBytes: 1 << 20, what: 'test file' });
    await grown;
    await handle.close();
    assert.ok(read.length >= 100_000 && read.length <= 300_000);
    assert.equal(read.subarray(0, 100_000).toString(), 'a'.repeat(100_000));
    assert.match(read.subarray(100_000).toString(), /^b*$/);
    await appendFile(path, 'c');
    await assert.rejects(readBounded(path, { maxBytes: 300_000, what: 'test file' }), InputRejectedError);
  });
});

test('a /proc file (size 0 to stat) is read to its end', async () => {
  const bytes = await readBounded('/proc/self/status', { maxBytes: 1 << 20, what: 'status', pseudoFile: true });
  assert.match(bytes.toString(), /^Name:.*\n[\s\S]*VmRSS:/);
});
