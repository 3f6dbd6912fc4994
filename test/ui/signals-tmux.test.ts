/**
 * The real program in a real terminal (tmux), ended by a signal: SIGHUP when the terminal goes
 * away (the tmux session killed, as a dropped SSH connection closes its pty), SIGTERM and
 * SIGINT sent to the node process. Each must exit with 128 + the signal's number, restore the
 * terminal when there is one, and leave nothing behind: no process of the tree tuxconf had
 * (the kconfig frontend, a build started from B with every compiler) and no
 * `tuxconf-session-*` directory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { processesOfOutputDir } from '../build/support/build-processes.js';
import { kernelMake, kernelTree, withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { descendants, processEntry, type ProcessEntry, stillRunning } from './support/process-tree.js';
import { TmuxTerminal } from './support/tmux.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RELAY = fileURLToPath(new URL('./support/hangup-relay.ts', import.meta.url));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** HANGUP: the terminal goes away and no SIGHUP reaches tuxconf (its shell ignores it). */
type Ending = 'SIGHUP' | 'SIGTERM' | 'SIGINT' | 'HANGUP';
const EXIT_STATUS: Record<Ending, number> = { SIGHUP: 129, SIGTERM: 143, SIGINT: 130, HANGUP: 129 };

interface Run {
  terminal: TmuxTerminal;
  /** The node process running tuxconf. */
  pid: number;
  /** The relay in the pane (the terminal's session leader). */
  relay: number;
  state: string;
  tmp: string;
}

/** tuxconf through the relay (test/ui/support/hangup-relay.ts) in a tmux window, with its own TMPDIR. */
async function start(dir: string, args: string[], ready: (screen: string) => boolean, extraEnv: Record<string, string> = {}): Promise<Run> {
  const state = join(dir, 'relay');
  const tmp = join(dir, 'tmp');
  await mkdir(state, { recursive: true });
  await mkdir(tmp, { recursive: true });
  const terminal = new TmuxTerminal(
    ['node', '--import', 'tsx', RELAY, state, TUXCONF_BIN, ...args].join(' '),
    { columns: 100, rows: 30 },
    {
      ...extraEnv,
      TUXCONF_FROM_SOURCE: '1',
      TERM: 'xterm-256color',
      TMPDIR: tmp,
      XDG_STATE_HOME: join(dir, 'xdg-state'),
      XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    },
    { exec: true, cwd: REPO },
  );
  try {
    await terminal.waitFor(ready, 'the menu', 120_000);
    const pid = Number(await readFile(join(state, 'pid'), 'utf8'));
    const relay = Number(terminal.format('#{pane_pid}'));
    return { terminal, pid, relay, state, tmp };
  } catch (error) {
    terminal.kill();
    throw error;
  }
}

async function sessionDirs(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((name) => name.startsWith('tuxconf-session-'));
}

async function exitStatus(run: Run): Promise<number> {
  const file = join(run.state, 'status');
  const deadline = Date.now() + 30_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`tuxconf did not exit; screen:\n${safeScreen(run.terminal)}`);
    await sleep(50);
  }
  return Number((await readFile(file, 'utf8')).trim());
}

function safeScreen(terminal: TmuxTerminal): string {
  try {
    return terminal.screen();
  } catch {
    return '(no terminal)';
  }
}

/** Waits a few seconds for the recorded processes to end, then returns those that did not. */
async function survivors(processes: readonly ProcessEntry[]): Promise<ProcessEntry[]> {
  const deadline = Date.now() + 10_000;
  let left = stillRunning(processes);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = stillRunning(processes);
  }
  return left;
}

/** Sends the ending, then checks the exit status, the processes, the session directory and the terminal. */
async function endAndCheck(run: Run, ending: Ending, recorded: readonly ProcessEntry[]): Promise<void> {
  const self = processEntry(run.pid);
  assert.ok(self, 'tuxconf runs');
  if (ending === 'SIGHUP' || ending === 'HANGUP') run.terminal.hangUp();
  else process.kill(run.pid, ending);
  assert.equal(await exitStatus(run), EXIT_STATUS[ending], `exit status after ${ending}`);
  assert.deepEqual(await survivors([self, ...recorded]), [], 'no process of the tree outlives tuxconf');
  assert.deepEqual(await sessionDirs(run.tmp), [], 'the session directory is removed');
  const stderr = await readFile(join(run.state, 'stderr'), 'utf8');
  assert.doesNotMatch(stderr, /Error|Assertion|\n\s+at /, 'nothing failed on the way out (a write to a gone terminal included)');
  if (ending === 'SIGHUP' || ending === 'HANGUP') return;
  const terminal = run.terminal;
  assert.equal(terminal.format('#{alternate_on}'), '0', 'the normal screen is back');
  assert.equal(terminal.format('#{cursor_flag}'), '1', 'the cursor is shown');
  const modes = execFileSync('stty', ['-F', terminal.format('#{pane_tty}'), '-a'], { encoding: 'utf8' });
  assert.match(modes, /(^|\s)icanon(\s|$)/, 'raw mode is off: line editing is back');
  assert.match(modes, /(^|\s)echo(\s|$)/, 'raw mode is off: typed characters are echoed');
  assert.doesNotMatch(terminal.screen(), /General setup|Kernel Configuration/, 'the menu is gone from the screen');
}

