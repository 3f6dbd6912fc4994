/**
 * A command writes only the config it was given: a gzip copy of /proc/config.gz is never edited
 * (the kernel would read its bytes as lines and a save would replace it with defaults), check
 * --fix never saves a config other than the one it checked, and options naming symbols name
 * symbols this tree has.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

const tree = kernelTree('6.12');

describe('files the user did not name stay as they are', () => {
  it('a gzip --config is refused by the commands that edit it, and left as it was', async () => {
    await withTempDir('gzip-config', async (dir) => {
      const gz = join(dir, 'config.gz');
      const bytes = gzipSync(debianConfig('6.12'));
      await writeFile(gz, bytes);
      for (const args of [
        ['get', 'EXT4_FS'],
        ['set', 'EXT4_FS=y'],
      ]) {
        const result = await runTuxconf(['-C', tree, '-O', join(dir, 'out'), '--config', gz, ...args]);
        assert.equal(result.exitCode, 1, result.stderr);
        assert.match(result.stderr, /config\.gz is gzip-compressed, not a \.config tuxconf can edit/);
        assert.match(result.stderr, /hint: decompress it into a file of its own \(zcat .*config\.gz > my\.config\)/);
        assert.ok((await readFile(gz)).equals(bytes), `${args[0]} left the gzip file as it was`);
      }
    });
  });

  it('check --fix of a gzip config is refused before anything is read or written; the output directory .config is untouched', async () => {
    await withTempDir('check-fix-gzip', async (dir) => {
      const text = debianConfig('6.12');
      const out = await outputDirWith(dir, 'out', text);
      const gz = join(dir, 'weak.gz');
      await writeFile(gz, gzipSync(text.replace(/^CONFIG_VETH=m$/m, '# CONFIG_VETH is not set')));
      const result = await runTuxconf(['-C', tree, '-O', out, '--config', gz, 'check', 'containers', '--fix']);
      assert.equal(result.exitCode, 2, result.stderr);
      assert.match(result.stderr, /--fix changes the config it saves, and .*weak\.gz is not one tuxconf writes/);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), text);
    });
  });

  it('--keep and --allow name symbols of this tree: a mistyped one is a usage error with the nearest names', async () => {
    await withTempDir('keep-names', async (dir) => {
      const text = debianConfig('6.12');
      const out = await outputDirWith(dir, 'out', text);
      const keep = await runTuxconf(['-C', tree, '-O', out, 'enable', 'EXT4_FS', '--keep', 'jbd2', '--dry-run']);
      assert.equal(keep.exitCode, 2, keep.stderr);
      assert.match(keep.stderr, /--keep jbd2: no symbol of that name in this tree \(did you mean JBD2/);
      const allow = await runTuxconf(['-C', tree, '-O', out, 'enable', 'EXT4_FS', '--allow', 'COMPILE_TST']);
      assert.equal(allow.exitCode, 2, allow.stderr);
      assert.match(allow.stderr, /--allow COMPILE_TST: no symbol of that name in this tree \(did you mean COMPILE_TEST/);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), text);
    });
  });
});
