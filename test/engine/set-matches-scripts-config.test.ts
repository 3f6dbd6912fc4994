import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

const tree = kernelTree('6.12');

let baseOnce: Promise<string> | undefined;

/** x86_64_defconfig after olddefconfig: the common starting point (made once per file). */
function baseConfig(dir: string): Promise<string> {
  baseOnce ??= (async () => {
    const out = await outputDirWith(dir, 'base', await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
    kernelMake(tree, out, ['olddefconfig']);
    return readFile(join(out, '.config'), 'utf8');
  })();
  return baseOnce;
}

const cases: { what: string; request: string[]; scriptsConfig: string[] }[] = [
  { what: 'a tristate to m', request: ['E1000E=m'], scriptsConfig: ['--module', 'E1000E'] },
  { what: 'a tristate to n', request: ['CONFIG_E1000=n'], scriptsConfig: ['--disable', 'E1000'] },
  { what: 'a bool', request: ['PRINTK_TIME=n'], scriptsConfig: ['--disable', 'PRINTK_TIME'] },
  { what: 'an int', request: ['LOG_BUF_SHIFT=20'], scriptsConfig: ['--set-val', 'LOG_BUF_SHIFT', '20'] },
  { what: 'a string', request: ['LOCALVERSION=-tux'], scriptsConfig: ['--set-str', 'LOCALVERSION', '-tux'] },
  { what: 'a choice member', request: ['HZ_300=y'], scriptsConfig: ['--enable', 'HZ_300', '--disable', 'HZ_1000'] },
];

for (const { what, request, scriptsConfig } of cases) {
  test(`set ${what} equals scripts/config + make olddefconfig (6.12)`, async () => {
    await withTempDir('set', async (dir) => {
      const base = await baseConfig(dir);
      const oracle = await outputDirWith(dir, 'make', base);
      const ours = await outputDirWith(dir, 'tuxconf', base);
      execFileSync(join(tree, 'scripts/config'), ['--file', join(oracle, '.config'), ...scriptsConfig]);
      kernelMake(tree, oracle, ['olddefconfig']);
      const result = await runTuxconf(['-C', tree, '-O', ours, 'set', ...request]);
      assert.equal(result.exitCode, 0, result.stderr);
      const expected = await readFile(join(oracle, '.config'), 'utf8');
      assert.notEqual(expected, base, 'the change is a real change');
      assert.equal(await readFile(join(ours, '.config'), 'utf8'), expected);
      assert.match(result.stdout, /CONFIG_\w+: \S* -> \S*/);
    });
  });
}

async function assertRefusedUntouched(request: string, reason: RegExp): Promise<void> {
  await withTempDir('refuse', async (dir) => {
    const base = await baseConfig(dir);
    const ours = await outputDirWith(dir, 'tuxconf', base);
    const before = await stat(join(ours, '.config'));
    const result = await runTuxconf(['-C', tree, '-O', ours, 'set', 'E1000E=m', request]);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, reason);
    assert.match(result.stderr, /nothing changed/);
    assert.equal(await readFile(join(ours, '.config'), 'utf8'), base);
    assert.equal((await stat(join(ours, '.config'))).mtimeMs, before.mtimeMs);
  });
}

test('set of an invisible symbol is refused with the unmet dependency, and .config is untouched', async () => {
  // BTRFS_FS_POSIX_ACL depends on BTRFS_FS, which x86_64_defconfig leaves off.
  await assertRefusedUntouched('BTRFS_FS_POSIX_ACL=y', /CONFIG_BTRFS_FS_POSIX_ACL=y: unmet dependencies: BTRFS_FS \[=n\]/);
});

test('set of an out-of-range int is refused with the range, and .config is untouched', async () => {
  await assertRefusedUntouched('LOG_BUF_SHIFT=99', /CONFIG_LOG_BUF_SHIFT=99: out of range, allowed 12\.\.25/);
});

test('set of a symbol forced by select names the selecting symbols', async () => {
  // CRC32 is selected by many drivers that x86_64_defconfig builds in.
  await assertRefusedUntouched('CRC32=n', /CONFIG_CRC32=n: forced to y by select: \w+ \[=y\]/);
});

test('set of an unknown symbol is refused with suggestions', async () => {
  await assertRefusedUntouched('E1000F=m', /CONFIG_E1000F does not exist in this tree \(did you mean .*CONFIG_E1000E\b/);
});

test('set --dry-run prints the change and writes nothing', async () => {
  await withTempDir('dry', async (dir) => {
    const base = await baseConfig(dir);
    const ours = await outputDirWith(dir, 'tuxconf', base);
    const result = await runTuxconf(['-C', tree, '-O', ours, 'set', 'E1000E=m', '--dry-run']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(result.stdout, /CONFIG_E1000E: y -> m/);
    assert.equal(await readFile(join(ours, '.config'), 'utf8'), base);
  });
});

test('get prints values as .config lines, with or without CONFIG_', async () => {
  await withTempDir('get', async (dir) => {
    const base = await baseConfig(dir);
    const ours = await outputDirWith(dir, 'tuxconf', base);
    const result = await runTuxconf(['-C', tree, '-O', ours, 'get', 'E1000E', 'CONFIG_LOG_BUF_SHIFT', 'BTRFS_FS', 'LOCALVERSION']);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, 'CONFIG_E1000E=y\nCONFIG_LOG_BUF_SHIFT=18\n# CONFIG_BTRFS_FS is not set\nCONFIG_LOCALVERSION=""\n');
    const unknown = await runTuxconf(['-C', tree, '-O', ours, 'get', 'NO_SUCH_SYMBOL']);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /unknown symbol CONFIG_NO_SUCH_SYMBOL/);
  });
});
