/**
 * Pastes in a real terminal (tmux): a 1,000-character paste into the search box on the whole
 * Debian 6.12 tree shows the results of the (cut) query and leaves tuxconf answering SIGTERM
 * at once; a bracketed paste (tmux paste-buffer -p, as a terminal pastes) with escape
 * sequences and a newline into the string editor is shown escaped, never retitles the
 * window, and sets nothing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { descendants } from './support/process-tree.js';
import { TmuxTerminal } from './support/tmux.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const LONG_PASTE = 'ethernet '.repeat(112).slice(0, 1000);

function tuxconfIn(dir: string, args: string, exitFile: string): TmuxTerminal {
  return new TmuxTerminal(`${TUXCONF_BIN} ${args}; echo $? > ${exitFile}`, { columns: 100, rows: 30 }, {
    TUXCONF_FROM_SOURCE: '1',
    TERM: 'xterm-256color',
    XDG_STATE_HOME: join(dir, 'xdg-state'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  });
}

/** The node process running tuxconf in the pane. */
function tuxconfPid(terminal: TmuxTerminal): number {
  const found = descendants(Number(terminal.format('#{pane_pid}'))).find((entry) => entry.command.includes('bin/tuxconf'));
  assert.ok(found, 'tuxconf runs in the pane');
  return found.pid;
}

async function exitCode(file: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) || (await readFile(file, 'utf8')) === '') {
    if (Date.now() > deadline) throw new Error(`tuxconf did not exit within ${timeoutMs} ms`);
    await sleep(25);
  }
  return (await readFile(file, 'utf8')).trim();
}

describe('pasting in tmux', () => {
  it('a 1,000-character paste into search on the 6.12 tree shows its results, and SIGTERM still ends tuxconf at once', { timeout: 300_000 }, async () => {
    const tree = kernelTree('6.12');
    await withTempDir('paste', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
      const exitFile = join(dir, 'exit-code');
      const terminal = tuxconfIn(dir, `-C ${tree} -O ${out}`, exitFile);
      try {
        await terminal.waitFor((screen) => screen.includes('Linux/x86 6.12') && screen.includes('General setup'), 'the menu', 120_000);
        await terminal.keys('/');
        await terminal.waitFor((screen) => /Search: +[\d,]+ symbols/.test(screen), 'the search index', 30_000);

        const sent = performance.now();
        terminal.typeLiteral(LONG_PASTE);
        const screen = await terminal.waitFor(
          (text) => /^Search: .*ethernet.* +[\d,]+ match/m.test(text) && text.includes('Search takes the first 200 characters'),
          'the results of the pasted query',
          60_000,
        );
        console.log(`1,000-character paste into search on 6.12: results on screen ${(performance.now() - sent).toFixed(0)} ms after tmux sent it`);
        const cursor = screen.split('\n').find((line) => line.startsWith('>')) ?? '';
        assert.match(cursor, /ETHERNET|ethernet/i, 'the first result is about ethernet');

        // Paste again and end tuxconf while it works through it.
        await terminal.keys('C-u');
        terminal.typeLiteral(LONG_PASTE);
        const signalled = performance.now();
        process.kill(tuxconfPid(terminal), 'SIGTERM');
        assert.equal(await exitCode(exitFile, 10_000), '143');
        console.log(`SIGTERM right after a 1,000-character paste: exit after ${(performance.now() - signalled).toFixed(0)} ms`);
      } finally {
        terminal.kill();
      }
    });
  });

  it('a bracketed paste with escape sequences and a newline into the string editor (demo tree): escaped, no window title, nothing set', { timeout: 180_000 }, async () => {
    await withTempDir('paste-editor', async (dir) => {
      const exitFile = join(dir, 'exit-code');
      const terminal = tuxconfIn(dir, `--demo -O ${join(dir, 'out')}`, exitFile);
      try {
        await terminal.waitFor((screen) => screen.includes('General setup'), 'the menu', 120_000);
        const title = terminal.format('#{pane_title}');
        await terminal.keyUntil('j', 'General setup');
        await terminal.press('Enter', (screen) => screen.split('\n')[2]!.startsWith(' General setup '), 'the General setup menu');
        await terminal.keyUntil('j', 'Local version');
        await terminal.keys('Enter');
        await terminal.waitFor((screen) => screen.includes('(CONFIG_LOCALVERSION, string)'), 'the editor');
        terminal.tmux('set-buffer', '-b', 'hostile', '--', '-x\x1b]2;pwned\x07\x1b[2J\nCONFIG_MODULES=n');
        terminal.tmux('paste-buffer', '-p', '-b', 'hostile', '-t', 'tui');
        const screen = await terminal.waitFor((text) => text.includes('> -x\\e]2;pwned\\x07\\e[2J\\nCONFIG_MODULES=n'), 'the paste, escaped');
        assert.match(screen, /a \.config line cannot hold a line break \(shown as \\n\): delete it/);
        assert.equal(terminal.format('#{pane_title}'), title, 'the pasted escape sequence did not retitle the window');
        // Enter is refused: a key typed after it still reaches the editor's field.
        await terminal.keys('Enter', 'X');
        const after = await terminal.waitFor((text) => text.includes('CONFIG_MODULES=nX'), 'the key after Enter in the field');
        assert.match(after, /\(CONFIG_LOCALVERSION, string\)/, 'Enter is refused: the editor stays');
        await terminal.keys('Escape');
        await terminal.waitFor((text) => !text.includes('(CONFIG_LOCALVERSION, string)') && /^tuxconf .* saved$/m.test(text), 'the editor closed, nothing changed');
        await terminal.keys('q');
        assert.equal(await exitCode(exitFile, 10_000), '0', 'nothing to save: q quits at once');
      } finally {
        terminal.kill();
      }
    });
  });
});
