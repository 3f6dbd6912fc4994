/**
 * How many lines per second the build log ingests: classifying, counting, the view's ring buffer,
 * the issue list and the log file. Two measurements over the same corpus of kbuild output lines
 * (object paths of the real 6.12 tree, a warning with gcc's source excerpt every 200 objects):
 *   1. BuildLog alone, in process;
 *   2. end to end: a real process (`cat`) writes the corpus into a pipe, the build handle reads it
 *      through execa, writes the log file and delivers ~50 ms batches to a subscriber that keeps a
 *      40-line view, as the Ink log view will.
 *
 *   node --import tsx bench/build-ingest.ts [--lines N] [--rounds N]
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { discoverKernelTree } from '../src/engine/kernel-tree.js';
import { BuildLog } from '../src/features/build/build-log.js';
import { runPlan } from '../src/features/build/build-run.js';
import type { MakePlan } from '../src/features/build/make-invocation.js';
import { kernelTree } from '../test/support/kernel-trees.js';
import { writeReportSection } from './build-report.js';

async function sourceFiles(root: string, dir: string, found: string[], limit: number): Promise<void> {
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    if (found.length >= limit) return;
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'Documentation' && entry.name !== 'tools') await sourceFiles(root, path, found, limit);
    else if (entry.isFile() && entry.name.endsWith('.c')) found.push(path);
  }
}

function corpus(paths: string[], lines: number): string[] {
  const out: string[] = [];
  for (let object = 0; out.length < lines; object += 1) {
    const path = paths[object % paths.length] as string;
    const base = path.slice(0, -2);
    out.push(object % 3 === 0 ? `  CC [M]  ${base}.o` : `  CC      ${base}.o`);
    if (object % 200 === 199) {
      out.push(`${path}: In function ‘probe_${object}’:`);
      out.push(`${path}:${(object % 900) + 10}:13: warning: unused variable ‘ret’ [-Wunused-variable]`);
      out.push(`  ${(object % 900) + 10} |         int ret;`);
      out.push('      |             ^~~');
    }
    if (object % 50 === 49) out.push(`  AR      ${path.slice(0, path.lastIndexOf('/'))}/built-in.a`);
  }
  return out.slice(0, lines);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string' }, rounds: { type: 'string' } } });
  const total = Number(values.lines ?? 500_000);
  const rounds = Number(values.rounds ?? 5);
  const src = kernelTree('6.12');
  const paths: string[] = [];
  await sourceFiles(src, '', paths, 40_000);
  const lines = corpus(paths, total);
  const text = `${lines.join('\n')}\n`;
  const work = await mkdtemp(join(tmpdir(), 'tuxconf-bench-ingest-'));
  try {
    const corpusPath = join(work, 'corpus.log');
    await writeFile(corpusPath, text);

    // 1. BuildLog alone, taking batches every 1000 lines as the timer would.
    const inProcess: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const log = new BuildLog();
      const started = performance.now();
      for (let index = 0; index < lines.length; index += 1) {
        log.ingest(lines[index] as string);
        if (index % 1000 === 999) {
          log.takeNewLines();
          log.takeText();
        }
      }
      inProcess.push(lines.length / ((performance.now() - started) / 1000));
    }

    // Baseline: the same pipe read through execa's line iterator with no processing.
    const pipeOnly: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const started = performance.now();
      let count = 0;
      const subprocess = execa('cat', [corpusPath], { all: true, buffer: false, stdin: 'ignore', detached: true });
      for await (const _line of subprocess.iterable({ from: 'all' })) count += 1;
      await subprocess;
      pipeOnly.push(count / ((performance.now() - started) / 1000));
    }

    // 2. End to end through the build handle, over the corpus once and four times.
    const tree = await discoverKernelTree({ tree: src, output: join(work, 'out'), arch: 'x86' });
    type EndToEnd = { rate: number; updates: number; maxBatch: number; rssGrowth: number; retained: number; logBytes: number; lines: number; warnings: number };
    const runEndToEnd = async (copies: number, round: number): Promise<EndToEnd> => {
      const plan: MakePlan = {
        command: 'cat',
        args: Array.from({ length: copies }, () => corpusPath),
        env: { PATH: process.env.PATH ?? '' },
        jobs: { jobs: 1, source: 'option' },
        targets: [],
      };
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const heapBefore = process.memoryUsage().heapUsed;
      let rssPeak = rssBefore;
      const logPath = join(work, `e2e-${copies}-${round}.log`);
      const started = performance.now();
      const handle = await runPlan(plan, tree, { logPath, historyPath: join(work, 'history.json'), collectArtifacts: false });
      let view: string[] = [];
      let updates = 0;
      let maxBatch = 0;
      handle.subscribe((update) => {
        updates += 1;
        maxBatch = Math.max(maxBatch, update.lines.length);
        view = [...view, ...update.lines.slice(-40).map((line) => line.text)].slice(-40);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      });
      const result = await handle.result;
      const seconds = (performance.now() - started) / 1000;
      if (result.counts.lines !== lines.length * copies || view.length !== 40) throw new Error(`lost lines: ${result.counts.lines} of ${lines.length * copies}`);
      global.gc?.();
      const retained = process.memoryUsage().heapUsed - heapBefore;
      const logBytes = (await stat(logPath)).size;
      await rm(logPath);
      // Keep the handle (and its ring) alive until measured.
      if (handle.snapshot().counts.lines === 0) throw new Error('empty');
      return { rate: result.counts.lines / seconds, updates, maxBatch, rssGrowth: rssPeak - rssBefore, retained, logBytes, lines: result.counts.lines, warnings: result.counts.warnings };
    };
    const endToEnd: EndToEnd[] = [];
    for (let round = 0; round < rounds; round += 1) endToEnd.push(await runEndToEnd(1, round));
    const large: EndToEnd[] = [];
    for (let round = 0; round < Math.max(1, Math.floor(rounds / 2)); round += 1) large.push(await runEndToEnd(4, round));
    const big = large[Math.floor(large.length / 2)] as EndToEnd;

    const e2e = endToEnd[Math.floor(endToEnd.length / 2)] as (typeof endToEnd)[number];
    const report = `### Log ingestion (bench/build-ingest.ts)

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg().map((value) => value.toFixed(2)).join(' ')}; Node ${process.version}.
Corpus: ${lines.length.toLocaleString('en')} lines (${mib(text.length)}) of kbuild quiet output over ${paths.length.toLocaleString('en')} real 6.12 source paths, a gcc warning with its excerpt every 200 objects (${e2e.warnings} warnings). Median of ${rounds} rounds.

| what | lines/s |
|---|---:|
| BuildLog.ingest alone (classify, count, ring, issues, text) | ${Math.round(median(inProcess)).toLocaleString('en')} |
| execa line iterator over a \`cat\` pipe, no processing (baseline) | ${Math.round(median(pipeOnly)).toLocaleString('en')} |
| end to end: \`cat\` → build handle → log file + 50 ms batches to a 40-line view | ${Math.round(median(endToEnd.map((run) => run.rate))).toLocaleString('en')} |
| the same over the corpus 4 times (${big.lines.toLocaleString('en')} lines) | ${Math.round(median(large.map((run) => run.rate))).toLocaleString('en')} |

The baseline reads the same pipe with the same execa options (\`all\`, \`buffer: false\`, \`detached\`), so the difference is the build handle's own work.

Memory stays bounded (view ring 20,000 lines, issue list 10,000): after ${e2e.lines.toLocaleString('en')} lines the heap retained ${mib(e2e.retained)} and RSS peaked ${mib(e2e.rssGrowth)} above the start; after ${big.lines.toLocaleString('en')} lines (${mib(big.logBytes)} log file, every line written) ${mib(big.retained)} retained and an RSS peak of ${mib(big.rssGrowth)}. ${e2e.updates} batches reached the view for ${e2e.lines.toLocaleString('en')} lines (largest ${e2e.maxBatch.toLocaleString('en')}: \`cat\` outruns 50 ms; bursts beyond the ring are clipped for the view, never for the file). The RSS peak is garbage V8 had not collected yet at this rate, not retained data (see the retained heap).
For scale, kbuild's quiet mode prints about one line per step: building \`lib/\` of an x86 defconfig printed 201 lines for 177 objects (bench/build-wall.ts), so a real build produces lines thousands of times slower than this handle ingests them.
`;
    process.stdout.write(report);
    await writeReportSection('1-ingest', report);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
