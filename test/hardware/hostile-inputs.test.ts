/**
 * Hostile hardware inputs, through the real tuxconf program: FIFOs, devices, directories and huge
 * files where a file is expected, links planted in a capture directory, escape sequences in
 * captured text. Each is refused at once with a message naming the file, or shown escaped.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';
import { rawControls, runTuxconfTimed } from './support/run-tuxconf.js';

const TREE = (): string => kernelTree('6.12');
const CLOUD = (): string => debianConfig('6.12', 'amd64_none_cloud-amd64');
const SECRET = 'SECRET-TOKEN-4242';

/** A copy of the recorded VM capture that a test may change. */
async function captureCopy(dir: string, name = 'cap'): Promise<string> {
  const capture = join(dir, name);
  await cp(fixture('vm'), capture, { recursive: true });
  return capture;
}

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /^\s+at .*\(.*:\d+:\d+\)$/m, 'no stack trace');
  assert.doesNotMatch(text, /RangeError|TypeError|ERR_/, 'no internal error name');
}

describe('files named with --lsmod and --lspci', () => {
  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    await withTempDir('hostile-fifo', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const fifo = join(dir, 'lsmod.fifo');
      execFileSync('mkfifo', [fifo]);
      const result = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--lsmod', fifo], { timeoutMs: 60_000 });
      assert.equal(result.timedOut, false, 'tuxconf returned instead of blocking on the FIFO');
      assert.equal(result.exitCode, 1, result.stderr);
      assert.match(result.stderr, /lsmod output .*lsmod\.fifo is not a regular file \(a FIFO\)/);
      assert.match(result.stderr, /hint: name a regular file/);
      assertNoStackTrace(result.stderr);
    });
  });

  it('refuses /dev/zero and a directory instead of reading them', async () => {
    await withTempDir('hostile-devzero', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const lsmod = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--lsmod', '/dev/zero']);
      assert.equal(lsmod.timedOut, false);
      assert.equal(lsmod.exitCode, 1);
      assert.match(lsmod.stderr, /lsmod output \/dev\/zero is not a regular file \(a character device\)/);
      assertNoStackTrace(lsmod.stderr);
      const lspci = await runTuxconfTimed(['trim', '--dry-run', '-C', TREE(), '-O', out, '--lspci', '/dev/zero']);
      assert.equal(lspci.exitCode, 1);
      assert.match(lspci.stderr, /lspci output \/dev\/zero is not a regular file \(a character device\)/);
      const directory = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--lspci', dir]);
      assert.equal(directory.exitCode, 1);
      assert.match(directory.stderr, /lspci output .* is a directory/);
    });
  });
});

