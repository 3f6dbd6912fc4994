/**
 * Issue 13's start from what is known: how soon a session can draw its first menu and how soon the
 * kconfig frontend is ready, for this build and for an earlier one (`--baseline DIR`: a checkout
 * with its own dist/), beside the kernel's `conf --olddefconfig`, alternating, in one run. Debian's
 * 6.12 source and amd64 config, x86_64.
 *
 *   npm run build && node --import tsx bench/start-speed.ts [--runs N] [--baseline DIR]
 *
 * Kinds: warm (every cache filled by earlier runs), cold (tuxconf's start cache and probe memo
 * empty; the frontend binary and the kconfig objects stay built, as after a first run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, baseline: { type: 'string' } } });
const runs = Number(args.runs ?? 5);
const tree = kernelTree('6.12');
const config = debianConfig('6.12');
const work = mkdtempSync(join(tmpdir(), 'tuxconf-bench-start-'));
const child = fileURLToPath(new URL('./start-child.mjs', import.meta.url));
const builds: { name: string; dist: string }[] = [{ name: 'this build', dist: fileURLToPath(new URL('../dist', import.meta.url)) }];
if (args.baseline) builds.unshift({ name: 'baseline', dist: join(args.baseline, 'dist') });

interface Sample {
  drawableMs: number;
  readyMs: number;
  peakMb: number;
}

function outputDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.config'), config);
  return dir;
}

function tuxconfOnce(dist: string, output: string, cache: string): Sample {
  writeFileSync(join(output, '.config'), config);
  const spawned = Date.now();
  const result = spawnSync(process.execPath, [child, dist, tree, output], { env: { ...process.env, TUXCONF_CACHE_DIR: cache }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  const r = JSON.parse(result.stdout) as { drawable: number; ready: number; nodePeakKb: number; frontendPeakKb: number; value: string };
  if (r.value !== 'm') throw new Error(`E1000E is ${r.value}, not m`);
  return { drawableMs: r.drawable - spawned, readyMs: r.ready - spawned, peakMb: (r.nodePeakKb + r.frontendPeakKb) / 1024 };
}

/** conf as `make olddefconfig` runs it: in the output directory, with kbuild's environment. */
function confOnce(output: string, env: NodeJS.ProcessEnv): number {
  writeFileSync(join(output, '.config'), config);
  const started = Date.now();
  const result = spawnSync('./scripts/kconfig/conf', ['--olddefconfig', 'Kconfig'], { cwd: output, env });
  if (result.status !== 0) throw new Error(String(result.stderr));
  return Date.now() - started;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const confOut = outputDir('conf');
execFileSync('make', ['-s', '-C', tree, `O=${confOut}`, 'ARCH=x86', 'olddefconfig']);
const dump = join(work, 'env');
execFileSync('make', [
  '-s',
  '-C',
  tree,
  `O=${confOut}`,
  'ARCH=x86',
  `--eval=ifeq ($(obj),scripts/kconfig)\nbench-envconfig: ; @env -0 > ${dump}\nendif`,
  'bench-envconfig',
]);
const kbuildEnv = Object.fromEntries(
  execFileSync('cat', [dump], { encoding: 'utf8' })
    .split('\0')
    .filter((entry) => entry.includes('='))
    .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
);

const setups = builds.map((build, index) => {
  const output = outputDir(`out-${index}`);
  const cache = join(work, `cache-${index}`);
  tuxconfOnce(build.dist, output, cache); // builds the frontend and fills every cache once
  return { ...build, output, cache, warm: [] as Sample[], cold: [] as Sample[] };
});
const conf: number[] = [];
const loadBefore = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
for (let round = 0; round < runs; round++) {
  conf.push(confOnce(confOut, kbuildEnv));
  for (const setup of round % 2 === 0 ? setups : [...setups].reverse()) {
    for (const name of ['start', 'shell-probes']) rmSync(join(setup.cache, name), { recursive: true, force: true });
    setup.cold.push(tuxconfOnce(setup.dist, setup.output, setup.cache));
    setup.warm.push(tuxconfOnce(setup.dist, setup.output, setup.cache));
  }
}
const loadAfter = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load ${loadBefore} -> ${loadAfter}; ${runs} runs, medians; Debian 6.12, config.amd64_none_amd64`,
);
console.log('| what | first menu drawable, ms | frontend ready, ms | peak RSS MB (node + frontend) |');
console.log('|---|---:|---:|---:|');
console.log(`| kernel conf --olddefconfig (parse + read + write) | | ${median(conf)} | |`);
for (const setup of setups) {
  for (const [kind, samples] of [
    ['warm', setup.warm],
    ['cold (start cache and probe memo empty)', setup.cold],
  ] as const) {
    console.log(
      `| ${setup.name}, ${kind} | ${median(samples.map((s) => s.drawableMs))} | ${median(samples.map((s) => s.readyMs))} | ${median(samples.map((s) => s.peakMb)).toFixed(0)} |`,
    );
  }
}
rmSync(work, { recursive: true, force: true });
