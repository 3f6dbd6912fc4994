/**
 * The module mapping against a real built kernel: Debian's cloud-amd64 image of linux-source-6.1's
 * version ships its config, modules.builtin (built in) and modules.order (built as modules). For
 * every module the package holds and every module of the shipped profiles, `tuxconf check` on the
 * 6.1 tree with --config pointing at the package's config says what the package says: y for
 * modules.builtin, m for modules.order, n for a module in neither.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normalizeModuleName } from '../../src/features/hardware/module-alias-index.js';
import { debianCloudImage } from '../support/debian-kernel-image.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

interface JsonEntry {
  profile: string;
  entry: string;
  kind: 'symbol' | 'module';
  state: 'y' | 'm' | 'n';
  met: boolean;
  level: string;
  symbols: string[];
}

/** Module names of modules.builtin / modules.order lines (`kernel/drivers/hid/hid-generic.ko`), as the file names write them. */
async function moduleFiles(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (line.trim().split('/').pop() as string).replace(/\.ko$/, ''));
}

describe('the module mapping against a built kernel (Debian cloud-amd64, 6.1)', () => {
  it("gives the package's verdict for every module it holds and every module of the shipped profiles", async (t) => {
    const image = debianCloudImage();
    const builtin = await moduleFiles(image.modulesBuiltin);
    const order = await moduleFiles(image.modulesOrder);
    const verdict = new Map<string, 'y' | 'm'>();
    for (const name of order) verdict.set(normalizeModuleName(name), 'm');
    for (const name of builtin) verdict.set(normalizeModuleName(name), 'y');
    await withTempDir('oracle', async (dir) => {
      const names = [...new Set([...builtin, ...order])].sort();
      const profile = join(dir, 'package.profile');
      await writeFile(profile, ['profile: package', ...names.map((name) => `${name} y/m optional -- in ${image.package}`)].join('\n'));
      const result = await runTuxconf([
        'check',
        profile,
        'guix-initrd',
        '-C',
        kernelTree('6.1'),
        '-O',
        join(dir, 'out'),
        '--arch',
        'x86',
        '--config',
        image.config,
        '--json',
      ]);
      assert.ok(result.exitCode === 0 || result.exitCode === 1, result.stderr);
      const report = JSON.parse(result.stdout) as { entries: JsonEntry[]; met: boolean };
      const modules = report.entries.filter((entry) => entry.kind === 'module');
      const mismatches = modules
        .map((entry) => ({ ...entry, package: verdict.get(normalizeModuleName(entry.entry)) ?? 'n' }))
        .filter((entry) => entry.state !== entry.package)
        .map((entry) => `${entry.profile}:${entry.entry} tuxconf ${entry.state} (${entry.symbols.join(', ') || 'no symbol'}), package ${entry.package}`);
      const profileModules = modules.filter((entry) => entry.profile === 'guix-initrd');
      t.diagnostic(
        `${image.package} ${image.version}: ${builtin.length} built in, ${order.length} modules; compared ${modules.length - profileModules.length} package modules and ${profileModules.length} guix-initrd modules (${profileModules.filter((entry) => entry.state === 'n').length} not built by this kernel); ${mismatches.length} mismatches`,
      );
      assert.deepEqual(mismatches, []);
      assert.equal(modules.length - profileModules.length, names.length, 'every module of the package was compared');
      // The exit code follows the required guix-initrd entries: this cloud kernel lacks some (ahci, usb-storage ...).
      const requiredUnmet = profileModules.filter((entry) => entry.level === 'required' && !entry.met);
      assert.equal(result.exitCode, requiredUnmet.length > 0 ? 1 : 0);
      assert.equal(report.met, requiredUnmet.length === 0);
    });
  });
});
