/**
 * The screen in a real terminal (tmux) on the demo tree: after resizes to any size the screen
 * is exactly what tuxconf draws when started at that size; Ctrl-L repairs a screen something
 * else wrote over; 80x19 (menuconfig's minimum) is a working menu.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { TmuxTerminal } from './support/tmux.js';

interface Size {
  columns: number;
  rows: number;
}

const MENU_READY = (screen: string): boolean => screen.includes('General setup') && /^⏎ open/m.test(screen);

/** tuxconf on the demo tree in its own output directory, in a tmux window of `size`. */
async function demoIn(dir: string, name: string, size: Size): Promise<TmuxTerminal> {
  const out = join(dir, name);
  await mkdir(join(dir, 'tmp'), { recursive: true });
  return new TmuxTerminal(`${TUXCONF_BIN} --demo -O ${out}`, size, {
    TUXCONF_FROM_SOURCE: '1',
    TERM: 'xterm-256color',
    TMPDIR: join(dir, 'tmp'),
    XDG_STATE_HOME: join(dir, 'xdg-state'),
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
  });
}

/** The screen without line 2 (it names each instance's own output directory), right-trimmed. */
function comparable(screen: string): string[] {
  return screen
    .split('\n')
    .filter((_, index) => index !== 1)
    .map((line) => line.trimEnd());
}

const cursorLines = (screen: string): string[] => screen.split('\n').filter((line) => line.startsWith('>'));

describe('the screen in tmux (demo tree)', () => {
  it('after each resize the screen equals a fresh start at that size, and Ctrl-L repaints', { timeout: 300_000 }, async () => {
    await withTempDir('screen', async (dir) => {
      const sizes: Size[] = [
        { columns: 80, rows: 24 },
        { columns: 120, rows: 40 },
        { columns: 80, rows: 19 },
        { columns: 70, rows: 20 },
        { columns: 100, rows: 30 },
      ];
      const resized = await demoIn(dir, 'resized', { columns: 100, rows: 30 });
      const fresh = await Promise.all(sizes.map((size, index) => demoIn(dir, `fresh-${index}`, size)));
      try {
        await resized.waitFor(MENU_READY, 'the menu at 100x30', 120_000);
        for (const [index, size] of sizes.entries()) {
          await fresh[index]!.waitFor((screen) => screen.includes('tuxconf') || screen.includes('too small'), `a fresh start at ${size.columns}x${size.rows}`, 120_000);
          resized.resize(size.columns, size.rows);
          // Both screens are compared as they come (the info pane's explanation is drawn after the menu, in each).
          let last = '';
          let oracle = '';
          await resized
            .waitFor((screen) => {
              last = screen;
              oracle = fresh[index]!.screen();
              return JSON.stringify(comparable(screen)) === JSON.stringify(comparable(oracle));
            }, `the screen at ${size.columns}x${size.rows}`, 10_000)
            .catch(() => {
              assert.deepEqual(comparable(last), comparable(oracle), `after resizing to ${size.columns}x${size.rows} the screen is what a fresh start draws`);
            });
          if (oracle.includes('General setup')) assert.equal(cursorLines(last).length, 1, 'one cursor line');
        }

        // Something else writes over the screen (a background job, a wall message): Ctrl-L repairs it.
        const good = resized.screen();
        writeFileSync(resized.format('#{pane_tty}'), '\x1b[2J\x1b[5;10Hstray output\r\n> not a cursor line');
        await resized.waitFor((screen) => screen.includes('stray output'), 'the stray output on the screen');
        await resized.keys('C-l');
        await resized.waitFor((screen) => screen === good, 'Ctrl-L drawing the whole screen again', 5000);

        // The menu works after all of that: the cursor moves, one line at a time.
        await resized.keys('j');
        const moved = await resized.waitFor((screen) => (cursorLines(screen)[0] ?? '').includes('General setup'), 'j');
        assert.equal(cursorLines(moved).length, 1);
      } finally {
        resized.kill();
        for (const terminal of fresh) terminal.kill();
      }
    });
  });

  it("works at 80x19, menuconfig's minimum: the menu, the key hints, search", { timeout: 180_000 }, async () => {
    await withTempDir('screen-small', async (dir) => {
      const terminal = await demoIn(dir, 'out', { columns: 80, rows: 19 });
      try {
        const screen = await terminal.waitFor(MENU_READY, 'the menu at 80x19', 120_000);
        const lines = screen.split('\n');
        assert.match(lines[17] ?? '', /^⏎ open {2}← back .* q quit/, 'the key hints on the last line tuxconf draws');
        assert.equal(cursorLines(screen).length, 1);
        assert.ok(lines.filter((line) => /^[ >]( {4}|\[.\] )\S/.test(line)).length >= 10, 'at least 10 menu entries');
        await terminal.keys('/');
        await terminal.typeLiteral('e1000');
        const search = await terminal.waitFor((text) => text.includes('E1000E=n'), 'search results at 80x19');
        assert.match(search.split('\n')[17] ?? '', /^⏎ show in menu/);
        await terminal.keys('Escape');
        await terminal.waitFor(MENU_READY, 'the menu again');
      } finally {
        terminal.kill();
      }
    });
  });
});