describe('a capture directory (--hw-from)', () => {
  it('follows no link planted in it: the file is named, said to be a link, and its target is not read', async () => {
    await withTempDir('hostile-links', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const secret = join(dir, 'secret');
      await writeFile(secret, `${SECRET}\n`);
      // Each capture file kind: an input, its warnings, its error, the kernel release.
      for (const file of ['lsmod.txt', 'mounts.txt.warnings', 'lspci-nnk.txt.error', 'uname-r.txt']) {
        const capture = await captureCopy(dir, `cap-${file}`);
        await rm(join(capture, file), { force: true });
        await symlink(secret, join(capture, file));
        for (const command of [['suggest'], ['trim', '--dry-run']]) {
          const result = await runTuxconfTimed([...command, '-C', TREE(), '-O', out, '--hw-from', capture]);
          assert.equal(result.exitCode, 1, `${command[0]} with ${file} as a link: ${result.stdout}`);
          assert.ok(result.stderr.includes(`${join(capture, file)} is a symbolic link, which tuxconf does not follow here`), result.stderr);
          assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), `the target of ${file} is not printed`);
          assertNoStackTrace(result.stderr);
        }
      }
      assert.equal(await readFile(join(out, '.config'), 'utf8'), CLOUD());
    });
  });

  it('refuses a FIFO, a device link, a directory and a huge file inside it, naming each', async () => {
    await withTempDir('hostile-kinds', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const fifoCapture = await captureCopy(dir, 'fifo');
      await rm(join(fifoCapture, 'mounts.txt'));
      execFileSync('mkfifo', [join(fifoCapture, 'mounts.txt')]);
      const fifo = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--hw-from', fifoCapture]);
      assert.equal(fifo.timedOut, false);
      assert.equal(fifo.exitCode, 1);
      assert.match(fifo.stderr, /mounts\.txt is not a regular file \(a FIFO\)/);

      const zeroCapture = await captureCopy(dir, 'zero');
      await rm(join(zeroCapture, 'modules.alias'));
      await symlink('/dev/zero', join(zeroCapture, 'modules.alias'));
      const zero = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--hw-from', zeroCapture]);
      assert.equal(zero.timedOut, false);
      assert.equal(zero.exitCode, 1);
      assert.match(zero.stderr, /modules\.alias is a symbolic link/);

      const dirCapture = await captureCopy(dir, 'dir');
      await rm(join(dirCapture, 'sysfs-devices.tsv'));
      await mkdir(join(dirCapture, 'sysfs-devices.tsv'));
      const directory = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--hw-from', dirCapture]);
      assert.equal(directory.exitCode, 1);
      assert.match(directory.stderr, /sysfs-devices\.tsv is a directory/);

      const hugeCapture = await captureCopy(dir, 'huge');
      await truncate(join(hugeCapture, 'modules.alias'), 17 << 20);
      const huge = await runTuxconfTimed(['suggest', '-C', TREE(), '-O', out, '--hw-from', hugeCapture]);
      assert.equal(huge.exitCode, 1);
      assert.match(huge.stderr, /modules\.alias is larger than 16 MiB/);
      for (const result of [fifo, zero, directory, huge]) assertNoStackTrace(result.stderr);
    });
  });

  it('shows escape sequences and bidi controls from captured text escaped, in text and in JSON', async () => {
    await withTempDir('hostile-escapes', async (dir) => {
      const out = await outputDirWith(dir, 'out', CLOUD());
      const capture = await captureCopy(dir);
      const evil = 'evil\x1b]0;owned\x07\x1b[2J\u009b31m\u202eexe';
      await writeFile(join(capture, 'uname-r.txt'), `6.12\x1b[31m-red\n`);
      const lsmod = await readFile(join(capture, 'lsmod.txt'), 'utf8');
      await writeFile(join(capture, 'lsmod.txt'), `${lsmod}${evil}  8192  0\n`);
      await writeFile(join(capture, 'lsmod.txt.warnings'), `lsmod: \x1b[1mwarning\x1b[0m\n`);
      await writeFile(join(capture, 'lspci-nnk.txt.error'), `lspci -nnk: \x1b]52;c;cm0gLXJmIH4=\x07 failed\n`);
      const mounts = await readFile(join(capture, 'mounts.txt'), 'utf8');
      await writeFile(join(capture, 'mounts.txt'), `${mounts}none /mnt/\x1b[8mhidden ${evil} rw 0 0\n`);
      const runs = [
        await runTuxconfTimed(['suggest', '--verbose', '-C', TREE(), '-O', out, '--hw-from', capture]),
        await runTuxconfTimed(['suggest', '--json', '-C', TREE(), '-O', out, '--hw-from', capture]),
        await runTuxconfTimed(['trim', '--dry-run', '--verbose', '-C', TREE(), '-O', out, '--hw-from', capture]),
      ];
      for (const result of runs) {
        assert.equal(result.exitCode, 0, result.stderr);
        assert.deepEqual(rawControls(result.stdout), [], 'stdout holds no raw control character');
        assert.deepEqual(rawControls(result.stderr), [], 'stderr holds no raw control character');
      }
      const [text, json] = runs as [typeof runs[0], typeof runs[0]];
      assert.match(text.stdout, /\(kernel 6\.12\\e\[31m-red\)/);
      assert.match(text.stdout, /evil\\e\]0;owned\\x07\\e\[2J\\x9b31m\\u202eexe/);
      assert.match(text.stdout, /lsmod: \\e\[1mwarning\\e\[0m/);
      const report = JSON.parse(json.stdout) as { kernelRelease: string; notInTree: { module: string }[] };
      assert.equal(report.kernelRelease, '6.12\x1b[31m-red', 'JSON carries the text itself, escaped as JSON');
      assert.ok(report.notInTree.some((module) => module.module === evil));
    });
  });
});
