/**
 * Hostile presets and exports, through the real tuxconf program on Debian's 6.12 tree: values a
 * .config line cannot hold, lists nested to blow the stack, devices and FIFOs named as presets,
 * escape sequences in descriptions and values, links where an export or a preset is written.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, lstat, mkdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatExport } from '../../src/features/presets/export-changes.js';
import { parseFragment } from '../../src/features/presets/fragment-format.js';
import { parseGuixOptions } from '../../src/features/presets/guix-format.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';
import { rawControls, runTuxconfTimed } from '../hardware/support/run-tuxconf.js';

const TREE = (): string => kernelTree('6.12');
const SECRET = 'SECRET-TOKEN-4242';

/** An output directory holding x86_64_defconfig as its .config, and an XDG home for presets. */
async function workspace(dir: string): Promise<{ out: string; config: string; env: NodeJS.ProcessEnv }> {
  const out = join(dir, 'out');
  await mkdir(out, { recursive: true });
  await copyFile(join(TREE(), 'arch/x86/configs/x86_64_defconfig'), join(out, '.config'));
  return { out, config: await readFile(join(out, '.config'), 'utf8'), env: { XDG_CONFIG_HOME: join(dir, 'xdg'), HOME: dir } };
}

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /^\s+at .*:\d+:\d+\)?$/m, 'no stack trace');
  assert.doesNotMatch(text, /RangeError|Maximum call stack/);
}

describe('values a .config line cannot hold', () => {
  it('refuses a Guix string with a newline, a carriage return or a NUL, naming file, line and column; nothing changes', async () => {
    await withTempDir('hostile-guix-value', async (dir) => {
      const { out, config, env } = await workspace(dir);
      const cases: [string, string, RegExp][] = [
        ['escaped-newline.scm', '(("CONFIG_LOCALVERSION" . "-a\\nCONFIG_MODULES=n"))\n', /escaped-newline\.scm:1:30: CONFIG_LOCALVERSION: the value contains a line break, which a \.config line cannot hold/],
        ['raw-newline.scm', '(("CONFIG_EFI" . #t)\n ("CONFIG_LOCALVERSION" . "-a\nCONFIG_MODULES=n"))\n', /raw-newline\.scm:2:30: CONFIG_LOCALVERSION: the value contains a line break/],
        ['hex-newline.scm', '(("CONFIG_LOCALVERSION" . "-a\\x0a;CONFIG_MODULES=n"))\n', /hex-newline\.scm:1:30: CONFIG_LOCALVERSION: the value contains a line break/],
        ['carriage-return.scm', '(("CONFIG_LOCALVERSION" . "-a\\rb"))\n', /carriage-return\.scm:1:30: CONFIG_LOCALVERSION: the value contains a line break/],
        ['nul.scm', '(("CONFIG_LOCALVERSION" . "-a\\x0;b"))\n', /nul\.scm:1:30: CONFIG_LOCALVERSION: the value contains a NUL character/],
      ];
      for (const [name, text, expected] of cases) {
        await writeFile(join(dir, name), text);
        const result = await runTuxconfTimed(['apply', '-C', TREE(), '-O', out, join(dir, name)], { env });
        assert.equal(result.exitCode, 1, `${name}: ${result.stdout}${result.stderr}`);
        assert.match(result.stderr, expected);
        assert.deepEqual(rawControls(result.stderr), []);
        assert.equal(await readFile(join(out, '.config'), 'utf8'), config, `${name} changed nothing`);
      }
    });
  });

  it('refuses a fragment value with a carriage return inside the line, with line and column', async () => {
    await withTempDir('hostile-fragment-value', async (dir) => {
      const { out, config, env } = await workspace(dir);
      await writeFile(join(dir, 'cr.config'), '# Help: injected\nCONFIG_EFI=y\nCONFIG_LOCALVERSION="-a\rCONFIG_MODULES=n"\n');
      const result = await runTuxconfTimed(['apply', '-C', TREE(), '-O', out, join(dir, 'cr.config')], { env });
      assert.equal(result.exitCode, 1, result.stdout);
      assert.match(result.stderr, /cr\.config:3:24: CONFIG_LOCALVERSION: the value contains a line break, which a \.config line cannot hold/);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), config);
    });
  });
});

