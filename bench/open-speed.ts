/**
 * Issue 2's speed target: time from start until the full menu model is in memory, and the peak
 * memory of tuxconf (node + frontend), side by side with the kernel's own `conf --olddefconfig`
 * on the same input (Debian's 6.12 amd64 config, x86_64), in the same run.
 *
 *   npm run build && node --import tsx bench/open-speed.ts [runs]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';

const runs = Number(process.argv[2] ?? 5);
const tree = kernelTree('6.12');
const work = mkdtempSync(join(tmpdir(), 'tuxconf-bench-open-'));
const cache = join(work, 'cache');
const out = join(work, 'out');
const config = debianConfig('6.12');
const child = fileURLToPath(new URL('./open-model-child.mjs', import.meta.url));

function resetConfig(): void {
  writeFileSync(join(out, '.config'), config);
}

/** conf exactly as `make olddefconfig` runs it: in the output dir, with kbuild's environment. */
function confOnce(env: NodeJS.ProcessEnv): { ms: number; peakKb: number } {
  resetConfig();
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', './scripts/kconfig/conf', '--olddefconfig', 'Kconfig'], { cwd: out, env, encoding: 'utf8' });
  const [seconds, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ');
  return { ms: Number(seconds) * 1000, peakKb: Number(kb) };
}

function tuxconfOnce(env: NodeJS.ProcessEnv): { ms: number; nodePeakKb: number; frontendPeakKb: number; nodes: number } {
  resetConfig();
  const result = spawnSync(process.execPath, [child, tree, out], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const parsed = JSON.parse(result.stdout) as { elapsedMs: number; nodePeakKb: number; frontendPeakKb: number; nodes: number };
  return { ms: parsed.elapsedMs, nodePeakKb: parsed.nodePeakKb, frontendPeakKb: parsed.frontendPeakKb, nodes: parsed.nodes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

execFileSync('mkdir', ['-p', out]);
resetConfig();
execFileSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', 'olddefconfig']);
const dumpedEnv = join(work, 'env');
const rule = `ifeq ($(obj),scripts/kconfig)\ntuxconf-bench-envconfig: ; @env -0 > ${dumpedEnv}\nendif`;
execFileSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', `--eval=${rule}`, 'tuxconf-bench-envconfig']);
const kbuildEnv = Object.fromEntries(
  execFileSync('cat', [dumpedEnv], { encoding: 'utf8' }).split('\0').filter((entry) => entry.includes('=')).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
);

const env = { ...process.env, TUXCONF_CACHE_DIR: cache };
tuxconfOnce(env); // builds the frontend once, as a first run on a tree does
type TuxconfRun = ReturnType<typeof tuxconfOnce>;
const conf: ReturnType<typeof confOnce>[] = [];
const cold: TuxconfRun[] = [];
const warm: TuxconfRun[] = [];
for (let i = 0; i < runs; i++) {
  conf.push(confOnce(kbuildEnv));
  rmSync(join(cache, 'shell-probes'), { recursive: true, force: true });
  cold.push(tuxconfOnce(env));
  warm.push(tuxconfOnce(env));
}

const mb = (kb: number) => (kb / 1024).toFixed(0);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, ${new Date().toISOString().slice(0, 10)}, Linux ${tree}`);
console.log(`runs: ${runs}; medians; input: Debian config.amd64_none_amd64 (6.12), ${warm[0]!.nodes} menu nodes`);
console.log('| what | wall ms | peak RSS MB |');
console.log('|---|---|---|');
console.log(`| kernel conf --olddefconfig (parse + read + write) | ${median(conf.map((r) => r.ms)).toFixed(0)} | ${mb(median(conf.map((r) => r.peakKb)))} |`);
const row = (label: string, rows: TuxconfRun[]) =>
  console.log(
    `| ${label} | ${median(rows.map((r) => r.ms)).toFixed(0)} | ${mb(median(rows.map((r) => r.nodePeakKb + r.frontendPeakKb)))} (node ${mb(median(rows.map((r) => r.nodePeakKb)))} + frontend ${mb(median(rows.map((r) => r.frontendPeakKb)))}) |`,
  );
row('tuxconf to full menu model, first run of a toolchain (probes run)', cold);
row('tuxconf to full menu model, probes memoized', warm);
rmSync(work, { recursive: true, force: true });
