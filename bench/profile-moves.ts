/**
 * Where a cursor move's time goes in tuxconf: runs the compiled TUI under `node --cpu-prof` in
 * a real pty (80x24, Debian 6.12, Debian's amd64 config), moves the cursor through Device
 * Drivers, and adds up the profile's samples that fall between each key and the last byte drawn
 * for it (the driver's clock and V8's are both CLOCK_MONOTONIC). Prints the functions that cost
 * the most per move, by own time and with their callees, mapped back to src/ through the source
 * maps of dist/. With `--search`, the keys are words typed into the search (`/`), as
 * bench/menu-bench.ts types them, each timed to the last byte of the results it draws.
 *
 *   node --import tsx bench/profile-moves.ts [--moves 300] [--menu main|'Device Drivers'] [--development] [--keep]
 *   node --import tsx bench/profile-moves.ts --search [--words 'e1000e,wireguard,ext4'] [--rounds 3]
 *   node --import tsx bench/profile-moves.ts --toggles 40
 *
 * With --toggles, the keys are y and n alternating on LOCALVERSION_AUTO in General setup (the
 * benchmark's toggle), each timed to the last byte of the redrawn entry.
 *
 * bin/tuxconf runs React's production build (NODE_ENV=production unless set); --development runs it
 * with NODE_ENV=development, for comparison.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';
import { tuxconf } from './menu-programs.js';
import { cursorMoves, MenuSession, searchWords, toggles } from './menu-session.js';
import { PtyDriver, type Reading, type ReadWindow, type Response } from './pty-driver.js';
import { spread } from './trace-stats.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    moves: { type: 'string' },
    toggles: { type: 'string' },
    menu: { type: 'string' },
    development: { type: 'boolean' },
    keep: { type: 'boolean' },
    'no-build': { type: 'boolean' },
    search: { type: 'boolean' },
    words: { type: 'string' },
    rounds: { type: 'string' },
  },
});
/** The menu the cursor moves in: Device Drivers (119 entries, scrolls) or `--menu main` (20 entries). */
const menu = args.menu === 'main' ? null : (args.menu ?? 'Device Drivers');
const moves = Number(args.moves ?? 300);
const toggleCount = args.toggles === undefined ? 0 : Number(args.toggles);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The words typed into the search with --search (each keystroke is one window). */
const words = (args.words ?? 'e1000e,wireguard,ext4').split(',');

/**
 * The pty driver, remembering when each key was sent and its answer's last byte (ms since
 * spawn), including what is read after the send until the screen shows the answer. With
 * --search only typed characters count (not `/` or Ctrl-U).
 */
class WindowedDriver extends PtyDriver {
  readonly windows: [number, number][] = [];
  recording = false;
  private open = false;

  override async send(bytes: string | Buffer, wait: ReadWindow): Promise<Response> {
    const response = await super.send(bytes, wait);
    const last = response.chunks.at(-1);
    const text = bytes.toString();
    this.open = this.recording && last !== undefined && (!args.search || /^[^/\x00-\x1f\x7f]$/.test(text));
    if (this.open && last) this.windows.push([response.sentMs, last.ms]);
    return response;
  }

  override async read(wait: ReadWindow): Promise<Reading> {
    const reading = await super.read(wait);
    const last = reading.chunks.at(-1);
    if (this.open && last) this.windows.at(-1)![1] = last.ms;
    return reading;
  }
}

const sourceMaps = new Map<string, SourceMap | null>();

