/**
 * Issue 13's side-by-side benchmark: tuxconf and the kernel's own `make menuconfig`, in the same
 * run, each in a real pseudo-terminal at 80x24 (bench/pty-driver.py), on Debian's 6.12 source
 * with Debian's amd64 config. Keys are sent as a terminal sends them, every answer is timed to
 * its last byte, and the results go into BENCHMARKS.md (bench/menu-report.ts).
 *
 *   npm run bench [-- --quick] [-- --no-write] [-- --record DIR] [-- --no-build] [-- --from-results DIR/results.json]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';
import { machineDescription, type BenchResults, type MemorySample, type StartKind, writeMenuBenchSection, menuBenchMarkdown } from './menu-report.js';
import { menuconfig, type MenuProgram, type ProgramName, tuxconf } from './menu-programs.js';
import { cursorMoves, MenuSession, pasteIntoSearch, searchWords, type TerminalLike, toggles } from './menu-session.js';
import { PtyDriver } from './pty-driver.js';
import { RecordingTerminal } from './transcript.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(repo, 'bin/tuxconf');

/** How long a program is left alone after it started, before keys are measured. */
const IDLE_MS = 2000;

/** Words typed into search: names, prompt words, a vendor and chip, a help-text word. */
const SEARCH_WORDS = ['e1000e', 'wireguard', 'ext4', 'bluetooth', 'iwlwifi', 'nvme', 'usb serial', 'realtek 8169'];
/** A paste of 1,000 characters of plain words (valid as menuconfig's regular expression too). */
export const PASTE = 'intel ethernet pci express gigabit network driver with hardware timestamps '.repeat(14).slice(0, 1000);

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    'no-write': { type: 'boolean' },
    'no-build': { type: 'boolean' },
    record: { type: 'string' },
    keep: { type: 'boolean' },
    // For working on the benchmark itself: no start measurements, or one program only.
    'skip-starts': { type: 'boolean' },
    only: { type: 'string' },
    // Rewrites the section from the results.json of an earlier run (--record DIR keeps it).
    'from-results': { type: 'string' },
  },
});

const plan = args.quick
  ? { coldRuns: 1, warmRuns: 2, moves: 40, toggles: 10, words: SEARCH_WORDS.slice(0, 3), pasteTimeoutMs: 20_000 }
  : { coldRuns: 3, warmRuns: 5, moves: 200, toggles: 40, words: SEARCH_WORDS, pasteTimeoutMs: 60_000 };

