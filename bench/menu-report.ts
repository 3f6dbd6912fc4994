import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import type { PasteTiming, SearchTiming } from './menu-session.js';
import type { ProgramName } from './menu-programs.js';
import { type KeyResult, median, spread } from './trace-stats.js';

export type StartKind = 'fresh' | 'cold-cache' | 'warm';

export interface MemorySample {
  /** Sum of every process's VmHWM. */
  totalKb: number;
  /** VmHWM summed by process name (node, tuxconf-kconfig, make, mconf). */
  parts: Record<string, number>;
}

type PerProgram<T> = Record<ProgramName, T>;

export interface BenchResults {
  starts: Record<StartKind, PerProgram<number[]>>;
  /** Cursor moves in Device Drivers (a long menu that scrolls). */
  moves: PerProgram<KeyResult[]>;
  /** Cursor moves in the main menu (about 20 entries). */
  mainMenuMoves: PerProgram<KeyResult[]>;
  toggles: PerProgram<KeyResult[]>;
  search: PerProgram<SearchTiming[]>;
  paste: Partial<PerProgram<PasteTiming>>;
  memory: PerProgram<MemorySample[]>;
  plan: { coldRuns: number; warmRuns: number; moves: number; toggles: number; words: string[]; pasteTimeoutMs: number; pasteLength: number };
  machine: Machine;
  startedAt: string;
  load: { before: number[]; after: number[] };
  warnings: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  kernel: string;
  node: string;
  gcc: string;
  ncurses: string;
}

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