describe('readers that are bounded', () => {
  it('refuses a Guix list nested 10,000 deep with the place, not a stack overflow', async () => {
    await withTempDir('hostile-deep', async (dir) => {
      const { out, config, env } = await workspace(dir);
      const depth = 10_000;
      await writeFile(join(dir, 'deep.scm'), `(("CONFIG_EFI" . #t) ${'('.repeat(depth)}${')'.repeat(depth)})\n`);
      await writeFile(join(dir, 'quotes.scm'), `(("CONFIG_EFI" . ${"'".repeat(depth)}x))\n`);
      await writeFile(join(dir, 'datum-comments.scm'), `${'#;'.repeat(depth)}(("CONFIG_EFI" . #t))\n`);
      for (const name of ['deep.scm', 'quotes.scm', 'datum-comments.scm']) {
        const result = await runTuxconfTimed(['apply', '-C', TREE(), '-O', out, join(dir, name)], { env });
        assert.equal(result.exitCode, 1, `${name}: ${result.stdout}`);
        assert.match(result.stderr, new RegExp(`${name.replace('.', '\\.')}:1:\\d+: .*nested more than 200 deep`));
        assertNoStackTrace(result.stderr);
      }
      assert.equal(await readFile(join(out, '.config'), 'utf8'), config);
    });
  });

  it('refuses /dev/zero, a FIFO, a directory and a huge file named as a preset, at once', async () => {
    await withTempDir('hostile-preset-files', async (dir) => {
      const { out, config, env } = await workspace(dir);
      execFileSync('mkfifo', [join(dir, 'fifo.config')]);
      await mkdir(join(dir, 'folder.config'));
      await writeFile(join(dir, 'huge.config'), `# ${'x'.repeat(2 << 20)}\nCONFIG_EFI=y\n`);
      const cases: [string, RegExp][] = [
        ['/dev/zero', /preset \/dev\/zero is not a regular file \(a character device\)/],
        [join(dir, 'fifo.config'), /preset .*fifo\.config is not a regular file \(a FIFO\)/],
        [join(dir, 'folder.config'), /preset .*folder\.config is a directory/],
        [join(dir, 'huge.config'), /preset .*huge\.config is larger than 1 MiB/],
      ];
      for (const [path, expected] of cases) {
        const result = await runTuxconfTimed(['apply', '-C', TREE(), '-O', out, path], { env });
        assert.equal(result.timedOut, false, path);
        assert.equal(result.exitCode, 1, `${path}: ${result.stdout}`);
        assert.match(result.stderr, expected);
        assertNoStackTrace(result.stderr);
      }
      assert.equal(await readFile(join(out, '.config'), 'utf8'), config);
    });
  });
});

describe('outside text on the terminal', () => {
  it('lists presets with escape sequences in names, descriptions and bad lines escaped; follows no link out of a presets directory', async () => {
    await withTempDir('hostile-listing', async (dir) => {
      const { out, env } = await workspace(dir);
      const user = join(dir, 'xdg', 'tuxconf', 'presets');
      await mkdir(user, { recursive: true });
      await writeFile(join(user, 'evil.config'), '# Help: \x1b]0;owned\x07\x1b[2Jclear \u009b31m \u202eexe\nCONFIG_EFI=y\n');
      await writeFile(join(user, 'named.scm'), '(define %na\x1bcme\u009b5m \'(("CONFIG_EFI" . #t)))\n');
      await writeFile(join(user, 'broken.config'), 'CONFIG_EFI=y\n\x1b[2Jgarbage\n');
      const project = join(dir, '.tuxconf', 'presets');
      await mkdir(project, { recursive: true });
      await writeFile(join(dir, 'secret'), `# Help: ${SECRET}\nCONFIG_EFI=y\n`);
      await symlink(join(dir, 'secret'), join(project, 'leak.config'));
      await symlink(join(dir, 'secret'), join(user, 'mine.config'));
      for (const args of [['presets'], ['presets', '--json']]) {
        const result = await runTuxconfTimed([...args, '-C', TREE(), '-O', out], { env, cwd: dir });
        assert.equal(result.exitCode, 0, result.stderr);
        assert.deepEqual(rawControls(result.stdout), [], `${args.join(' ')}: stdout`);
        assert.deepEqual(rawControls(result.stderr), [], `${args.join(' ')}: stderr`);
        assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), 'no link is followed, in the project or the user directory');
      }
      const text = await runTuxconfTimed(['presets', '-C', TREE(), '-O', out], { env, cwd: dir });
      assert.match(text.stdout, /\\e\]0;owned\\x07\\e\[2Jclear \\x9b31m \\u202eexe/);
      assert.match(text.stdout, /na\\ecme\\x9b5m/);
      assert.match(text.stderr, /broken\.config:2: unexpected text '\\e\[2Jgarbage'/);
      assert.match(text.stderr, /leak\.config.* is a symbolic link/);
      assert.match(text.stderr, /mine\.config.* is a symbolic link/);
    });
  });

  it('shows values with escape sequences escaped in what apply prints', async () => {
    await withTempDir('hostile-apply-output', async (dir) => {
      const { out, config, env } = await workspace(dir);
      await writeFile(join(dir, 'title.config'), 'CONFIG_LOCALVERSION="\x1b]0;owned\x07\u009b2J"\nCONFIG_DEFAULT_HOSTNAME="\u202eexe"\n');
      for (const args of [['--dry-run'], ['--dry-run', '--json']]) {
        const result = await runTuxconfTimed(['apply', ...args, '-C', TREE(), '-O', out, join(dir, 'title.config')], { env });
        assert.equal(result.exitCode, 0, result.stderr);
        assert.deepEqual(rawControls(result.stdout), [], `${args.join(' ')}: stdout`);
        assert.deepEqual(rawControls(result.stderr), [], `${args.join(' ')}: stderr`);
      }
      const text = await runTuxconfTimed(['apply', '--dry-run', '-C', TREE(), '-O', out, join(dir, 'title.config')], { env });
      assert.match(text.stdout, /CONFIG_LOCALVERSION: "" -> \\e\]0;owned\\x07\\x9b2J/);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), config);
    });
  });
});

