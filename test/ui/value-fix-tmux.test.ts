import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySaveUndo, findHidden, withDefconfigMenuInTmux } from './support/fix-in-tmux.js';

/**
 * The real program in a real terminal (tmux, 80x24, NO_COLOR) on Debian's 6.12 tree from
 * x86_64_defconfig: BLK_DEV_RAM_COUNT, an int hidden there (BLK_DEV_RAM is off), found by search;
 * the value typed in the editor, Tab shows the fix as a diff, f applies it, the saved .config is
 * one make olddefconfig keeps, and u undoes the fix.
 */
describe('the fix for a typed value in tmux on Debian 6.12', () => {
  it('types 4 for hidden BLK_DEV_RAM_COUNT, shows its fix, applies it, saves what the kernel keeps, and undoes it', { timeout: 300_000 }, async () => {
    await withDefconfigMenuInTmux('value-fix-tmux', async (where) => {
      const { terminal } = where;
      await findHidden(terminal, 'blk_dev_ram_count', 'BLK_DEV_RAM_COUNT=0', 'BLK_DEV_RAM_COUNT found, hidden');
      await terminal.keys('Down', 'Space');
      await terminal.waitFor((screen) => screen.includes('(CONFIG_BLK_DEV_RAM_COUNT, int'), 'the value editor');
      await terminal.keys('BSpace', '4', 'Tab');
      const fix = await terminal.waitFor((screen) => screen.includes('Fix for CONFIG_BLK_DEV_RAM_COUNT=4'), 'the fix as a diff', 60_000);
      assert.match(fix, /Why: CONFIG_BLK_DEV_RAM_COUNT/);
      assert.match(fix, /^ {2}~ BLK_DEV_RAM_COUNT 0 -> 4 {2}asked for$/m);
      assert.match(fix, /^ {2}\+ BLK_DEV_RAM n -> m {2}BLK_DEV_RAM_COUNT depends on BLK_DEV_RAM$/m);
      assert.match(fix.split('\n').findLast((line) => line.trim() !== '') ?? '', /f apply fix/);
      assert.ok(fix.split('\n').every((line) => Array.from(line).length <= 80));

      await applySaveUndo(where, {
        target: 'BLK_DEV_RAM_COUNT=4',
        before: 'BLK_DEV_RAM_COUNT=0',
        saved: { BLK_DEV_RAM_COUNT: '4', BLK_DEV_RAM: 'm' },
        label: 'x86_64_defconfig + the fix for BLK_DEV_RAM_COUNT=4, saved by the TUI',
        undone: 'BLK_DEV_RAM_COUNT back at 0 in the search',
      });
    });
  });
});
