/**
 * Wall time of the same kernel target built through `tuxconf build` and through plain make, in
 * the same run and the same O= directory, alternating the order each round. Before every build
 * the target's output is removed, so each one compiles the same objects.
 *
 *   node --import tsx bench/build-wall.ts [--target lib/] [--rounds 6] [--jobs N] [--tsx]
 *
 * `tuxconf build` runs as users get it: the compiled CLI (tsc output of src/, as npm's prepare
 * step makes it) in its own node process; a row from the TypeScript sources through tsx (what
 * bin/tuxconf falls back to without dist/) is added for reference.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { kernelMake, kernelTree } from '../test/support/kernel-trees.js';
import { writeReportSection } from './build-report.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

type Variant = 'make' | 'tuxconf' | 'tuxconf (tsx)';

interface Run {
  variant: Variant;
  round: number;
  seconds: number;
  compiled: number;
  exitCode: number | null;
  /** CPU time of the tuxconf process itself (user + system), the overhead that load cannot blur. */
  tuxconfCpuMs?: number;
  cpuSeconds?: number;
}

interface Timing {
  seconds: number;
  exitCode: number | null;
  /** User + system CPU of the whole process tree (GNU time's rusage of waited-for children). */
  cpuSeconds?: number;
}

const GNU_TIME = '/usr/bin/time';

async function timed(command: string, args: string[], outputPath: string, cwd: string): Promise<Timing> {
  const fd = openSync(outputPath, 'w');
  const withTime = existsSync(GNU_TIME);
  const started = performance.now();
  const child = withTime
    ? spawn(GNU_TIME, ['-f', 'rusage %e %U %S', command, ...args], { cwd, stdio: ['ignore', fd, fd] })
    : spawn(command, args, { cwd, stdio: ['ignore', fd, fd] });
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  closeSync(fd);
  const timing: Timing = { seconds, exitCode };
  const rusage = /^rusage ([\d.]+) ([\d.]+) ([\d.]+)$/m.exec(await readFile(outputPath, 'utf8'));
  if (rusage) timing.cpuSeconds = Number(rusage[2]) + Number(rusage[3]);
  return timing;
}

/** Compiles src/ with the project's build config into a directory of its own, beside a runner. */
async function compiledCli(work: string): Promise<string> {
  const out = join(work, 'cli');
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(out, 'dist')], { cwd: repo, reject: false });
  await copyFile(join(repo, 'package.json'), join(out, 'package.json'));
  await symlink(join(repo, 'node_modules'), join(out, 'node_modules'));
  await writeFile(join(out, 'run.js'), runnerSource('./dist/cli/main.js', './dist/cli/commands/build.js'));
  return join(out, 'run.js');
}

