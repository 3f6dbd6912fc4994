/**
 * The package as `npm install -g` installs it: `npm pack` of this checkout (its built dist/, as
 * `npm test`'s pretest builds it), installed from the tarball into a temporary prefix, then the
 * installed `tuxconf` run from outside the checkout: --version, and one real command on Debian's
 * 6.12 tree (which builds the kconfig frontend from the package's own C source).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the installed package', () => {
  it('installs from its tarball and runs as tuxconf: --version, and get on a 6.12 tree', { timeout: 600_000 }, async () => {
    assert.ok(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/ is built (npm run build; npm test does it first)');
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    await withTempDir('installed', async (dir) => {
      // The checkout's dist/ as it is: no prepare step rebuilding it inside the pack.
      const packed = await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: ROOT });
      const tarball = join(dir, packed.stdout.trim().split('\n').at(-1) as string);
      const prefix = join(dir, 'prefix');
      await execa('npm', ['install', '--global', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: dir });
      const tuxconf = join(prefix, 'bin', 'tuxconf');
      assert.ok(existsSync(tuxconf), 'npm linked the tuxconf command');

      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.TUXCONF_FROM_SOURCE;
      const shown = await execa(tuxconf, ['--version'], { cwd: dir, env, reject: false });
      assert.equal(shown.exitCode, 0, shown.stderr);
      assert.equal(shown.stdout, `tuxconf ${version}`);

      const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
      const got = await execa(tuxconf, ['-C', kernelTree('6.12'), '-O', out, 'get', 'E1000E', 'CONFIG_HZ'], { cwd: dir, env, reject: false });
      assert.equal(got.exitCode, 0, got.stderr);
      const expected = (name: string): string =>
        debianConfig('6.12')
          .split('\n')
          .find((line) => line.startsWith(`CONFIG_${name}=`) || line === `# CONFIG_${name} is not set`) ?? '';
      assert.equal(got.stdout, `${expected('E1000E')}\n${expected('HZ')}`);
    });
  });
});
