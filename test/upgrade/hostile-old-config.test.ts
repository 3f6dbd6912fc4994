import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { rawControls, runTuxconfTimed } from '../hardware/support/run-tuxconf.js';
import { lostByComparison } from './support.js';

/**
 * Old configs that are not what they claim, through the real tuxconf program on Debian's 6.12
 * tree: special files, huge files, another architecture's config, escape sequences in values and
 * junk lines, CRLF line ends, duplicates, out-of-range numbers.
 */

const tree = kernelTree('6.12');
const upgrade = (dir: string, ...args: string[]) =>
  runTuxconfTimed(['upgrade', '-C', tree, '-O', join(dir, 'out'), '--arch', 'x86', ...args], { cwd: dir, env: { HOME: dir }, timeoutMs: 120_000 });

describe('tuxconf upgrade with hostile old configs', () => {
  it('refuses a directory, a FIFO, /dev/zero, a missing, a huge file, a binary file and prose at once, with a clear message and exit 1', async () => {
    await withTempDir('upgrade-special', async (dir) => {
      execFileSync('mkfifo', [join(dir, 'fifo')]);
      await mkdir(join(dir, 'a-dir'));
      await writeFile(join(dir, 'huge'), Buffer.alloc(17 << 20, 'CONFIG_EFI=y\n'));
      await writeFile(join(dir, 'with-nul'), 'CONFIG_EXT2_FS=m\n\0garbage\n');
      await writeFile(join(dir, 'prose'), 'Dear kernel,\nplease keep my options.\n');
      const cases: [string, RegExp][] = [
        [join(dir, 'a-dir'), /old config .*a-dir is a directory/],
        [join(dir, 'fifo'), /old config .*fifo is not a regular file \(a FIFO\)/],
        ['/dev/zero', /old config \/dev\/zero is not a regular file \(a character device\)/],
        [join(dir, 'missing'), /cannot read old config .*missing: no such file/],
        [join(dir, 'huge'), /old config .*huge is larger than 16 MiB/],
        [join(dir, 'with-nul'), /with-nul holds a NUL byte: it is not a kernel config/],
        [join(dir, 'prose'), /prose has no CONFIG_ line: it is not a kernel config/],
      ];
      for (const [path, message] of cases) {
        const run = await upgrade(dir, path);
        assert.equal(run.timedOut, false, path);
        assert.equal(run.exitCode, 1, path);
        assert.match(run.stderr, message);
        assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
      }
    });
  });

  it('says which input is wrong: an old tree that is no kernel tree, a capture that is none, options out of place', async () => {
    await withTempDir('upgrade-inputs', async (dir) => {
      const config = join(dir, 'config');
      await writeFile(config, 'CONFIG_EFI=y\n');
      const noTree = await upgrade(dir, config, '--old-tree', join(dir, 'nowhere'));
      assert.equal(noTree.exitCode, 1);
      assert.match(noTree.stderr, /the old tree .*nowhere is not a kernel source tree/);
      const noCapture = await upgrade(dir, config, '--hw-from', join(dir, 'nowhere'));
      assert.equal(noCapture.exitCode, 1);
      assert.match(noCapture.stderr, /nowhere is not a capture directory/);
      const usage = await upgrade(dir, config, '--dry-run');
      assert.equal(usage.exitCode, 2);
      assert.match(usage.stderr, /--no-fix and --dry-run go with --apply/);
      const none = await upgrade(dir);
      assert.equal(none.exitCode, 2);
    });
  });

  it("refuses another architecture's config unless --cross-arch, naming both", async () => {
    await withTempDir('upgrade-arch', async (dir) => {
      const arm64 = join(dir, 'config-arm64');
      await writeFile(
        arm64,
        '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/arm64 6.1.192 Kernel Configuration\n#\nCONFIG_ARM64=y\nCONFIG_EFI=y\nCONFIG_ARCH_TEGRA=y\n',
      );
      const refused = await upgrade(dir, arm64);
      assert.equal(refused.exitCode, 1);
      assert.match(refused.stderr, /written for Linux\/arm64 6\.1\.192, and this tree is opened for ARCH=x86/);
      assert.match(refused.stderr, /--arch arm64.*--cross-arch/);
      const crossed = await upgrade(dir, arm64, '--cross-arch', '--json');
      assert.equal(crossed.exitCode, 0, crossed.stderr);
      const report = JSON.parse(crossed.stdout) as { from: { arch: string }; lost: { name: string; category: string }[] };
      assert.equal(report.from.arch, 'arm64');
      assert.deepEqual(
        report.lost.map((entry) => [entry.name, entry.category]),
        [
          ['ARM64', 'removed'],
          ['ARCH_TEGRA', 'removed'],
        ],
      );
    });
  });

  it('reads values with escape sequences, junk lines, CRLF, duplicates, two members of a choice and out-of-range numbers as the kernel does; shows them escaped', async () => {
    await withTempDir('upgrade-text', async (dir) => {
      const base = debianConfig('6.1', 'amd64_none_cloud-amd64');
      const hostile = [
        base.replace('CONFIG_EFI=y\n', 'CONFIG_EFI=y\r\n'),
        'CONFIG_LOCALVERSION="-\u001b[31mred\u001b]0;owned\u0007"',
        'CONFIG_GONE_WITH_ESCAPES="\u001b[2J\u009b31m"',
        '\u001b[2Jthis line is not a config line',
        'CONFIG_NAMESPACES=n',
        'CONFIG_NAMESPACES=y',
        'CONFIG_LOG_BUF_SHIFT=99',
        'CONFIG_NET=m',
        'CONFIG_HZ_1000=y',
        '',
      ].join('\n');
      const path = join(dir, 'hostile.config');
      await writeFile(path, hostile);
      const oracle = await outputDirWith(dir, 'oracle', hostile);
      kernelMake(tree, oracle, ['olddefconfig']);
      const expected = await readFile(join(oracle, '.config'), 'utf8');

      const json = await upgrade(dir, path, '--json');
      assert.equal(json.exitCode, 0, json.stderr);
      const report = JSON.parse(json.stdout) as {
        lost: { name: string; category: string; old: string; choice: { prompt: string; selected: string } | null }[];
        unreadable: { line: number }[];
      };
      assert.deepEqual(report.lost.map((entry) => entry.name).sort(), lostByComparison(hostile, expected).sort());
      const category = (name: string): string | undefined => report.lost.find((entry) => entry.name === name)?.category;
      assert.equal(category('LOG_BUF_SHIFT'), 'range');
      assert.equal(category('NET'), 'type-changed', 'm for a bool is not read');
      assert.equal(category('HZ_250'), 'choice', 'a later member of the same choice wins');
      assert.deepEqual(report.lost.find((entry) => entry.name === 'HZ_250')?.choice, { prompt: 'Timer frequency', selected: 'HZ_1000' });
      assert.equal(category('GONE_WITH_ESCAPES'), 'removed');
      assert.equal(category('EFI'), undefined, 'a CRLF line is read like the kernel reads it');
      assert.equal(category('NAMESPACES'), undefined, 'the last of two lines wins');
      assert.equal(category('LOCALVERSION'), undefined, 'a string with escape sequences survives as a value');
      assert.equal(report.unreadable.length, 1);

      const text = await upgrade(dir, path);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.match(text.stdout, /CONFIG_GONE_WITH_ESCAPES="\\e\[2J\\x9b31m"/);
      assert.match(text.stderr, /line \d+ is not a config line: \\e\[2Jthis line is not a config line/);
      assert.deepEqual(rawControls(text.stdout + text.stderr + json.stdout + json.stderr), []);
    });
  });
});
