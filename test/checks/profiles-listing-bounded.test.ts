import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../support/kernel-trees.js';
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
