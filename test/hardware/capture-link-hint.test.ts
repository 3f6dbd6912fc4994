import assert from 'node:assert/strict';
import { cp, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { InputRejectedError } from '../../src/engine/files/input-error.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { withTempDir } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';

// F17 of FINDINGS.md: for a planted link in a capture from another machine, "replace the link with the
// file it points to" would copy this machine's file (/etc/shadow) into the capture.
test('a link in a capture is refused with the advice to record the capture again, not to copy what it points to', async () => {
  await withTempDir('capture-link', async (dir) => {
    const capture = join(dir, 'capture');
    await cp(fixture('laptop'), capture, { recursive: true });
    await rm(join(capture, 'mounts.txt'));
    await symlink('/etc/passwd', join(capture, 'mounts.txt'));
    const passwd = await readFile('/etc/passwd', 'utf8');
    await assert.rejects(readCapture(capture), (error: unknown) => {
      assert.ok(error instanceof InputRejectedError);
      assert.equal(error.problem, 'symlink');
      assert.match(error.message, /mounts\.txt is a symbolic link/);
      assert.equal(error.hint, 'a capture holds plain files only: record it again with tuxconf capture');
      assert.ok(!error.message.includes(passwd.split('\n')[0]!), 'nothing of the linked file is shown');
      return true;
    });
  });
});
