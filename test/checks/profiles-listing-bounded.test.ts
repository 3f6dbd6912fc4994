import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F11 of FINDINGS.md: a broken profile file of 60,000 lines printed 60,000 messages.
test('tuxconf profiles names at most 20 issues of a broken file and counts the rest, per file; the good profiles are still listed', async () => {
  await withTempDir('profiles-bounded', async (dir) => {
    const profiles = join(dir, 'xdg', 'tuxconf', 'profiles');
    await mkdir(profiles, { recursive: true });
    const many = Array.from({ length: 60_000 }, (_, index) => `CONFIG_X${index}=y`);
    await writeFile(join(profiles, 'many.profile'), `profile: many\n${many.join('\n')}\n`);
    await writeFile(join(profiles, 'two.profile'), 'bad line\nworse line\n');
    const result = await runTuxconf(['profiles'], { env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /^containers /m, 'the shipped profiles are listed');
    const lines = result.stderr.trimEnd().split('\n');
    const ofMany = lines.filter((line) => line.includes('many.profile'));
    assert.equal(ofMany.length, 21, result.stderr.slice(0, 2000));
    assert.match(ofMany[0]!, /many\.profile:2:1: /);
    assert.equal(ofMany[20], `tuxconf: ${join(profiles, 'many.profile')}: ... and 59980 more`);
    assert.deepEqual(
      lines.filter((line) => line.includes('two.profile')).map((line) => line.replace(/^.*two\.profile:/, '')),
      ["1:5: 'line' is not a wanted state: use y, y/m or n", "2:7: 'line' is not a wanted state: use y, y/m or n"],
    );
  });
});

// F9 of FINDINGS.md (the per-file message cap): the same bound for broken presets.
test('tuxconf presets names at most 20 issues of a broken preset file and counts the rest', async () => {
  await withTempDir('presets-bounded', async (dir) => {
    const presets = join(dir, 'xdg', 'tuxconf', 'presets');
    await mkdir(presets, { recursive: true });
    await writeFile(join(presets, 'many.config'), Array.from({ length: 30_000 }, (_, index) => `garbage line ${index}\n`).join(''));
    const out = await outputDirWith(dir, 'out', '');
    const result = await runTuxconf(['-C', kernelTree('6.12'), '-O', out, 'presets'], {
      env: { XDG_CONFIG_HOME: join(dir, 'xdg'), TUXCONF_CACHE_DIR: join(dir, 'cache') },
    });
    const ofMany = result.stderr.split('\n').filter((line) => line.includes('many.config'));
    assert.equal(ofMany.length, 21, result.stderr.slice(0, 2000));
    assert.match(ofMany[0]!, /many\.config:1: unexpected text 'garbage line 0'/);
    assert.equal(ofMany[20], `tuxconf: ${join(presets, 'many.config')}: ... and 29980 more`);
  });
});