describe('tuxconf export -o FILE', () => {
  it('never writes through a link: a dangling one is not followed, --force replaces the link itself', async () => {
    await withTempDir('hostile-export', async (dir) => {
      const { out, env } = await workspace(dir);
      const victim = join(dir, 'victim');
      await writeFile(victim, 'must not change\n');
      await symlink(join(dir, 'created-through-link'), join(dir, 'dangling.config'));
      const dangling = await runTuxconfTimed(['export', '--against', 'loaded', '-C', TREE(), '-O', out, join(dir, 'dangling.config')], { env });
      assert.equal(dangling.exitCode, 1, dangling.stderr);
      assert.match(dangling.stderr, /dangling\.config exists/);
      await assert.rejects(lstat(join(dir, 'created-through-link')), /ENOENT/);
      assert.equal(await readlink(join(dir, 'dangling.config')), join(dir, 'created-through-link'));

      await symlink(victim, join(dir, 'link.config'));
      const forced = await runTuxconfTimed(['export', '--force', '-C', TREE(), '-O', out, join(dir, 'link.config')], { env });
      assert.equal(forced.exitCode, 0, forced.stderr);
      assert.equal(await readFile(victim, 'utf8'), 'must not change\n');
      assert.ok((await lstat(join(dir, 'link.config'))).isFile(), 'the link was replaced by the export');
      assert.match(await readFile(join(dir, 'link.config'), 'utf8'), /^# Help: \d+ options changed against x86_64_defconfig/);
    });
  });

  it('refuses a Guix name that would break the list', async () => {
    await withTempDir('hostile-export-guix', async (dir) => {
      const { out, env } = await workspace(dir);
      for (const name of ['x (("CONFIG_MODULES" . #f))', 'a\nb', 'a"b', '']) {
        const result = await runTuxconfTimed(['export', '--format', 'guix', '--against', 'loaded', '--name', name, '-C', TREE(), '-O', out], { env });
        assert.equal(result.exitCode, 2, `${JSON.stringify(name)}: ${result.stdout}`);
        assert.match(result.stderr, /--name .* cannot name a Guix list/);
        assert.deepEqual(rawControls(result.stderr), []);
      }
    });
  });
});

describe('exported comments', () => {
  it('keep a description with line breaks on comment lines, in both formats', () => {
    const entries = [{ name: 'EFI', type: 'bool' as const, text: 'y' }];
    const description = 'against base\n(("CONFIG_MODULES" . #f))\nCONFIG_MODULES=n\r\x1b[2J';
    const guix = parseGuixOptions(formatExport(entries, 'guix', { name: 'x', description }), 'x.scm');
    assert.deepEqual(guix.issues, []);
    assert.deepEqual(guix.lists.map((list) => list.entries.map((entry) => `${entry.name}=${entry.text}`)), [['EFI=y']]);
    const fragment = parseFragment(formatExport(entries, 'fragment', { name: 'x', description }), 'x.config');
    assert.deepEqual(fragment.issues, []);
    assert.deepEqual(fragment.entries.map((entry) => `${entry.name}=${entry.text}`), ['EFI=y']);
    assert.deepEqual(rawControls(fragment.description), []);
  });
});