function stop(run: Run): void {
  run.terminal.kill();
  try {
    process.kill(run.relay, 'SIGKILL');
  } catch {
    // already gone
  }
}

describe('signals end the TUI in order (demo tree in tmux)', () => {
  for (const ending of ['SIGHUP', 'SIGTERM', 'SIGINT', 'HANGUP'] as const) {
    const what = ending === 'HANGUP' ? 'the terminal gone without a SIGHUP' : ending;
    const terminal = ending === 'SIGHUP' || ending === 'HANGUP' ? 'nothing fails on the gone terminal' : 'the terminal restored';
    it(`${what}: exit ${EXIT_STATUS[ending]}, ${terminal}, no process and no session directory left`, { timeout: 180_000 }, async () => {
      await withTempDir('signal', async (dir) => {
        const relayEnv: Record<string, string> = ending === 'HANGUP' ? { RELAY_FORWARD_HUP: '0' } : {};
        const run = await start(dir, ['--demo', '-O', join(dir, 'out')], (screen) => screen.includes('General setup'), relayEnv);
        try {
          if (ending === 'SIGINT') {
            // Inside the TUI, Ctrl-C stays a key: with an unsaved change it asks before quitting.
            await run.terminal.keyUntil('j', 'Enable loadable module support');
            await run.terminal.keys('n');
            await run.terminal.waitFor((screen) => screen.includes('1 unsaved change'), 'the change');
            await run.terminal.keys('C-c');
            await run.terminal.waitFor((screen) => screen.includes('Save before quitting?'), 'Ctrl-C asking');
            await run.terminal.keys('Escape');
            await run.terminal.waitFor((screen) => !screen.includes('Save before quitting?'), 'the dialog closed');
          }
          const recorded = descendants(run.pid);
          assert.ok(recorded.some((entry) => entry.command.includes('tuxconf-kconfig')), 'the kconfig frontend runs under tuxconf');
          assert.equal((await sessionDirs(run.tmp)).length, 1, 'the session has its directory');
          await endAndCheck(run, ending, recorded);
        } finally {
          stop(run);
        }
      });
    });
  }
});

describe('signals with a build running from B (Debian 6.12 tree in tmux)', () => {
  const tree = kernelTree('6.12');
  let dir = '';
  let out = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-signal-build-'));
    out = join(dir, 'out');
    kernelMake(tree, out, ['defconfig']);
  });

  for (const ending of ['SIGHUP', 'SIGTERM'] as const) {
    it(`${ending} ends make and every compiler it started, the frontend, and removes the session directory`, { timeout: 300_000 }, async () => {
      const runDir = join(dir, ending);
      const run = await start(runDir, ['-C', tree, '-O', out], (screen) => screen.includes('Linux/x86 6.12') && screen.includes('General setup'));
      try {
        // B asks for the target and -j first; Enter builds make's default goal.
        await run.terminal.press('B', (screen) => screen.includes('Enter builds'), 'the build form');
        await run.terminal.keys('Enter');
        await run.terminal.waitFor((screen) => /\b(HOSTCC|CC)\s/.test(screen), 'make compiling', 120_000);
        const recorded = descendants(run.pid);
        assert.ok(recorded.some((entry) => entry.command.startsWith('make ')), 'make runs under tuxconf');
        assert.ok(recorded.some((entry) => entry.command.includes('tuxconf-kconfig')), 'the kconfig frontend runs under tuxconf');
        await endAndCheck(run, ending, recorded);
        // The relay and the tmux server name the output directory on their command lines; they are the test's.
        const working = processesOfOutputDir(out).filter((entry) => entry.pid !== run.relay && !entry.command.startsWith('tmux '));
        assert.deepEqual(working, [], 'nothing works in the output directory any more');
      } finally {
        stop(run);
      }
    });
  }

  it('SIGTERM while the tree is still loading: exit 143 once the session has opened and closed, nothing left', { timeout: 300_000 }, async () => {
    const runDir = join(dir, 'loading');
    // Ready as soon as the relay has started tuxconf: the signal comes while the tree loads.
    const run = await start(runDir, ['-C', tree, '-O', out], () => existsSync(join(runDir, 'relay', 'pid')));
    try {
      let recorded: ProcessEntry[] = [];
      const deadline = Date.now() + 60_000;
      while (!(recorded = descendants(run.pid)).some((entry) => entry.command.includes('tuxconf-kconfig'))) {
        assert.ok(Date.now() < deadline, 'the kconfig frontend started');
        await sleep(10);
      }
      assert.doesNotMatch(run.terminal.screen(), /General setup/, 'the menu is not up yet');
      await endAndCheck(run, 'SIGTERM', recorded);
    } finally {
      stop(run);
    }
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
});
