import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { assertStable, configValue, makeBase } from '../fix/support.js';
import { TmuxTerminal } from './support/tmux.js';

/** The cursor line of the search results (a result's line starts with `>` too). */
const resultLine = (screen: string): string => screen.split('\n').find((line) => line.startsWith('>')) ?? '';

/**
 * The real program in a real terminal (tmux, 80x24, NO_COLOR) on Debian's 6.12 tree from
 * x86_64_defconfig: BLK_DEV_RAM_COUNT, an int hidden there (BLK_DEV_RAM is off), found by search;
 * the value typed in the editor, Tab shows the fix as a diff, f applies it, the saved .config is
 * one make olddefconfig keeps, and u undoes the fix.
 */
describe('the fix for a typed value in tmux on Debian 6.12', () => {
  it('types 4 for hidden BLK_DEV_RAM_COUNT, shows its fix, applies it, saves what the kernel keeps, and undoes it', { timeout: 300_000 }, async () => {
    const tree = kernelTree('6.12');
    await withTempDir('value-fix-tmux', async (dir) => {
      const out = await outputDirWith(dir, 'tui', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
      const terminal = new TmuxTerminal(
        `${TUXCONF_BIN} -C ${tree} -O ${out}`,
        { columns: 80, rows: 24 },
        { TUXCONF_FROM_SOURCE: '1', TERM: 'xterm-256color', NO_COLOR: '1' },
      );
      try {
        await terminal.waitFor((screen) => screen.includes('Linux/x86 6.12') && screen.includes('General setup'), 'the menu', 120_000);
        await terminal.keys('/');
        await terminal.waitFor((screen) => screen.includes('Search every symbol'), 'the search');
        terminal.typeLiteral('blk_dev_ram_count');
        await terminal.waitFor(
          (screen) => resultLine(screen).startsWith('>BLK_DEV_RAM_COUNT=0') && resultLine(screen).includes('[hidden]'),
          'BLK_DEV_RAM_COUNT found, hidden',
          30_000,
        );
        await terminal.keys('Down', 'Space');
        await terminal.waitFor((screen) => screen.includes('(CONFIG_BLK_DEV_RAM_COUNT, int'), 'the value editor');
        await terminal.keys('BSpace', '4', 'Tab');
        const fix = await terminal.waitFor((screen) => screen.includes('Fix for CONFIG_BLK_DEV_RAM_COUNT=4'), 'the fix as a diff', 60_000);
        assert.match(fix, /Why: CONFIG_BLK_DEV_RAM_COUNT/);
        assert.match(fix, /^ {2}~ BLK_DEV_RAM_COUNT 0 -> 4 {2}asked for$/m);
        assert.match(fix, /^ {2}\+ BLK_DEV_RAM n -> m {2}BLK_DEV_RAM_COUNT depends on BLK_DEV_RAM$/m);
        assert.match(fix.split('\n').findLast((line) => line.trim() !== '') ?? '', /f apply fix/);
        assert.ok(fix.split('\n').every((line) => Array.from(line).length <= 80));

        await terminal.keys('f');
        await terminal.waitFor(
          (screen) => screen.includes('Fixed CONFIG_BLK_DEV_RAM_COUNT=4') && resultLine(screen).startsWith('>BLK_DEV_RAM_COUNT=4'),
          'the fix applied, back in the results',
          60_000,
        );
        await terminal.press('Escape');
        await terminal.press('Escape');
        await terminal.waitFor((screen) => screen.includes('General setup') && !screen.includes('Search every symbol'), 'the menu again');
        await terminal.keys('s');
        await terminal.waitFor((screen) => screen.includes(`Saved ${out}/.config`), 'the save', 30_000);
        const saved = await readFile(join(out, '.config'), 'utf8');
        assert.equal(configValue(saved, 'BLK_DEV_RAM_COUNT'), '4');
        assert.equal(configValue(saved, 'BLK_DEV_RAM'), 'm');
        await assertStable('6.12', dir, saved, 'x86_64_defconfig + the fix for BLK_DEV_RAM_COUNT=4, saved by the TUI');

        await terminal.keys('u');
        await terminal.waitFor((screen) => screen.includes('Undid fix BLK_DEV_RAM_COUNT=4'), 'u undoing the fix', 30_000);
        await terminal.keys('/');
        await terminal.waitFor((screen) => resultLine(screen).startsWith('>BLK_DEV_RAM_COUNT=0'), 'BLK_DEV_RAM_COUNT back at 0 in the search');
      } finally {
        terminal.kill();
      }
    });
  });
});
