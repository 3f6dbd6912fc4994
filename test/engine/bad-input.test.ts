import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf, TUXCONF_BIN } from '../support/run-cli.js';
import { treeFarm } from '../support/tree-farm.js';

const tree = kernelTree('6.12');

test('a directory that is not a kernel tree gets a clear message and exit 1', async () => {
  await withTempDir('notatree', async (dir) => {
    const result = await runTuxconf(['-C', dir, 'get', 'E1000E']);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /is not a kernel source tree/);
    assert.match(result.stderr, /give one with -C DIR/);
  });
});

/** A PATH with every program of the usual bin directories except `missing`. */
async function pathWithout(dir: string, missing: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  for (const source of ['/usr/local/bin', '/usr/bin', '/bin']) {
    for (const name of await readdir(source).catch(() => [] as string[])) {
      if (name === missing) continue;
      await symlink(join(source, name), join(bin, name)).catch(() => {});
    }
  }
  return bin;
}

for (const [tool, neededFor] of [
  ['flex', 'generating the Kconfig lexer'],
  ['bison', 'generating the Kconfig parser'],
  ['gcc', 'compiling the kconfig library'],
] as const) {
  test(`a missing ${tool} is named with the package to install, and nothing is written`, async () => {
    await withTempDir(`no-${tool}`, async (dir) => {
      const out = await outputDirWith(dir, 'out', 'CONFIG_E1000E=m\n');
      const env = { PATH: await pathWithout(dir, tool), TUXCONF_CACHE_DIR: join(dir, 'cache') };
      const result = await runTuxconf(['-C', tree, '-O', out, 'save'], { env });
      assert.equal(result.exitCode, 1);
      assert.match(result.stderr, new RegExp(`${tool} \\(${neededFor}[^)]*\\) not found`));
      assert.match(result.stderr, new RegExp(`sudo apt-get install ${tool}`));
      assert.equal(await readFile(join(out, '.config'), 'utf8'), 'CONFIG_E1000E=m\n');
    });
  });
}

test('a Kconfig syntax error is reported with the file:line the kernel gives', async () => {
  await withTempDir('syntax', async (dir) => {
    const farm = await treeFarm(tree, join(dir, 'tree'), ['init']);
    const kconfig = join(farm, 'init/Kconfig');
    const lines = (await readFile(kconfig, 'utf8')).split('\n');
    lines.splice(9, 0, 'config BROKEN_SYMBOL', '\tbool "broken"', '\tdepends on ((FOO');
    await writeFile(kconfig, lines.join('\n'));
    const oracle = await outputDirWith(dir, 'make', '');
    const make = spawnSync('make', ['-s', '-C', farm, `O=${oracle}`, 'ARCH=x86', 'olddefconfig'], { encoding: 'utf8' });
    const kernelError = make.stderr.split('\n').find((line) => /^init\/Kconfig:\d+: /.test(line));
    assert.ok(kernelError, make.stderr);
    const out = await outputDirWith(dir, 'out', '');
    const result = await runTuxconf(['-C', farm, '-O', out, 'get', 'E1000E']);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /the kernel's kconfig could not read Kconfig/);
    assert.ok(result.stderr.includes(kernelError), `${kernelError} in ${result.stderr}`);
  });
});

test('a .config with garbage lines: the kernel\'s warnings, the valid lines kept, exit 1', async () => {
  await withTempDir('garbage', async (dir) => {
    const defconfig = await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8');
    const garbage = `${defconfig}this line is garbage\nCONFIG_E1000E=perhaps\nCONFIG_NO_SUCH_THING=y\nCONFIG_LOG_BUF_SHIFT=20\n`;
    const oracle = await outputDirWith(dir, 'make', garbage);
    const ours = await outputDirWith(dir, 'tuxconf', garbage);
    const makeWarnings = kernelMakeStderr(tree, oracle);
    const result = await runTuxconf(['-C', tree, '-O', ours, 'save']);
    assert.equal(result.exitCode, 1, result.stderr);
    const expected = await readFile(join(oracle, '.config'), 'utf8');
    assert.match(expected, /^CONFIG_LOG_BUF_SHIFT=20$/m, 'valid lines after the garbage are kept');
    assert.equal(await readFile(join(ours, '.config'), 'utf8'), expected);
    assert.equal(await readFile(join(ours, '.config.old'), 'utf8'), garbage, 'the original is kept as .config.old');
    const ourWarnings = result.stderr.split('\n').filter((line) => line.includes(':warning:')).map((line) => line.replace(join(ours, '.config'), '.config'));
    assert.ok(makeWarnings.length >= 2);
    assert.deepEqual(ourWarnings, makeWarnings);
  });
});

/** make olddefconfig's warnings about the config it read. */
function kernelMakeStderr(treeDir: string, out: string): string[] {
  const result = spawnSync('make', ['-s', '-C', treeDir, `O=${out}`, 'ARCH=x86', 'olddefconfig'], { encoding: 'utf8' });
  return result.stderr.split('\n').filter((line) => line.includes(':warning:'));
}

test('a read-only kernel tree without -O is refused with the advice to use -O', async () => {
  await withTempDir('readonly', async (dir) => {
    await chmod(dir, 0o777);
    // A cache of nobody's own (tuxconf uses no cache directory others can write).
    const cache = join(dir, 'cache');
    await mkdir(cache, { mode: 0o700 });
    execFileSync('chown', ['nobody:nogroup', cache]);
    const result = await runAsNobody(['-C', tree, 'get', 'E1000E'], { TUXCONF_CACHE_DIR: cache, HOME: dir });
    assert.equal(result.exitCode, 1, result.stderr);
    assert.match(result.stderr, /is not writable/);
    assert.match(result.stderr, /-O ~\/build\/linux/);
  });
});

/** Root may write anywhere, so the refusal is shown as an ordinary user would meet it. */
async function runAsNobody(args: string[], env: NodeJS.ProcessEnv) {
  const result = await execa('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', '--', process.execPath, TUXCONF_BIN, ...args], {
    reject: false,
    env: { ...env, TUXCONF_FROM_SOURCE: '1', PATH: process.env.PATH ?? '' },
    extendEnv: false,
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode, stderr: result.stderr };
}