export function machineDescription(): Machine {
  const osRelease = (() => {
    try {
      return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'unknown';
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    os: osRelease,
    kernel: firstLine('uname', ['-r']),
    node: process.version,
    gcc: firstLine('gcc', ['-dumpfullversion']),
    ncurses: firstLine('dpkg-query', ['-W', '-f=${Version}', 'libncurses-dev']),
  };
}

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const seconds = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${(value / 1000).toFixed(2)} s`);
const ratio = (ours: number, theirs: number): string => (Number.isNaN(ours) || Number.isNaN(theirs) || theirs === 0 ? 'n/a' : `${(ours / theirs).toFixed(ours / theirs >= 10 ? 0 : 2)}x`);
const mb = (kb: number): string => (Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const verdict = (met: boolean): string => (met ? 'met' : '**not met**');

function latencies(results: readonly KeyResult[]): number[] {
  return results.flatMap((result) => (result.latencyMs === null ? [] : [result.latencyMs]));
}

function bytes(results: readonly KeyResult[]): number[] {
  return results.map((result) => result.bytes);
}

/** "p50 / p95" of two spreads side by side, with both ratios. */
function pairRow(label: string, tux: number[], make: number[], format: (value: number) => string, target: string, limit: number): string {
  const t = spread(tux);
  const m = spread(make);
  const met = Number.isNaN(t.p95) ? null : t.p95 <= limit;
  return `| ${label} | ${format(m.p50)} / ${format(m.p95)} | ${format(t.p50)} / ${format(t.p95)} | ${ratio(t.p50, m.p50)} / ${ratio(t.p95, m.p95)} | ${target}${met === null ? '' : `: ${verdict(met)}`} |`;
}

function pasteFigure(timing: PasteTiming | undefined, timeoutMs: number): { total: number; text: string } {
  if (!timing) return { total: Number.NaN, text: 'not run' };
  if (timing.paste.timedOut || timing.paste.latencyMs === null) return { total: Number.NaN, text: `not settled after ${seconds(timeoutMs)}` };
  const enter = timing.enter?.latencyMs ?? 0;
  const total = timing.paste.latencyMs + enter;
  return { total, text: timing.enter ? `${ms(total)} ms (${ms(timing.paste.latencyMs)} + Enter ${ms(enter)})` : `${ms(total)} ms` };
}

/** The BENCHMARKS.md section for one run. */
export function menuBenchMarkdown(results: BenchResults): string {
  const { machine, plan } = results;
  const startRow = (kind: StartKind, label: string, target: string, limit: number | null): string => {
    const tux = median(results.starts[kind].tuxconf);
    const make = median(results.starts[kind]['make menuconfig']);
    const met = limit === null || Number.isNaN(tux) || Number.isNaN(make) ? null : tux <= limit * make;
    return `| ${label} | ${seconds(make)} | ${seconds(tux)} | ${ratio(tux, make)} | ${target}${met === null ? '' : `: ${verdict(met)}`} |`;
  };
  const moveTux = results.moves.tuxconf;
  const moveMake = results.moves['make menuconfig'];
  const toggleTux = results.toggles.tuxconf;
  const searchKeys = (name: ProgramName) => results.search[name].flatMap((timing) => timing.keys);
  const tuxPaste = pasteFigure(results.paste.tuxconf, plan.pasteTimeoutMs);
  const makePaste = pasteFigure(results.paste['make menuconfig'], plan.pasteTimeoutMs);
  const peak = (name: ProgramName) => (results.memory[name].length ? Math.max(...results.memory[name].map((sample) => sample.totalKb)) : Number.NaN);
  const peakParts = (name: ProgramName) => {
    const top = results.memory[name].reduce((best, sample) => (sample.totalKb > best.totalKb ? sample : best), results.memory[name][0] ?? { totalKb: 0, parts: {} });
    return Object.entries(top.parts)
      .map(([name, kb]) => `${name} ${mb(kb)}`)
      .join(' + ');
  };
  const allKeys = [...moveTux, ...moveMake, ...results.mainMenuMoves.tuxconf, ...results.mainMenuMoves['make menuconfig'], ...toggleTux, ...results.toggles['make menuconfig'], ...searchKeys('tuxconf'), ...searchKeys('make menuconfig')];
  const stale = allKeys.filter((key) => key.staleBytes > 0).length;
  const timedOut = allKeys.filter((key) => key.timedOut).length;
  const date = results.startedAt.replace('T', ' ').slice(0, 16);

  const lines = [
    '## tuxconf beside `make menuconfig` in a real terminal (bench/menu-bench.ts)',
    '',
    '`npm run bench` (`-- --quick` for a short run) runs both programs in the same run, one at a time, each in a real',
    'pseudo-terminal of 80x24 (bench/pty-driver.py, Python\'s `pty`; TERM=xterm-256color, LANG=C.UTF-8), in the Debian 6.12',
    'source with Debian\'s `config.amd64_none_amd64` in an output directory of its own (`make O=DIR menuconfig`,',
    '`tuxconf -O DIR`, started in the tree as a user types them; tuxconf is the compiled CLI, `bin/tuxconf`). Keys are',
    'written as a terminal writes them (Down is `ESC O B` once a program has switched on application cursor keys, as',
    'ncurses does, else `ESC [ B`; a paste is one write). The screen is read back through a small terminal model',
    '(bench/screen.ts) to find the menu, the cursor row and the search box; every time is measured in the driver',
    'from the write (or the spawn) to the last byte of the answer; the quiet gap that ends an answer is not counted.',
    '',
    `Run of ${date} UTC. Machine: ${machine.cores} x ${machine.cpu}, ${machine.ramGiB} GiB RAM, ${machine.os} (Linux ${machine.kernel}), Node ${machine.node}, gcc ${machine.gcc}, ncurses ${machine.ncurses}.`,
    `Load average (1/5/15 min) before ${results.load.before.map((value) => value.toFixed(2)).join(' ')}, after ${results.load.after.map((value) => value.toFixed(2)).join(' ')}: the machine is shared, and both programs met the same load, alternating.`,
    '',
    '| measure | make menuconfig | tuxconf | tuxconf / menuconfig | target (issue 13) |',
    '|---|---:|---:|---:|---|',
    startRow('fresh', 'start to first menu, nothing built yet (median)', '≤ 1.0x', 1),
    startRow('cold-cache', "start to first menu, tuxconf's cache empty (median)", '≤ 1.0x', 1),
    startRow('warm', 'start to first menu, warm (median)', '≤ 0.35x', 0.35),
    pairRow('cursor move in Device Drivers, key to last byte, ms p50 / p95', latencies(moveTux), latencies(moveMake), ms, 'p95 ≤ 10 ms', 10),
    pairRow('bytes written per cursor move in Device Drivers, p50 / p95', bytes(moveTux), bytes(moveMake), (value) => value.toFixed(0), 'p95 ≤ 512', 512),
    pairRow('cursor move in the main menu, key to last byte, ms p50 / p95', latencies(results.mainMenuMoves.tuxconf), latencies(results.mainMenuMoves['make menuconfig']), ms, 'p95 ≤ 10 ms', 10),
    pairRow('bytes written per cursor move in the main menu, p50 / p95', bytes(results.mainMenuMoves.tuxconf), bytes(results.mainMenuMoves['make menuconfig']), (value) => value.toFixed(0), 'p95 ≤ 512', 512),
    pairRow('toggle (y/n on a bool) to redrawn screen, ms p50 / p95', latencies(toggleTux), latencies(results.toggles['make menuconfig']), ms, 'p95 ≤ 25 ms', 25),
    pairRow('search: tuxconf per keystroke; menuconfig Enter to results, ms p50 / p95', latencies(searchKeys('tuxconf')), latencies(searchKeys('make menuconfig')), ms, 'p95 ≤ 16 ms', 16),
    `| ${plan.pasteLength.toLocaleString('en-US')}-character paste into search, to settled screen | ${makePaste.text} | ${tuxPaste.text} | ${ratio(tuxPaste.total, makePaste.total)} | < 1 s${results.paste.tuxconf ? `: ${verdict(tuxPaste.total < 1000)}` : ''} |`,
    `| peak memory (VmHWM, summed over the program's processes) | ${mb(peak('make menuconfig'))} (${peakParts('make menuconfig')}) | ${mb(peak('tuxconf'))} (${peakParts('tuxconf')}) | ${ratio(peak('tuxconf'), peak('make menuconfig'))} | < 200 MB${Number.isNaN(peak('tuxconf')) ? '' : `: ${verdict(peak('tuxconf') < 200 * 1024)}`} |`,
    '',
    `Each start (s), in run order: ${(['fresh', 'cold-cache', 'warm'] as StartKind[])
      .map((kind) => `${kind === 'fresh' ? 'nothing built' : kind === 'cold-cache' ? 'cache empty' : 'warm'}: menuconfig ${results.starts[kind]['make menuconfig'].map((value) => (value / 1000).toFixed(2)).join(', ') || '-'}; tuxconf ${results.starts[kind].tuxconf.map((value) => (value / 1000).toFixed(2)).join(', ') || '-'}`)
      .join('. ')}.`,
    `Peak memory of each interactive session: menuconfig ${results.memory['make menuconfig'].map((sample) => mb(sample.totalKb)).join(', ') || '-'}; tuxconf ${results.memory.tuxconf.map((sample) => mb(sample.totalKb)).join(', ') || '-'} (sessions: moves in Device Drivers, moves in the main menu, toggles, search and paste).`,
    '',
    'How each figure is taken:',
    `- Start: from the spawn to the last byte of the first full main menu (the row "General setup  --->" on screen, then ${150} ms without output). ${plan.coldRuns} runs of each cold kind, ${plan.warmRuns} warm, after one untimed first run; the two programs alternate. "Nothing built yet": a new output directory holding only the .config (make builds mconf and the kconfig library; tuxconf probes kbuild, builds the kconfig library and its frontend) and, for tuxconf, an empty cache directory (TUXCONF_CACHE_DIR). "Cache empty": the output directory of the earlier runs (its kconfig objects built) and an empty TUXCONF_CACHE_DIR, against menuconfig in its built output directory (menuconfig has no cache: its every start is this one). "Warm": second and later runs in the same directories. The OS page cache is warm in every case (the tree was read before); neither program is given a dropped page cache.`,
    `- Cursor move: ${plan.moves} Down/Up keys in Device Drivers (119 entries with this config: the list scrolls), and as many in the main menu (20 entries), going down to the last entry and back up, after 2 s without keys (tuxconf builds its search index after the first frame), each timed from the key to the last byte drawn for it, the answer ending after 100 ms without output; a key at either end that changes nothing is not counted. tuxconf's answer includes its info pane, which follows the cursor.`,
    `- Toggle: ${plan.toggles} alternating y and n on "Automatically append version information to the version string" (LOCALVERSION_AUTO, a bool) in General setup, after 2 s without keys, each to the last byte of the redrawn screen (tuxconf's change is not saved; neither program saves).`,
    `- Search: the words ${plan.words.map((word) => `\`${word}\``).join(', ')}. tuxconf searches as it is typed: each keystroke is timed to the last byte of the results it draws (after the search index was built). menuconfig's search dialog only searches on Enter: its figure is Enter to the last byte of the results box for the same word, once per word; so the two columns time different things, and the ratio is for orientation only.`,
    `- Paste: ${plan.pasteLength.toLocaleString('en-US')} characters of plain words written into the empty search box in one write (no bracketed paste: neither program asks for it), timed to the last byte before 300 ms without output once the end of the paste is in the box; menuconfig then needs Enter to search (both parts shown). The time-out is ${seconds(plan.pasteTimeoutMs)}.`,
    `- Memory: VmHWM of every process of the program at the end of each interactive session (moves in each menu, toggles, search with the paste), summed; the largest session is shown. For menuconfig that is mconf and the make processes above it; for tuxconf the node process and its kconfig frontend.`,
  ];
  lines.push(
    "- Where tuxconf's time per cursor move goes: `node --import tsx bench/profile-moves.ts [--menu main] [--development]` runs the TUI under `node --cpu-prof` in the same pty and adds up the profile's samples between each key and its last byte, by function (mapped to src/ through dist/'s source maps), with the frames rendered per move.",
    '- The benchmark\'s own tests (no timings asserted; they replay recorded real runs): `node --import tsx --test bench/test/*.test.ts`.',
  );
  if (stale || timedOut) lines.push(`- ${stale} answers were preceded by late output of the key before (more than 100 ms after its last byte) and ${timedOut} did not go quiet within 10 s: those answers are split or cut.`);
  for (const warning of results.warnings) lines.push(`- Warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

export const SECTION_START = '<!-- menu-bench:start -->';
export const SECTION_END = '<!-- menu-bench:end -->';

/** The document with the section replaced where it was, or added at the end; the rest untouched. */
export function withMenuBenchSection(document: string, markdown: string): string {
  const section = `${SECTION_START}\n${markdown.trimEnd()}\n${SECTION_END}\n`;
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END);
  if (start >= 0 && end > start) return document.slice(0, start) + section + document.slice(end + SECTION_END.length).replace(/^\n/, '');
  return `${document.trimEnd()}\n\n${section}`;
}

export async function writeMenuBenchSection(path: string, markdown: string): Promise<void> {
  const document = await readFile(path, 'utf8');
  await writeFile(path, withMenuBenchSection(document, markdown));
}