const tree = kernelTree('6.12');
const config = debianConfig('6.12');
const work = mkdtempSync(join(tmpdir(), 'tuxconf-bench-menu-'));
let sessionCount = 0;
const warnings: string[] = [];

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}] ${message}\n`);
}

/** An output directory holding Debian's config and nothing else (nothing built yet). */
function outputDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.config'), config);
  return dir;
}

function environment(program: MenuProgram, cache: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    USER: process.env.USER,
    LOGNAME: process.env.LOGNAME,
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
  };
  if (program === tuxconf) {
    env.TUXCONF_CACHE_DIR = cache;
    // Drafts and locks of each run stay in a directory of its own.
    env.TUXCONF_STATE_DIR = join(work, 'state', String(sessionCount));
  }
  return env;
}

function terminalFor(program: MenuProgram, label: string): { terminal: TerminalLike; save: () => void } {
  const driver = new PtyDriver();
  if (!args.record) return { terminal: driver, save: () => undefined };
  const recording = new RecordingTerminal(driver);
  const file = join(args.record, `${program === tuxconf ? 'tuxconf' : 'menuconfig'}-${label}.json`);
  return { terminal: recording, save: () => writeFileSync(file, `${JSON.stringify(recording.exchanges)}\n`) };
}

/** Runs `body` on a started session and always stops the program, checking nothing survives it. */
async function withSession<T>(program: MenuProgram, where: { output: string; cache?: string }, label: string, timeoutMs: number, body: (session: MenuSession, firstMenuMs: number) => Promise<T>): Promise<T> {
  sessionCount += 1;
  const { terminal, save } = terminalFor(program, label);
  const session = new MenuSession(terminal, program);
  try {
    const { firstMenuMs } = await session.start({ argv: program.argv({ bin: BIN, output: where.output }), env: environment(program, where.cache), cwd: tree }, timeoutMs);
    return await body(session, firstMenuMs);
  } finally {
    const { survivors } = await session.close();
    save();
    if (survivors.length) warnings.push(`${program.name} (${label}) left processes behind: ${survivors.join(' ')}`);
  }
}

async function timeStart(program: MenuProgram, where: { output: string; cache?: string }, label: string, timeoutMs: number): Promise<number> {
  // Each run starts from Debian's config, as the first one did.
  writeFileSync(join(where.output, '.config'), config);
  const ms = await withSession(program, where, label, timeoutMs, async (_session, firstMenuMs) => firstMenuMs);
  log(`${program.name} ${label}: first menu at ${ms.toFixed(0)} ms`);
  return ms;
}

function memoryOf(processes: { name: string; hwmKb: number }[]): MemorySample {
  const parts = new Map<string, number>();
  for (const process of processes) parts.set(process.name, (parts.get(process.name) ?? 0) + process.hwmKb);
  return { totalKb: processes.reduce((sum, process) => sum + process.hwmKb, 0), parts: Object.fromEntries(parts) };
}

async function main(): Promise<void> {
  if (args.record) mkdirSync(args.record, { recursive: true });
  const loadBefore = loadavg();
  const started = new Date();
  if (!args['no-build']) {
    log('compiling tuxconf (dist/ and its bundle), as npm install does');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
  }
  const results: BenchResults = {
    starts: { fresh: { tuxconf: [], 'make menuconfig': [] }, 'cold-cache': { tuxconf: [], 'make menuconfig': [] }, warm: { tuxconf: [], 'make menuconfig': [] } },
    moves: { tuxconf: [], 'make menuconfig': [] },
    mainMenuMoves: { tuxconf: [], 'make menuconfig': [] },
    toggles: { tuxconf: [], 'make menuconfig': [] },
    search: { tuxconf: [], 'make menuconfig': [] },
    paste: {},
    memory: { tuxconf: [], 'make menuconfig': [] },
    plan: { ...plan, words: [...plan.words], pasteLength: PASTE.length },
    machine: machineDescription(),
    startedAt: started.toISOString(),
    load: { before: loadBefore, after: [] },
    warnings,
  };
  const programs: MenuProgram[] = [menuconfig, tuxconf].filter((program) => !args.only || program.name.includes(args.only));
  const inTurn = (round: number): MenuProgram[] => (round % 2 === 0 ? programs : [...programs].reverse());
  const record = (kind: StartKind, program: MenuProgram, ms: number) => results.starts[kind][program.name].push(ms);

  // Warm-up: builds mconf in one output directory and tuxconf's frontend and caches in another;
  // these are the "first runs", not timed. Everything after them in these directories is warm.
  const warm = { 'make menuconfig': { output: outputDir('menuconfig-warm') }, tuxconf: { output: outputDir('tuxconf-warm'), cache: join(work, 'cache-warm') } } satisfies Record<ProgramName, { output: string; cache?: string }>;
  for (const program of programs) await timeStart(program, warm[program.name], 'warm-up', 300_000);

  for (let round = 0; round < (args['skip-starts'] ? 0 : plan.coldRuns); round++) {
    for (const program of inTurn(round)) {
      // Nothing built, nothing cached: menuconfig builds mconf, tuxconf its frontend and kconfig library.
      const where = program === tuxconf ? { output: outputDir(`tuxconf-fresh-${round}`), cache: join(work, `cache-fresh-${round}`) } : { output: outputDir(`menuconfig-fresh-${round}`) };
      record('fresh', program, await timeStart(program, where, `fresh ${round + 1}`, 300_000));
    }
  }
  for (let round = 0; round < (args['skip-starts'] ? 0 : plan.coldRuns); round++) {
    for (const program of inTurn(round)) {
      // tuxconf with an empty cache in an output directory built before; menuconfig has no cache.
      const where = program === tuxconf ? { output: warm.tuxconf.output, cache: join(work, `cache-empty-${round}`) } : warm['make menuconfig'];
      record('cold-cache', program, await timeStart(program, where, `cold cache ${round + 1}`, 300_000));
    }
  }
  for (let round = 0; round < (args['skip-starts'] ? 0 : plan.warmRuns); round++) {
    for (const program of inTurn(round)) record('warm', program, await timeStart(program, warm[program.name], `warm ${round + 1}`, 120_000));
  }

  for (const program of programs) {
    const where = warm[program.name];
    const sample = async (session: MenuSession) => results.memory[program.name].push(memoryOf(await session.memory()));
    await withSession(program, where, 'moves', 120_000, async (session) => {
      await session.open('Device Drivers');
      await session.idle(IDLE_MS);
      results.moves[program.name] = await cursorMoves(session, plan.moves);
      await sample(session);
    });
    await withSession(program, where, 'main-menu-moves', 120_000, async (session) => {
      await session.idle(IDLE_MS);
      results.mainMenuMoves[program.name] = await cursorMoves(session, plan.moves);
      await sample(session);
    });
    log(`${program.name}: ${plan.moves} cursor moves in Device Drivers and in the main menu done`);
    await withSession(program, where, 'toggles', 120_000, async (session) => {
      await session.open('General setup');
      await session.select('Automatically append version information');
      await session.idle(IDLE_MS);
      results.toggles[program.name] = await toggles(session, plan.toggles);
      await sample(session);
    });
    log(`${program.name}: ${plan.toggles} toggles done`);
    await withSession(program, where, 'search', 120_000, async (session) => {
      results.search[program.name] = await searchWords(session, plan.words);
      log(`${program.name}: search typing done; pasting ${PASTE.length} characters`);
      results.paste[program.name] = await pasteIntoSearch(session, PASTE, plan.pasteTimeoutMs);
      await sample(session);
    });
    log(`${program.name}: paste done`);
  }

  results.load.after = loadavg();
  const markdown = menuBenchMarkdown(results);
  process.stdout.write(`${markdown}\n`);
  if (!args['no-write']) {
    await writeMenuBenchSection(join(repo, 'BENCHMARKS.md'), markdown);
    log('BENCHMARKS.md updated');
  }
  if (args.record) writeFileSync(join(args.record, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
}

async function rewriteFrom(file: string): Promise<void> {
  const markdown = menuBenchMarkdown(JSON.parse(readFileSync(file, 'utf8')) as BenchResults);
  process.stdout.write(`${markdown}\n`);
  if (!args['no-write']) await writeMenuBenchSection(join(repo, 'BENCHMARKS.md'), markdown);
}

try {
  if (args['from-results']) await rewriteFrom(args['from-results']);
  else await main();
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
