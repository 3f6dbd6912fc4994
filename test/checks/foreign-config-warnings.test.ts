import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

// F12 of FINDINGS.md: a gzip config holding a config twice gave 9,500 warnings naming a deleted temporary file.
test('6.12: check --config of a gzip file holding the config twice names that file with its lines, shows 5 override warnings and counts the rest', async () => {
  await withTempDir('foreign-warnings', async (dir) => {
    const config = debianConfig('6.12');
    const out = await outputDirWith(dir, 'out', config);
    const multi = join(dir, 'multi.gz');
    await writeFile(multi, Buffer.concat([gzipSync(config), gzipSync(config)]));
    const result = await runTuxconf(['-C', kernelTree('6.12'), '-O', out, '--config', multi, 'check', 'containers'], {
      env: { TUXCONF_CACHE_DIR: join(dir, 'cache') },
    });
    assert.equal(result.exitCode, 0, result.stderr);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning') || line.includes('second time'));
    const lineCount = config.split('\n').length - 1;
    const assignments = config.split('\n').filter((line) => /^(CONFIG_\w+=|# CONFIG_\w+ is not set$)/.test(line)).length;
    const firstSymbol = /^CONFIG_(\w+)=/m.exec(config)!;
    const firstLine = config.slice(0, firstSymbol.index).split('\n').length;
    assert.equal(warnings[0], `${multi}:${lineCount + firstLine}:warning: override: reassigning to symbol ${firstSymbol[1]}`);
    assert.equal(warnings.length, 6, result.stderr.slice(0, 3000));
    assert.ok(warnings.slice(0, 5).every((line) => line.startsWith(`${multi}:`)));
    assert.equal(warnings[5], `${multi}: ${assignments - 5} more symbols set a second time (the later value is the one read)`);
    assert.doesNotMatch(result.stderr, /tuxconf-session|step\.config|tuxconf-check-/);
  });
});
