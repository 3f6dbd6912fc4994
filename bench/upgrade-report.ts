/**
 * The upgrade report of a whole distribution config carried across releases: Debian's 6.1
 * amd64 config on the 6.12 tree, timed after the tree is open (the session exists), as
 * `tuxconf upgrade` and the TUI compute it. Beside it, the kernel's own tools on the same input
 * (`make listnewconfig`, `make olddefconfig`), which answer only part of the question.
 *
 *   node --import tsx bench/upgrade-report.ts [--rounds N] [--flavour amd64_none_amd64]
 *
 * Prints a markdown report: per round, the report without the old tree, and with the old tree
 * (opened once before: its kconfig session, savedefconfig and Makefiles are its own cost).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSession } from '../src/engine/open-session.js';
import type { Session } from '../src/engine/session.js';
import { loadOldConfig } from '../src/features/upgrade/load-old-config.js';
import { loadMakefileFootprints } from '../src/features/upgrade/makefile-footprints.js';
import { readOldConfig } from '../src/features/upgrade/old-config.js';
import { openOldTree, type OldTree } from '../src/features/upgrade/old-tree.js';
import { upgradeReport } from '../src/features/upgrade/report.js';
import type { UpgradeReport } from '../src/features/upgrade/types.js';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';

interface Timing {
  wallMs: number;
  cpuMs: number;
  report: UpgradeReport;
}

async function timed(session: Session, oldPath: string, oldTree: OldTree | null): Promise<Timing> {
  const old = await readOldConfig(oldPath);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const warnings = await loadOldConfig(session, old, oldPath);
  const report = await upgradeReport(session, old, { oldTree, warnings });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  // Back to the config the session opened with, so every round carries the old config anew.
  await session.undo();
  return { wallMs, cpuMs: (used.user + used.system) / 1000, report };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function makeMs(tree: string, out: string, target: string): number {
  const start = performance.now();
  execFileSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', target], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return performance.now() - start;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string' }, flavour: { type: 'string' } } });
  const rounds = Number(values.rounds ?? 5);
  const flavour = values.flavour ?? 'amd64_none_amd64';
  const work = await mkdtemp(join(tmpdir(), 'tuxconf-bench-upgrade-'));
  try {
    const oldPath = join(work, `config-6.1-${flavour}`);
    await writeFile(oldPath, debianConfig('6.1', flavour));
    const tree = kernelTree('6.12');
    const session = await openSession({ tree, output: join(work, 'out'), arch: 'x86' });
    try {
      const plain: Timing[] = [];
      for (let round = 0; round < rounds; round++) plain.push(await timed(session, oldPath, null));

      const openStart = performance.now();
      const [oldTree] = await Promise.all([
        openOldTree(kernelTree('6.1'), await readOldConfig(oldPath), { arch: 'x86', makeVars: {}, env: process.env, cwd: work }),
        loadMakefileFootprints(tree, 'x86'),
      ]);
      const openOldMs = performance.now() - openStart;
      const withTree: Timing[] = [];
      for (let round = 0; round < rounds; round++) withTree.push(await timed(session, oldPath, oldTree));

      const anchor = join(work, 'anchor');
      execFileSync('mkdir', ['-p', anchor]);
      const listnew: number[] = [];
      const olddef: number[] = [];
      for (let round = 0; round < Math.min(rounds, 3); round++) {
        await writeFile(join(anchor, '.config'), debianConfig('6.1', flavour));
        listnew.push(makeMs(tree, anchor, 'listnewconfig'));
        olddef.push(makeMs(tree, anchor, 'olddefconfig'));
      }

      const sizes = plain[0]!.report;
      const row = (label: string, timings: Timing[]): string =>
        `| ${label} | ${median(timings.map((t) => t.wallMs)).toFixed(0)} | ${Math.max(...timings.map((t) => t.wallMs)).toFixed(0)} | ${median(timings.map((t) => t.cpuMs)).toFixed(0)} | ${timings[0]!.wallMs.toFixed(0)} |`;
      const lines = [
        `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus().length} x ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')} at the end.`,
        `Debian 6.1 \`config.${flavour}\` on the 6.12 tree: ${sizes.lost.length} lost, ${sizes.new.length} new, ${sizes.changedDefaults.length} changed defaults without the old tree (${withTree[0]!.report.changedDefaults.length} with it); ${rounds} rounds.`,
        '',
        '| report after the tree is open | median wall ms | max wall ms | median CPU ms | first round wall ms |',
        '|---|---:|---:|---:|---:|',
        row('without the old tree', plain),
        row('with the old tree (opened before)', withTree),
        '',
        `Opening the old tree (its kconfig session, savedefconfig of the old config, its Makefiles and this tree's, read meanwhile): ${openOldMs.toFixed(0)} ms.`,
        `The kernel's tools on the same input: \`make listnewconfig\` ${median(listnew).toFixed(0)} ms, \`make olddefconfig\` ${median(olddef).toFixed(0)} ms (medians, each a whole make run with its parse).`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await session.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
