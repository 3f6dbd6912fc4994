import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { configValues, definedSymbols, FLAVOURS, invalidValueWarnings, listnewconfigLines, lostByComparison } from './support.js';

/**
 * Debian's 6.1 configs carried to the 6.12 tree, against the kernel's own tools: the lost set
 * is the comparison of the old file with what `make olddefconfig` writes, the new list is
 * `make listnewconfig`, and accepting every default saves what `make olddefconfig` writes.
 */

const tree = kernelTree('6.12');
const x86Symbols = definedSymbols(tree, 'x86');

interface LostJson {
  name: string;
  category: string;
  old: string;
  now: string | null;
  prompt: string | null;
  successors: string[];
  blocking: string[];
  selects: string[];
}

interface ReportJson {
  from: { arch: string; version: string } | null;
  lost: LostJson[];
  new: { name: string; value: string; type: string; help: string; menu: string[] }[];
  newByMenu: { menu: string[]; names: string[] }[];
  changedDefaults: { name: string; kind: string; old: string; now: string | null }[];
}

/** olddefconfig in an output directory holding the old config: its .config and what it warned. */
function olddefconfig(out: string): string {
  const run = spawnSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', 'olddefconfig'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr;
}

function listnewconfigText(entry: ReportJson['new'][number]): string {
  return `CONFIG_${entry.name}=${entry.type === 'string' ? `"${entry.value.replace(/["\\]/g, '\\$&')}"` : entry.value}`;
}

for (const flavour of FLAVOURS) {
  test(`Debian 6.1 ${flavour} carried to 6.12: lost = comparison with make olddefconfig, new = make listnewconfig, accepted = olddefconfig`, async (t) => {
    await withTempDir('upgrade-oracle', async (dir) => {
      const oldText = debianConfig('6.1', flavour);
      const oldPath = join(dir, `config-6.1-${flavour}`);
      await writeFile(oldPath, oldText);

      const oracle = await outputDirWith(dir, 'oracle', oldText);
      const listed = listnewconfigLines(kernelMake(tree, oracle, ['listnewconfig']));
      const warned = invalidValueWarnings(olddefconfig(oracle));
      const expected = await readFile(join(oracle, '.config'), 'utf8');
      const expectedLost = lostByComparison(oldText, expected);

      const run = await runTuxconf(['upgrade', '-C', tree, '-O', join(dir, 'report'), '--arch', 'x86', oldPath, '--json']);
      assert.equal(run.exitCode, 0, run.stderr);
      const report = JSON.parse(run.stdout) as ReportJson;
      assert.deepEqual(report.from, { arch: 'x86', srcArch: 'x86', version: '6.1.192', line: 3 });

      // Lost: symbol for symbol, in the old file's order, each with a category that the trees confirm.
      assert.deepEqual(
        report.lost.map((entry) => entry.name),
        expectedLost,
      );
      const after = configValues(expected);
      for (const entry of report.lost) {
        assert.ok(!entry.name.startsWith('CONFIG_'));
        assert.ok(Array.isArray(entry.successors));
        assert.equal(entry.now, after.get(entry.name) ?? null, entry.name);
        assert.notEqual(entry.category, 'unexplained', `${entry.name} has a reason`);
        assert.equal(entry.category === 'removed', !x86Symbols.has(entry.name), `${entry.name}: removed exactly when no x86 Kconfig defines it`);
        if (entry.category === 'dependency') assert.ok(entry.blocking.length > 0, `${entry.name} names the terms that fail`);
        if (entry.category === 'selected') {
          assert.deepEqual([entry.old, entry.now], ['m', 'y'], entry.name);
          assert.ok(entry.selects.length > 0, `${entry.name} names the selects`);
        }
        if (entry.category === 'no-prompt') assert.equal(entry.prompt, null, entry.name);
      }
      // The kernel's reader could not take these old values for the symbols' types now.
      assert.deepEqual(
        report.lost
          .filter((entry) => entry.category === 'type-changed')
          .map((entry) => entry.name)
          .sort(),
        [...new Set(warned)].sort(),
      );

      // New: exactly make listnewconfig's lines, in its order, grouped by menu without losing one.
      assert.deepEqual(report.new.map(listnewconfigText), listed);
      assert.deepEqual(report.newByMenu.flatMap((group) => group.names).sort(), report.new.map((entry) => entry.name).sort());

      // Changed defaults: the "computed" ones are exactly the old `is not set` values olddefconfig turns on.
      const before = configValues(oldText);
      const turnedOn = [...before].filter(([name, value]) => value === 'n' && after.has(name) && after.get(name) !== 'n').map(([name]) => name);
      assert.deepEqual(
        report.changedDefaults.filter((change) => change.kind === 'computed').map((change) => change.name),
        turnedOn,
      );

      // Accepting every default (no fixes) saves the bytes make olddefconfig writes.
      const accepted = await runTuxconf(['upgrade', '-C', tree, '-O', join(dir, 'accepted'), '--arch', 'x86', oldPath, '--apply', '--no-fix']);
      assert.equal(accepted.exitCode, 0, accepted.stderr);
      assert.equal(await readFile(join(dir, 'accepted', '.config'), 'utf8'), expected);

      const categories = new Map<string, number>();
      for (const entry of report.lost) categories.set(entry.category, (categories.get(entry.category) ?? 0) + 1);
      t.diagnostic(
        `${flavour}: lost ${report.lost.length} (${[...categories].map(([name, count]) => `${name} ${count}`).join(', ')}), new ${report.new.length}, changed defaults ${report.changedDefaults.length}`,
      );
    });
  });
}
