/**
 * `tuxconf capture DIR` into a directory someone else could have prepared: every file is created
 * fresh or replaced whole, never written through a link planted there, never outside DIR.
 * Runs the real program on this machine (whatever its inputs give).
 */
import assert from 'node:assert/strict';
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CAPTURE_FILES, RELEASE_FILE } from '../../src/features/hardware/hardware-inputs.js';
import { withTempDir } from '../support/kernel-trees.js';
import { rawControls, runTuxconfTimed } from './support/run-tuxconf.js';

const VICTIM_TEXT = 'root-owned file: must not change\n';

/** Every name a capture may write: each input, its .error and .warnings, and uname-r.txt. */
function captureNames(): string[] {
  return [...Object.values(CAPTURE_FILES).flatMap((file) => [file, `${file}.error`, `${file}.warnings`]), RELEASE_FILE];
}

describe('tuxconf capture DIR', () => {
  it('replaces links planted under every name it writes instead of writing through them', async () => {
    await withTempDir('capture-links', async (dir) => {
      const capture = join(dir, 'box');
      await mkdir(capture);
      const victims = join(dir, 'victims');
      await mkdir(victims);
      for (const name of captureNames()) {
        if (name.endsWith('.warnings')) {
          // A dangling link must not create its target either.
          await symlink(join(dir, `created-${name}`), join(capture, name));
          continue;
        }
        await writeFile(join(victims, name), VICTIM_TEXT);
        await symlink(join(victims, name), join(capture, name));
      }
      const result = await runTuxconfTimed(['capture', capture]);
      assert.equal(result.timedOut, false);
      assert.ok(result.exitCode === 0 || result.exitCode === 1, result.stderr);
      assert.match(result.stdout, /Recorded \d+ files into /);
      for (const name of captureNames().filter((entry) => !entry.endsWith('.warnings'))) {
        assert.equal(await readFile(join(victims, name), 'utf8'), VICTIM_TEXT, `${name}'s link target is untouched`);
      }
      assert.deepEqual((await readdir(dir)).filter((entry) => entry.startsWith('created-')), [], 'no dangling link target was created');
      const left = await readdir(capture);
      for (const name of left.filter((entry) => captureNames().includes(entry))) {
        assert.ok((await lstat(join(capture, name))).isFile(), `${name} is a regular file now, not the planted link`);
      }
      // What a capture leaves is exactly one of NAME or NAME.error per input, with or without warnings.
      for (const file of Object.values(CAPTURE_FILES)) {
        assert.equal(Number(left.includes(file)) + Number(left.includes(`${file}.error`)), 1, `${file} or ${file}.error`);
      }
      assert.ok(left.includes(RELEASE_FILE));
    });
  });

  it('removes the stale files of an earlier capture, links included, without following them', async () => {
    await withTempDir('capture-stale', async (dir) => {
      const capture = join(dir, 'box');
      const first = await runTuxconfTimed(['capture', capture]);
      assert.equal(first.timedOut, false);
      const written = await readdir(capture);
      const victim = join(dir, 'victim');
      await writeFile(victim, VICTIM_TEXT);
      // The opposite outcome of each input, as an earlier capture on another machine could leave it.
      for (const file of Object.values(CAPTURE_FILES)) {
        const stale = written.includes(file) ? `${file}.error` : file;
        await symlink(victim, join(capture, stale));
        if (!written.includes(`${file}.warnings`)) await symlink(victim, join(capture, `${file}.warnings`));
      }
      const second = await runTuxconfTimed(['capture', capture]);
      assert.equal(second.timedOut, false);
      assert.equal(await readFile(victim, 'utf8'), VICTIM_TEXT);
      assert.deepEqual((await readdir(capture)).sort(), written.sort(), 'the second capture leaves what the first wrote');
      for (const name of await readdir(capture)) assert.ok((await lstat(join(capture, name))).isFile(), name);
    });
  });

  it('refuses a DIR that is a link, a file, or holds a directory where a file goes; output is escaped', async () => {
    await withTempDir('capture-refuse', async (dir) => {
      const target = join(dir, 'elsewhere');
      await mkdir(target);
      await symlink(target, join(dir, 'link'));
      const link = await runTuxconfTimed(['capture', join(dir, 'link')]);
      assert.equal(link.exitCode, 1);
      assert.match(link.stderr, /capture directory .*link is a symbolic link/);
      assert.deepEqual(await readdir(target), [], 'nothing was written where the link points');

      await writeFile(join(dir, 'plain'), 'a file\n');
      const file = await runTuxconfTimed(['capture', join(dir, 'plain')]);
      assert.equal(file.exitCode, 1);
      assert.match(file.stderr, /plain is not a directory/);
      assert.equal(await readFile(join(dir, 'plain'), 'utf8'), 'a file\n');

      const box = join(dir, 'box');
      await mkdir(join(box, 'mounts.txt'), { recursive: true });
      const blocked = await runTuxconfTimed(['capture', box]);
      assert.equal(blocked.exitCode, 1);
      assert.match(blocked.stderr, /mounts\.txt: it is a directory/);

      const escaped = join(dir, 'esc\x1b[31mape');
      const shown = await runTuxconfTimed(['capture', escaped]);
      assert.deepEqual(rawControls(`${shown.stdout}${shown.stderr}`), []);
      assert.match(shown.stdout, /esc\\e\[31mape/);
      for (const result of [link, file, blocked]) assert.doesNotMatch(result.stderr, /^\s+at /m);
    });
  });
});
