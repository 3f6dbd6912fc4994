/**
 * Search latency on a real kernel tree: index build time, then every keystroke of realistic
 * queries typed one character at a time, timed as the UI would run them (ranked search over
 * every symbol with help text, plus describing the shown results against the current state).
 *
 *   node --import tsx bench/search-latency.ts [--tree DIR] [--config FILE] [--rounds N]
 *
 * Defaults: the extracted Debian 6.12 source (test/support/kernel-trees.ts) with Debian's
 * amd64 config. Prints a markdown report.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openSession } from '../src/engine/open-session.js';
import { buildSearchIndex, buildSearchIndexInSteps } from '../src/features/search/search-index.js';
import { searchSymbols } from '../src/features/search/search-result.js';
import { SymbolSearch } from '../src/features/search/symbol-search.js';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';

/** What people type: names, CONFIG_ names, prompt words, vendor + device, help-only words, typos. */
const QUERIES = [
  'e1000e', 'CONFIG_E1000E', 'ethernet', 'wireguard', 'bluetooth', 'nvme', 'realtek 8169', 'amdgpu',
  'ext4', 'btrfs', 'iwlwifi', 'usb serial', 'kvm', 'virtio net', 'netfilter', 'nouveau', 'i915',
  'sata ahci', 'raid', 'selinux', 'apparmor', 'zram', 'squashfs', 'overlay', 'cgroup', 'bpf',
  'ftrace', 'kasan', 'hugepage', 'numa', 'preempt', 'timer frequency', 'intel pro/1000 pcie',
  'sound hda intel', 'thunderbolt', 'webcam', 'tune2fs', 'rtl8168', 'blutooth', 'wiregaurd',
  'etherent', 'ext4 filesytem', 'nmve', 'e1000r', 'framebuffer', 'touchpad', 'fuse', 'xfs',
];
const LENGTHS = [1, 2, 3, 4, 5, 6, 7, 8];
const LIMIT = 50;

interface Sample {
  length: number;
  /** Wall-clock time, what the user waits. */
  ms: number;
  /** CPU time of the process (all its threads): the same without waiting for a busy machine's cores. */
  cpuMs: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tree: { type: 'string' }, config: { type: 'string' }, rounds: { type: 'string' } },
  });
  const rounds = Number(values.rounds ?? 3);
  const work = await mkdtemp(join(tmpdir(), 'tuxconf-bench-search-'));
  try {
    const configPath = values.config ?? join(work, 'debian.config');
    if (!values.config) await writeFile(configPath, debianConfig('6.12'));
    const session = await openSession({ tree: values.tree ?? kernelTree('6.12'), output: join(work, 'out'), config: configPath });
    try {
      const { model } = session;
      const helpChars = model.symbols.reduce((sum, symbol) => sum + symbol.help.length, 0);
      // The first build is what the app pays: once per process, before the JIT knows the code.
      let start = performance.now();
      let index = buildSearchIndex(model);
      const firstBuild = performance.now() - start;
      const stepped = await timeSteppedBuild(model);
      const builds: number[] = [];
      for (let i = 0; i < 5; i++) {
        start = performance.now();
        index = buildSearchIndex(model);
        builds.push(performance.now() - start);
      }
      const samples: Sample[] = [];
      let firstKeystroke = 0;
      for (let round = 0; round < rounds; round++) {
        for (const query of QUERIES) {
          // A new search per query: no per-word results carried over from an earlier search.
          const search = new SymbolSearch(index);
          for (let length = 1; length <= query.length; length++) {
            const cpu = process.cpuUsage();
            start = performance.now();
            searchSymbols(search, session.state, query.slice(0, length), { limit: LIMIT });
            const ms = performance.now() - start;
            const used = process.cpuUsage(cpu);
            if (samples.length === 0) firstKeystroke = ms;
            samples.push({ length, ms, cpuMs: (used.user + used.system) / 1000 });
          }
        }
      }
      const tree = `${session.kernel.srcTree} (${session.kernel.version}, ${session.kernel.arch})`;
      process.stdout.write(
        report({ tree, symbols: model.symbols.length, helpChars, builds, firstBuild, stepped, samples, firstKeystroke, rounds }),
      );
    } finally {
      await session.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The build in slices (as a UI runs it): total time and the longest the event loop was held. */
async function timeSteppedBuild(model: Parameters<typeof buildSearchIndex>[0]): Promise<{ total: number; longestBlock: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const start = performance.now();
  await buildSearchIndexInSteps(model);
  const total = performance.now() - start;
  delay.disable();
  return { total, longestBlock: delay.max / 1e6 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(r: {
  tree: string;
  symbols: number;
  helpChars: number;
  builds: number[];
  firstBuild: number;
  stepped: { total: number; longestBlock: number };
  samples: Sample[];
  firstKeystroke: number;
  rounds: number;
}): string {
  const ms = (value: number) => value.toFixed(1);
  const row = (label: string, samples: Sample[]) => {
    const wall = samples.map((sample) => sample.ms);
    const cpu = samples.map((sample) => sample.cpuMs);
    return `| ${label} | ${samples.length} | ${ms(percentile(wall, 50))} | ${ms(percentile(wall, 95))} | ${ms(Math.max(...wall))} | ${ms(percentile(cpu, 50))} | ${ms(percentile(cpu, 95))} |`;
  };
  const rows = LENGTHS.map((length) => row(String(length), r.samples.filter((sample) => sample.length === length)));
  return `## Search latency (bench/search-latency.ts)

Tree: ${r.tree}; ${r.symbols} symbols, ${(r.helpChars / 1e6).toFixed(1)} MB of help text indexed.
Machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} at the end.

Index build (names, prompts, menu paths, help words, fuse.js typo index): ${ms(r.firstBuild)} ms the
first time in a process; ${ms(percentile(r.builds, 50))} ms median of ${r.builds.length} rebuilds after it. Built in
slices with buildSearchIndexInSteps (as a UI would, between keys): ${ms(r.stepped.total)} ms in all, holding the
event loop at most ${ms(r.stepped.longestBlock)} ms at a time.

Per keystroke: ${QUERIES.length} realistic queries (names, CONFIG_ names, prompt words, vendor + device,
help-only words, typos) typed one character at a time, ${r.rounds} rounds, a fresh search per query,
top ${LIMIT} results described against the current state. First keystroke after the build: ${ms(r.firstKeystroke)} ms.

| query length | keystrokes | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |
|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
${row('1-8', r.samples.filter((sample) => sample.length <= 8))}
${row('all', r.samples)}
`;
}

await main();
