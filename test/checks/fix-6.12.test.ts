/**
 * `tuxconf check PROFILE --fix` on Debian's 6.12 tree from the kernel's own tinyconfig and
 * x86_64_defconfig: afterwards `check` passes, `make olddefconfig` leaves the .config as tuxconf
 * saved it, and what cannot be had on x86 is named (with why). The fix is one plan of the fix
 * engine (Session.planFix) applied as one undoable step (Session.applyFix).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkCommand } from '../../src/cli/commands/check.js';
import { fixture, runCommand } from '../hardware/support/run-command.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

interface JsonEntry {
  profile: string;
  entry: string;
  kind: 'symbol' | 'module';
  state: string;
  met: boolean;
  verdict: string;
  level: string;
  unavailable: { kind: string; text: string } | null;
  blockers: { symbol: string; text: string }[];
  refused: { name: string; value: string; text: string }[];
}

interface CheckJson {
  met: boolean;
  entries: JsonEntry[];
  fix: { dryRun: boolean; changed: { name: string }[]; unmet: JsonEntry[]; saved: string | null } | null;
}

const TREE = (): string => kernelTree('6.12');
const CASES: { label: string; args: string[] }[] = [
  { label: 'guix-initrd', args: ['guix-initrd'] },
  { label: 'containers', args: ['containers'] },
  { label: 'boot of the laptop capture', args: ['boot', '--hw-from', fixture('laptop')] },
];

/** Symbols no Kconfig file of the tree defines (an entry naming one cannot be had on any architecture of it). */
function definedInTree(tree: string, symbol: string): boolean {
  try {
    execFileSync('grep', ['-rqE', `--include=Kconfig*`, `^\\s*(menu)?config ${symbol}\\s*$`, tree]);
    return true;
  } catch {
    return false;
  }
}

for (const base of ['tinyconfig', 'x86_64_defconfig']) {
  describe(`check --fix on Linux 6.12 from ${base}`, () => {
    let dir: string;
    let out: string;
    let baseConfig: Buffer;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-fix-'));
      out = join(dir, 'out');
      kernelMake(TREE(), out, [base]);
      baseConfig = await readFile(join(out, '.config'));
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    for (const { label, args } of CASES) {
      it(`${label}: fixes the required entries in one step; check passes; olddefconfig changes nothing; what cannot be had is named`, async (t) => {
        await writeFile(join(out, '.config'), baseConfig);
        const fixed = await runCommand(checkCommand, [...args, '--fix', '-C', TREE(), '-O', out, '--json']);
        assert.equal(fixed.exitCode, 0, fixed.stderr);
        const report = JSON.parse(fixed.stdout) as CheckJson;
        assert.ok(report.fix && !report.fix.dryRun && report.fix.saved === join(out, '.config'));
        assert.deepEqual(
          report.fix.unmet.filter((entry) => entry.level === 'required').map((entry) => entry.entry),
          [],
        );
        assert.ok(report.entries.filter((entry) => entry.level === 'required').every((entry) => entry.met));

        const saved = await readFile(join(out, '.config'));
        kernelMake(TREE(), out, ['olddefconfig']);
        assert.ok((await readFile(join(out, '.config'))).equals(saved), 'make olddefconfig leaves the fixed .config as it is');

        // Checked again by a new session on the saved file: passes, and names what cannot be had.
        const again = await runCommand(checkCommand, [...args, '-C', TREE(), '-O', out]);
        assert.equal(again.exitCode, 0, again.stderr);
        const cannot = report.entries.filter((entry) => entry.verdict === 'unavailable');
        for (const entry of cannot) {
          assert.ok(entry.unavailable && entry.unavailable.text.length > 0, `${entry.entry} says why`);
          assert.ok(
            again.stdout.includes(`CANNOT  ${entry.entry}`) && again.stdout.includes(`cannot be had: ${entry.unavailable.text}`),
            `${entry.entry} is named in the text`,
          );
          if (entry.unavailable.kind === 'unknown-symbol')
            assert.equal(definedInTree(TREE(), entry.entry.replace(/^CONFIG_/, '')), false, `${entry.entry} is in no Kconfig file`);
        }
        t.diagnostic(
          `${base} ${label}: ${report.fix.changed.length} symbols changed; cannot be had on x86: ${cannot.map((entry) => `${entry.entry} (${entry.level})`).join(', ') || 'none'}`,
        );
      });
    }

    if (base === 'tinyconfig')
      it('containers and boot with --recommended: every entry still unmet is named with what blocks it', async (t) => {
        for (const args of [['containers'], ['boot', '--hw-from', fixture('laptop')]]) {
          await writeFile(join(out, '.config'), baseConfig);
          const fixed = await runCommand(checkCommand, [...args, '--fix', '--recommended', '-C', TREE(), '-O', out, '--json']);
          assert.equal(fixed.exitCode, 0, fixed.stderr);
          const report = JSON.parse(fixed.stdout) as CheckJson;
          for (const entry of report.fix?.unmet ?? []) {
            assert.ok(entry.unavailable !== null || entry.refused.length > 0 || entry.blockers.length > 0, `${entry.entry}: named with its blocker`);
          }
          const recommended = report.entries.filter((entry) => entry.level === 'recommended' && entry.verdict !== 'not-applicable');
          t.diagnostic(
            `${base} ${args[0]} --recommended: ${recommended.filter((entry) => entry.met).length}/${recommended.length} recommended met; unmet: ${
              (report.fix?.unmet ?? [])
                .map((entry) => `${entry.entry} [${entry.unavailable?.text ?? [...entry.refused, ...entry.blockers].map((why) => why.text).join('; ')}]`)
                .join(', ') || 'none'
            }`,
          );
        }
      });

    if (base === 'tinyconfig')
      it('exits 1 when a required entry is unmet and 2 on a bad command line, naming the problem', async () => {
        await writeFile(join(out, '.config'), baseConfig);
        const unmet = await runCommand(checkCommand, ['systemd', '-C', TREE(), '-O', out]);
        assert.equal(unmet.exitCode, 1, unmet.stderr);
        assert.match(unmet.stdout, /MISSING CONFIG_DEVTMPFS .*\n\s+why: CONFIG_DEVTMPFS=n: /);
        assert.equal((await runCommand(checkCommand, ['-C', TREE(), '-O', out])).exitCode, 2);
        assert.equal((await runCommand(checkCommand, ['systemd', '--dry-run', '-C', TREE(), '-O', out])).exitCode, 2);
      });

    it('--dry-run says what would change and leaves the .config byte for byte', async () => {
      await writeFile(join(out, '.config'), baseConfig);
      const dry = await runCommand(checkCommand, ['guix-initrd', '--fix', '--dry-run', '-C', TREE(), '-O', out, '--json']);
      const report = JSON.parse(dry.stdout) as CheckJson;
      assert.equal(report.fix?.dryRun, true);
      assert.equal(report.fix?.saved, null);
      assert.ok((report.fix?.changed.length ?? 0) > 0);
      assert.ok((await readFile(join(out, '.config'))).equals(baseConfig));
      assert.match(dry.stderr, /dry run; .* left as it was/);
    });
  });
}
