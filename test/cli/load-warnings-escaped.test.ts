/**
 * The kernel's warnings while reading a .config quote its lines ("unexpected data: ..."): text
 * from the file, which may hold escape sequences. Every command prints them escaped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe("the kernel's warnings about a config's lines", () => {
  it('reach the terminal escaped: a line that sets the title and clears the screen does neither', async () => {
    await withTempDir('load-warnings', async (dir) => {
      const out = await outputDirWith(dir, 'out', `${debianConfig('6.12')}\u001b]0;PWNED\u0007\u001b[2J\n`);
      const result = await runTuxconf(['get', 'CONFIG_EXT4_FS', '-C', kernelTree('6.12'), '-O', out]);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.equal(result.stdout, 'CONFIG_EXT4_FS=m\n');
      assert.match(result.stderr, /\.config:\d+:warning: unexpected data: \\e\]0;PWNED\\x07\\e\[2J$/m);
      assert.doesNotMatch(result.stderr, RAW_CONTROL);
    });
  });
});
