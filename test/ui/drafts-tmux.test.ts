/**
 * The menu in a real terminal (tmux, 80x24) on Debian's 6.12 tree with unsaved changes, ended
 * the hard ways: the terminal hung up (the tmux session killed, as a dropped SSH connection
 * closes its pty, SIGHUP) and kill -9. The changes must survive in the draft: the next start
 * offers them with the diff, `tuxconf recover --list --json` names them, and `tuxconf recover`
 * saves what scripts/config + make olddefconfig make of the same changes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf, TUXCONF_BIN } from '../support/run-cli.js';
import { TmuxTerminal } from './support/tmux.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const tree = kernelTree('6.12');

interface DraftJson {
  drafts: { configPath: string; running: boolean; steps: { label: string }[] }[];
}

/** Polls `test` until it holds (state on disk or in tmux, never a fixed pause). */
async function until(test: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function paneGoneOrNormalScreen(terminal: TmuxTerminal): boolean {
  try {
    return terminal.format('#{alternate_on}') === '0';
  } catch (error) {
    // tmux ends with the pane of a program run with exec.
    return /no server running|can't find/.test(String((error as Error).message));
  }
}

async function listDrafts(env: NodeJS.ProcessEnv): Promise<DraftJson['drafts']> {
  const listed = await runTuxconf(['recover', '--list', '--json'], { env });
  assert.equal(listed.exitCode, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as DraftJson).drafts;
}

function startMenu(out: string, env: Record<string, string>): TmuxTerminal {
  return new TmuxTerminal(`${TUXCONF_BIN} -C ${tree} -O ${out}`, { columns: 80, rows: 24 }, { ...env, TUXCONF_FROM_SOURCE: '1', TERM: 'xterm-256color' }, { exec: true });
}

/** Finds NAME with the search view and sets it with `key`. */
async function setFromSearch(terminal: TmuxTerminal, name: string, key: string): Promise<void> {
  await terminal.keys('/');
  await terminal.waitFor((screen) => screen.includes('Search every symbol'), 'the search view');
  terminal.typeLiteral(name);
  await terminal.waitFor((screen) => screen.split('\n').some((line) => line.includes(`${name}=`)), `results for ${name}`);
  await terminal.keys('Down', key);
  await terminal.waitFor((screen) => screen.split('\n').some((line) => line.includes(`${name}=${key}`)), `${name}=${key}`);
  await terminal.keys('Escape', 'Escape');
  await terminal.waitFor((screen) => !screen.includes('Search every symbol'), 'the menu again');
}

for (const ending of ['hang-up', 'kill -9'] as const) {
  describe(`unsaved changes of a menu ended by ${ending} (6.12, tmux)`, () => {
    it('are offered at the next start, listed by recover --list --json, and saved by recover as scripts/config + olddefconfig', { timeout: 300_000 }, async () => {
      await withTempDir('drafts-tmux', async (dir) => {
        const base = await outputDirWith(dir, 'base', await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
        kernelMake(tree, base, ['olddefconfig']);
        const loaded = await readFile(join(base, '.config'), 'utf8');
        const out = await outputDirWith(dir, 'out', loaded);
        const env = { TUXCONF_STATE_DIR: join(dir, 'state') };

        const first = startMenu(out, env);
        try {
          await first.waitFor((screen) => screen.includes('General setup'), 'the menu', 120_000);
          await setFromSearch(first, 'E1000E', 'm');
          await setFromSearch(first, 'IGB', 'm');
          await first.waitFor((screen) => screen.split('\n')[0]!.includes('2 unsaved changes'), 'two unsaved changes');
          await until(async () => (await listDrafts(env))[0]?.steps.length === 2, 'the changes to reach the draft');
          if (ending === 'hang-up') first.hangUp();
          else execFileSync('kill', ['-9', first.format('#{pane_pid}')]);
        } finally {
          first.kill();
        }
        await until(async () => (await listDrafts(env))[0]?.running === false, 'the first session to end');
        assert.equal(await readFile(join(out, '.config'), 'utf8'), loaded, 'nothing was saved');

        const drafts = await listDrafts(env);
        assert.equal(drafts.length, 1);
        assert.equal(drafts[0]!.configPath, join(out, '.config'));
        assert.equal(drafts[0]!.running, false);
        assert.deepEqual(drafts[0]!.steps.map((step) => step.label), ['E1000E=m', 'IGB=m']);

        // The next start offers the restore, diff first; Esc keeps the draft for later.
        const second = startMenu(out, env);
        try {
          const offer = await second.waitFor((screen) => screen.includes('Restore unsaved changes?'), 'the restore offer', 120_000);
          assert.match(offer, /ended without saving:\npid \d+, last change 20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC, 2 unsaved changes:/);
          assert.match(offer, /- E1000E=m/);
          assert.match(offer, /E1000E +y -> m/);
          assert.match(offer, /IGB +n -> m/);
          await second.keys('Escape');
          await second.waitFor((screen) => screen.includes('tuxconf recover restores them later'), 'the draft kept');
          await second.keys('q');
          // Quit: the screen restored, or already the whole program gone with its tmux pane (and server).
          await until(async () => paneGoneOrNormalScreen(second), 'the second session to quit');
        } finally {
          second.kill();
        }

        const oracle = await outputDirWith(dir, 'oracle', loaded);
        execFileSync(join(tree, 'scripts/config'), ['--file', join(oracle, '.config'), '--module', 'E1000E', '--module', 'IGB']);
        kernelMake(tree, oracle, ['olddefconfig']);
        const recovered = await runTuxconf(['-C', tree, '-O', out, 'recover'], { env });
        assert.equal(recovered.exitCode, 0, recovered.stderr);
        assert.equal(await readFile(join(out, '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));
        assert.deepEqual(await listDrafts(env), []);
      });
    });
  });
}

describe('restoring from the offer in the menu (6.12, tmux)', () => {
  it('puts the changes back as one undoable step', { timeout: 300_000 }, async () => {
    await withTempDir('drafts-restore', async (dir) => {
      const base = await outputDirWith(dir, 'base', await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
      kernelMake(tree, base, ['olddefconfig']);
      const out = await outputDirWith(dir, 'out', await readFile(join(base, '.config'), 'utf8'));
      const env = { TUXCONF_STATE_DIR: join(dir, 'state') };
      const first = startMenu(out, env);
      try {
        await first.waitFor((screen) => screen.includes('General setup'), 'the menu', 120_000);
        await setFromSearch(first, 'E1000E', 'm');
        await first.waitFor((screen) => screen.split('\n')[0]!.includes('1 unsaved change'), 'one unsaved change');
        await until(async () => (await listDrafts(env))[0]?.steps.length === 1, 'the change to reach the draft');
        first.hangUp();
      } finally {
        first.kill();
      }
      const second = startMenu(out, env);
      try {
        await second.waitFor((screen) => screen.includes('Restore unsaved changes?'), 'the restore offer', 120_000);
        await second.keys('r');
        await second.waitFor((screen) => screen.includes('Restored the unsaved changes'), 'restored');
        assert.match(second.screen().split('\n')[0]!, /1 unsaved change/);
        assert.deepEqual((await listDrafts(env)).map((draft) => draft.running), [true], "the earlier draft is gone; this session's own holds the change");
        await second.keys('u');
        await second.waitFor((screen) => screen.split('\n')[0]!.includes('saved'), 'undone');
        await second.keys('q');
      } finally {
        second.kill();
      }
    });
  });
});
