import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';
import { rawControls, runTuxconfTimed } from '../hardware/support/run-tuxconf.js';
import { definedSymbols, grepTree } from './support.js';

/**
 * `tuxconf presets --check` on Debian's 6.12 tree: a Guix option list written for 6.1, the
 * user's own presets, and the tree's own fragments, which carry symbols 6.12 no longer has.
 */

const tree = kernelTree('6.12');

interface CheckJson {
  checked: number;
  stale: { preset: string; path: string; line: number; name: string; requested: string | null; status: string; definedIn: string[]; successors: string[] }[];
}

/** A Guix #:extra-options list kept since 6.1: renamed options, one of another architecture, and current ones. */
const GUIX_61 = `(define-module (my kernel))
(define %my-options
  \`(("CONFIG_EFI" . #t)
    ("CONFIG_RETPOLINE" . #t)
    ("CONFIG_PAGE_TABLE_ISOLATION" . #t)
    ("CONFIG_DRM_DP_CEC" . #t)
    ("CONFIG_CS_DSP" . m)
    ("CONFIG_S390_GUEST" . #t)
    ("CONFIG_RANDOM_TRUST_CPU" . #f)
    ("CONFIG_IKCONFIG" . #t)))
`;

describe('tuxconf presets --check', () => {
  it('names the requests of a Guix list that 6.12 lacks, with successors, tells another arch apart, and exits 1', async () => {
    await withTempDir('presets-check', async (dir) => {
      const list = join(dir, 'my-options.scm');
      await writeFile(list, GUIX_61);
      const run = await runTuxconfTimed(['presets', '--check', '--json', '-C', tree, '-O', join(dir, 'out'), '--arch', 'x86', list], {
        cwd: dir,
        env: { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg') },
      });
      assert.equal(run.exitCode, 1, run.stderr);
      const report = JSON.parse(run.stdout) as CheckJson;
      assert.equal(report.checked, 1);
      const byName = new Map(report.stale.map((request) => [request.name, request]));
      assert.deepEqual([...byName.keys()].sort(), ['CS_DSP', 'DRM_DP_CEC', 'PAGE_TABLE_ISOLATION', 'RANDOM_TRUST_CPU', 'RETPOLINE', 'S390_GUEST']);
      assert.equal(byName.get('S390_GUEST')?.status, 'other-arch');
      assert.deepEqual(byName.get('S390_GUEST')?.definedIn, ['arch/s390/Kconfig']);
      const expected: [string, string][] = [
        ['RETPOLINE', 'MITIGATION_RETPOLINE'],
        ['PAGE_TABLE_ISOLATION', 'MITIGATION_PAGE_TABLE_ISOLATION'],
        ['DRM_DP_CEC', 'DRM_DISPLAY_DP_AUX_CEC'],
        ['CS_DSP', 'FW_CS_DSP'],
      ];
      for (const [old, successor] of expected) {
        const request = byName.get(old)!;
        assert.equal(request.status, 'gone', old);
        assert.ok(request.successors.slice(0, 3).includes(successor), `${old}: ${request.successors.join(', ')}`);
        assert.equal(request.path, list);
      }
      assert.equal(byName.get('RANDOM_TRUST_CPU')?.requested, 'n', '#f asks for n');
      assert.equal(byName.get('RETPOLINE')?.line, 4);
    });
  });

  it("checks every preset by default: the tree's own fragments name symbols 6.12 dropped (debug.config: GENERIC_PTDUMP -> PTDUMP)", async () => {
    await withTempDir('presets-check-all', async (dir) => {
      const presets = join(dir, 'xdg', 'tuxconf', 'presets');
      await mkdir(presets, { recursive: true });
      await writeFile(join(presets, 'mine.config'), 'CONFIG_SLS=y\nCONFIG_EFI=y\n');
      const run = await runTuxconfTimed(['presets', '--check', '--json', '-C', tree, '-O', join(dir, 'out'), '--arch', 'x86'], {
        cwd: dir,
        env: { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg') },
      });
      assert.equal(run.exitCode, 1, run.stderr);
      const report = JSON.parse(run.stdout) as CheckJson;
      assert.ok(report.checked > 10);
      const x86 = definedSymbols(tree, 'x86');
      for (const request of report.stale) {
        assert.ok(!x86.has(request.name), `${request.name} is really not an x86 symbol of 6.12`);
        assert.equal(request.status === 'other-arch', request.definedIn.length > 0, request.name);
      }
      const ptdump = report.stale.find((request) => request.name === 'GENERIC_PTDUMP' && request.preset === 'debug.config');
      assert.ok(ptdump, 'debug.config asks for GENERIC_PTDUMP');
      assert.ok(grepTree(tree, 'kernel/configs/debug.config', 'CONFIG_GENERIC_PTDUMP=y').length === 1);
      assert.equal(ptdump.successors[0], 'PTDUMP');
      const mine = report.stale.find((request) => request.preset === 'mine');
      assert.equal(mine?.name, 'SLS');
      assert.equal(mine?.successors[0], 'MITIGATION_SLS');
    });
  });

  it('prints names and values from a list with escape sequences escaped, and exits 0 when nothing is stale', async () => {
    await withTempDir('presets-check-text', async (dir) => {
      const clean = join(dir, 'clean.config');
      await writeFile(clean, '# Help: \u001b]0;owned\u0007 fine\nCONFIG_EFI=y\nCONFIG_LOCALVERSION="-\u001b[31mred"\n');
      const ok = await runTuxconfTimed(['presets', '--check', '-C', tree, '-O', join(dir, 'out'), '--arch', 'x86', clean], { cwd: dir, env: { HOME: dir } });
      assert.equal(ok.exitCode, 0, ok.stderr);
      assert.match(ok.stdout, /0 requests name symbols this tree does not have/);
      const stale = join(dir, 'stale.config');
      await writeFile(stale, 'CONFIG_RETHUNK=y\n');
      const text = await runTuxconfTimed(['presets', '--check', '-C', tree, '-O', join(dir, 'out'), '--arch', 'x86', stale], { cwd: dir, env: { HOME: dir } });
      assert.equal(text.exitCode, 1);
      assert.match(text.stdout, /stale\.config:1: CONFIG_RETHUNK=y .*no longer in this tree\n\s+successors: MITIGATION_RETHUNK=y/);
      assert.deepEqual(rawControls(ok.stdout + ok.stderr + text.stdout + text.stderr), []);
    });
  });
});