/** Through main when the lead has wired `build` into it, else the command itself. */
function runnerSource(mainPath: string, commandPath: string): string {
  return `const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), stdoutIsTTY: Boolean(process.stdout.isTTY) };
const { commands } = await import(${JSON.stringify(mainPath.replace('main.js', 'commands/index.js'))});
let code;
if (commands.some((command) => command.name === 'build')) {
  const { main } = await import(${JSON.stringify(mainPath)});
  code = await main(['build', ...process.argv.slice(2)], io);
} else {
  const { buildCommand } = await import(${JSON.stringify(commandPath)});
  code = await buildCommand.run(process.argv.slice(2), io);
}
process.exitCode = code;
const cpu = process.cpuUsage();
process.stderr.write(\`tuxconf-cpu-ms \${Math.round((cpu.user + cpu.system) / 1000)}\\n\`);
`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { target: { type: 'string' }, rounds: { type: 'string' }, jobs: { type: 'string' }, tsx: { type: 'boolean' } } });
  const target = values.target ?? 'lib/';
  // An even number of rounds gives each variant as many first as second places.
  const rounds = Number(values.rounds ?? 6);
  const jobs = Number(values.jobs ?? availableParallelism());
  const src = kernelTree('6.12');
  const work = await mkdtemp(join(tmpdir(), 'tuxconf-bench-wall-'));
  try {
    const objTree = join(work, 'out');
    kernelMake(src, objTree, ['defconfig']);
    kernelMake(src, objTree, [`-j${jobs}`, 'prepare']);
    const compiled = await compiledCli(work);
    const targetDir = join(objTree, target.replace(/\/$/, ''));

    const commandFor = (variant: Variant, logPath: string): [string, string[]] => {
      const kbuild = ['-C', src, '-O', objTree, '--arch', 'x86', '-j', String(jobs)];
      if (variant === 'make') return ['make', ['-C', src, `O=${objTree}`, 'ARCH=x86', `-j${jobs}`, target]];
      const entry = variant === 'tuxconf' ? [compiled] : ['--import', 'tsx', join(repo, 'test/build/support/run-build-cli.ts')];
      return [process.execPath, [...entry, ...kbuild, '--log', logPath, '--', target]];
    };

    const runs: Run[] = [];
    const extra: Variant[] = values.tsx ? ['tuxconf (tsx)'] : [];
    const orders: Variant[][] = [
      ['make', 'tuxconf', ...extra],
      ['tuxconf', 'make', ...extra],
    ];
    // One untimed build first, so both variants meet warm caches.
    await rm(targetDir, { recursive: true, force: true });
    await timed('make', ['-C', src, `O=${objTree}`, 'ARCH=x86', `-j${jobs}`, target], join(work, 'warmup.log'), repo);
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of orders[round % 2] as Variant[]) {
        await rm(targetDir, { recursive: true, force: true });
        const outputPath = join(work, `${variant.replace(/\W+/g, '-')}-${round}.out`);
        const logPath = join(work, `${variant.replace(/\W+/g, '-')}-${round}.log`);
        const [command, args] = commandFor(variant, logPath);
        const { seconds, exitCode, cpuSeconds } = await timed(command, args, outputPath, repo);
        const log = await readFile(variant === 'make' ? outputPath : logPath, 'utf8');
        const compiledObjects = (log.match(/^ {2}CC {6}\S+\.o$/gm) ?? []).length;
        const cpu = /^tuxconf-cpu-ms (\d+)$/m.exec(await readFile(outputPath, 'utf8'));
        const run: Run = { variant, round, seconds, compiled: compiledObjects, exitCode };
        if (cpu) run.tuxconfCpuMs = Number(cpu[1]);
        if (cpuSeconds !== undefined) run.cpuSeconds = cpuSeconds;
        runs.push(run);
        process.stderr.write(`${variant} round ${round}: ${seconds.toFixed(2)} s wall, ${cpuSeconds?.toFixed(2)} s CPU, ${compiledObjects} objects, exit ${exitCode}, load ${loadavg()[0]?.toFixed(2)}\n`);
      }
    }

    const byVariant = (variant: Variant): Run[] => runs.filter((run) => run.variant === variant);
    const makeMedian = median(byVariant('make').map((run) => run.seconds));
    const makeCpu = median(byVariant('make').map((run) => run.cpuSeconds ?? Number.NaN));
    const rows = (['make', 'tuxconf', ...extra] as Variant[]).map((variant) => {
      const list = byVariant(variant);
      const med = median(list.map((run) => run.seconds));
      const delta = ((med / makeMedian - 1) * 100).toFixed(1);
      const cpu = median(list.map((run) => run.cpuSeconds ?? Number.NaN));
      const cpuDelta = ((cpu / makeCpu - 1) * 100).toFixed(1);
      const signed = (text: string): string => `${text.startsWith('-') ? '' : '+'}${text} %`;
      return `| ${variant === 'make' ? 'plain make' : `tuxconf build, ${variant === 'tuxconf' ? 'compiled CLI' : 'sources through tsx'}`} | ${list.map((run) => run.seconds.toFixed(2)).join(', ')} | ${med.toFixed(2)} | ${variant === 'make' ? '' : signed(delta)} | ${cpu.toFixed(2)} | ${variant === 'make' ? '' : signed(cpuDelta)} | ${[...new Set(list.map((run) => run.compiled))].join('/')} |`;
    });
    const roundDeltas = Array.from({ length: rounds }, (_, round) => {
      const make = runs.find((run) => run.variant === 'make' && run.round === round) as Run;
      const tuxconf = runs.find((run) => run.variant === 'tuxconf' && run.round === round) as Run;
      return (tuxconf.seconds / make.seconds - 1) * 100;
    });
    const pairRatios = roundDeltas.map((delta) => `${delta.toFixed(1)} %`);
    const spread = Math.max(...roundDeltas) - Math.min(...roundDeltas);
    const noisy = spread > 6
      ? ` The rounds disagree by ${spread.toFixed(0)} points: other work on the machine dominated the wall times, which cannot resolve 3 % here; the CPU columns and tuxconf's own CPU time can.`
      : '';
    const compiledDelta = (median(byVariant('tuxconf').map((run) => run.seconds)) / makeMedian - 1) * 100;
    const cpuDelta = (median(byVariant('tuxconf').map((run) => run.cpuSeconds ?? Number.NaN)) / makeCpu - 1) * 100;
    const failures = runs.filter((run) => run.exitCode !== 0);
    const cpuMs = byVariant('tuxconf').flatMap((run) => (run.tuxconfCpuMs === undefined ? [] : [run.tuxconfCpuMs]));
    const report = `### Wall time: \`tuxconf build\` vs plain make (bench/build-wall.ts)

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load at the end ${loadavg().map((value) => value.toFixed(2)).join(' ')}; Node ${process.version}.
Target \`${target}\` of the Debian 6.12 tree, x86 defconfig in an O= directory (prepared once), \`-j${jobs}\` for both; the target's output is removed before every build; ${rounds} rounds, order alternating (make first in even rounds), after one untimed warm-up build.
Plain make writes to a file (\`make ... > log 2>&1\`); \`tuxconf build\` streams to a non-terminal stdout and writes its own log file.

| variant | wall, each run (s) | wall median (s) | vs make | CPU median (s) | vs make | objects compiled |
|---|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

Per round, compiled tuxconf vs make: ${pairRatios.join(', ')}. CPU time of the tuxconf process itself (node start, streaming, log file, summary; make and the compilers excluded): median ${median(cpuMs)} ms per build (${cpuMs.join(', ')}), ${((median(cpuMs) / 1000 / makeMedian) * 100).toFixed(1)} % of make's median wall time. Overhead target (tuxconf at most 3 % slower than make): wall ${compiledDelta <= 3 ? 'met' : 'NOT met'} (${compiledDelta >= 0 ? '+' : ''}${compiledDelta.toFixed(1)} % on the medians), CPU of the whole process tree ${cpuDelta <= 3 ? 'met' : 'NOT met'} (${cpuDelta >= 0 ? '+' : ''}${cpuDelta.toFixed(1)} %). CPU is GNU time's user+system of everything each variant ran (make, compilers, and for tuxconf the node process too); unlike wall time it barely moves when other work shares the machine.${noisy}${failures.length ? `\nFailed runs: ${failures.map((run) => `${run.variant} #${run.round} exit ${run.exitCode}`).join(', ')}` : ''}
`;
    process.stdout.write(report);
    await writeReportSection('2-wall', report);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