/** "src/ui/app.tsx:123 App" for a frame of dist/, else the frame as V8 names it. */
function describe(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  if (path.startsWith(join(repo, 'dist'))) {
    if (!sourceMaps.has(path)) {
      const mapPath = `${path}.map`;
      sourceMaps.set(path, existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8'))) : null);
    }
    const entry = sourceMaps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (entry?.originalSource) {
      const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : join(path, '..', entry.originalSource);
      return `${relative(repo, source)}:${(entry.originalLine ?? 0) + 1} ${name}`;
    }
  }
  const short = path.includes('node_modules/') ? `node_modules/${path.split('node_modules/').at(-1)}` : relative(repo, path) || path;
  return `${short}:${frame.lineNumber + 1} ${name}`;
}

/** Which package or part of tuxconf a frame belongs to. */
function area(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : 'V8/native';
  if (frame.url.startsWith('node:')) return 'node internals';
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (module) return module[1]!;
  const dist = /\/dist\/([^/]+)\/?([^/]*)/.exec(path);
  return dist ? `tuxconf ${dist[1]}/${dist[2]?.endsWith('.js') ? '' : dist[2]}`.replace(/\/$/, '') : path;
}

function analyse(profile: CpuProfile, clockMs: number, windows: [number, number][]): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // Sample i was taken at startTime + deltas[0..i] (µs, CLOCK_MONOTONIC); it stands for the interval up to the next one.
  const times: number[] = [];
  let now = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((now += delta));
  const ranges = windows.map(([from, to]) => [(clockMs + from) * 1000, (clockMs + to) * 1000] as const);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let inWindows = 0;
  let range = 0;
  const perWindow = windows.map(() => ({ sampled: 0, gc: 0, own: new Map<string, number>(), functions: new Map<string, number>() }));
  for (let index = 0; index < profile.samples.length - 1; index++) {
    const at = times[index]!;
    while (range < ranges.length && ranges[range]![1] < at) range += 1;
    if (range >= ranges.length) break;
    if (at < ranges[range]![0]) continue;
    // A sample stands for the time up to the next one, but not past its window (the sampler may have waited for a core).
    const weight = (Math.min(times[index + 1]!, ranges[range]![1]) - at) / 1000;
    inWindows += weight;
    const leaf = byId.get(profile.samples[index]!)!;
    const window = perWindow[range]!;
    window.sampled += weight;
    if (leaf.callFrame.functionName === '(garbage collector)') window.gc += weight;
    window.own.set(area(leaf.callFrame), (window.own.get(area(leaf.callFrame)) ?? 0) + weight);
    window.functions.set(describe(leaf.callFrame), (window.functions.get(describe(leaf.callFrame)) ?? 0) + weight);
    self.set(describe(leaf.callFrame), (self.get(describe(leaf.callFrame)) ?? 0) + weight);
    const leafArea = area(leaf.callFrame);
    areas.set(leafArea, (areas.get(leafArea) ?? 0) + weight);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = describe(byId.get(id)!.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + weight);
    }
  }
  const perMove = (ms: number) => (ms / windows.length).toFixed(2).padStart(6);
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .filter(([key]) => !/^\((root|program|idle)\)$/.test(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `${perMove(ms)} ms  ${key}`)
      .join('\n');
  const answered = windows.reduce((sum, [from, to]) => sum + (to - from), 0);
  const slowest = windows
    .map(([from, to], index) => ({ ms: to - from, index, ...perWindow[index]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map(
      (move) =>
        `${move.ms.toFixed(1).padStart(6)} ms (key ${move.index + 1}): sampled ${move.sampled.toFixed(1)} ms, garbage collector ${move.gc.toFixed(1)} ms; ${[
          ...move.own.entries(),
        ]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join(', ')}\n          ${[...move.functions.entries()]
          .filter(([name]) => !/^\((root|program|idle)\)$/.test(name))
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
          .join('; ')}`,
    )
    .join('\n');
  return [
    `${windows.length} moves; key-to-last-byte time summed ${answered.toFixed(0)} ms (${(answered / windows.length).toFixed(2)} ms a move); profile samples inside those windows ${inWindows.toFixed(0)} ms (${(inWindows / windows.length).toFixed(2)} ms a move, the rest is the terminal and scheduling)`,
    '',
    'Own time per move, by package (the leaf frame of each sample):',
    top(areas, 15),
    '',
    'Own time per move, by function:',
    top(self, 30),
    '',
    'Time per move including callees, by function:',
    top(total, 45),
    '',
    'The slowest moves (key to last byte), with what the profile saw in them:',
    slowest,
  ].join('\n');
}

/** How many frames (React commits rendered by Ink) each move took, from the preload's log. */
function framesPerMove(frames: number[], clockMs: number, windows: [number, number][]): string {
  const counts = new Map<number, number>();
  for (const [from, to] of windows) {
    const count = frames.filter((at) => at >= clockMs + from && at <= clockMs + to).length;
    counts.set(count, (counts.get(count) ?? 0) + 1);
  }
  const shares = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([count, moves]) => `${count} frame${count === 1 ? '' : 's'}: ${moves} moves`);
  return `Frames rendered per move (Ink renders the whole tree to a string for each): ${shares.join(', ')}`;
}

/** Types the words into the search, `--rounds` times (each word from an empty query). */
async function typedKeys(session: MenuSession) {
  const keys = [];
  for (let round = 0; round < Number(args.rounds ?? 3); round++) for (const timing of await searchWords(session, words)) keys.push(...timing.keys);
  return keys;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tuxconf-profile-moves-'));
  try {
    if (!args['no-build']) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
    const tree = kernelTree('6.12');
    const output = join(work, 'out');
    mkdirSync(output);
    writeFileSync(join(output, '.config'), debianConfig('6.12'));
    const profiles = join(work, 'profiles');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      TUXCONF_CACHE_DIR: join(work, 'cache'),
      TUXCONF_STATE_DIR: join(work, 'state'),
      // bench/count-frames.mjs counts the frames of dist/ui/frame-writer.js: not of the bundle.
      TUXCONF_UNBUNDLED: '1',
    };
    if (args.development) env.NODE_ENV = 'development';
    const frameLog = join(work, 'frames.json');
    const counter = fileURLToPath(new URL('./count-frames.mjs', import.meta.url));
    const argv = [
      process.execPath,
      '--cpu-prof',
      `--cpu-prof-dir=${profiles}`,
      '--cpu-prof-interval=250',
      `--import=${counter}`,
      join(repo, 'bin/tuxconf'),
      '-O',
      output,
    ];

    // A first run builds the frontend and fills the caches, so the profiled run is a warm start.
    const warmUp = new MenuSession(new PtyDriver(), tuxconf);
    await warmUp.start({ argv: [join(repo, 'bin/tuxconf'), '-O', output], env, cwd: tree }, 300_000);
    await warmUp.close();

    const driver = new WindowedDriver();
    const session = new MenuSession(driver, tuxconf);
    const { clockMs } = await session.start({ argv, env: { ...env, TUXCONF_FRAME_LOG: frameLog }, cwd: tree }, 120_000);
    if (toggleCount > 0) {
      await session.open('General setup');
      await session.select('Automatically append version information');
    } else if (menu && !args.search) await session.open(menu);
    // Let the search index finish building in the background before the keys start.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    driver.recording = true;
    const results = toggleCount > 0 ? await toggles(session, toggleCount) : args.search ? await typedKeys(session) : await cursorMoves(session, moves);
    driver.recording = false;
    await session.send('q', { firstByteMs: 2000 }).catch(() => undefined);
    await driver.read({ quietMs: 5000, timeoutMs: 15_000 });
    await session.close();
    const files = existsSync(profiles) ? readdirSync(profiles).filter((name) => name.endsWith('.cpuprofile')) : [];
    if (files.length !== 1) throw new Error(`expected one CPU profile in ${profiles}, found ${files.length}: did tuxconf exit normally after q?`);
    const profile = JSON.parse(readFileSync(join(profiles, files[0]!), 'utf8')) as CpuProfile;
    process.stdout.write(
      `profile started ${(profile.startTime / 1000 - clockMs).toFixed(0)} ms after the spawn, ended ${(profile.endTime / 1000 - clockMs).toFixed(0)} ms after it (both on CLOCK_MONOTONIC)\n`,
    );
    const latency = spread(results.flatMap((result) => (result.latencyMs === null ? [] : [result.latencyMs])));
    const bytes = spread(results.map((result) => result.bytes));
    process.stdout.write(
      `tuxconf under --cpu-prof${args.development ? ', NODE_ENV=development' : ''}, ${toggleCount > 0 ? 'toggles of LOCALVERSION_AUTO:' : args.search ? `typing ${words.join(', ')} into the search: keystroke` : `in ${menu ?? 'the main menu'}: cursor move`} p50 ${latency.p50.toFixed(2)} ms, p95 ${latency.p95.toFixed(2)} ms; bytes p50 ${bytes.p50}, p95 ${bytes.p95}\n`,
    );
    process.stdout.write(`${framesPerMove(JSON.parse(readFileSync(frameLog, 'utf8')) as number[], clockMs, driver.windows)}\n`);
    process.stdout.write(`${analyse(profile, clockMs, driver.windows)}\n`);
    if (args.keep) process.stdout.write(`profile kept: ${join(profiles, files[0]!)}\n`);
  } finally {
    if (!args.keep) rmSync(work, { recursive: true, force: true });
  }
}

await main();
