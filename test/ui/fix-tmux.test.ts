import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applySaveUndo, findHidden, withDefconfigMenuInTmux } from './support/fix-in-tmux.js';

/**
 * The real program in a real terminal (tmux, 80x24, NO_COLOR) on Debian's 6.12 tree from
 * x86_64_defconfig: IWLMVM, hidden there, found by search; e shows why and the fix as a diff; f
 * applies it; the saved .config is one make olddefconfig keeps; u undoes the fix.
 */
describe('the fix in tmux on Debian 6.12', () => {
  it('finds hidden IWLMVM, shows its fix, applies it, saves what the kernel keeps, and undoes it', { timeout: 300_000 }, async () => {
    await withDefconfigMenuInTmux('fix-tmux', async (where) => {
      const { terminal } = where;
      await findHidden(terminal, 'iwlmvm', 'IWLMVM=n', 'IWLMVM found, hidden');
      await terminal.keys('Down', 'e');
      const fix = await terminal.waitFor((screen) => screen.includes('Fix for CONFIG_IWLMVM=m'), 'the fix as a diff', 60_000);
      assert.match(fix, /Why: CONFIG_IWLMVM/);
      assert.match(fix, /IWLMVM is hidden: its prompt needs these/);
      assert.match(fix, /^ {2}\+ IWLMVM n -> m {2}asked for$/m);
      assert.match(fix, /^ {2}\+ IWLWIFI n -> m {2}IWLMVM depends on IWLWIFI$/m);
      assert.match(fix.split('\n').findLast((line) => line.trim() !== '') ?? '', /f apply fix/);
      assert.ok(fix.split('\n').every((line) => Array.from(line).length <= 80));

      await applySaveUndo(where, {
        target: 'IWLMVM=m',
        before: 'IWLMVM=n',
        saved: { IWLMVM: 'm', IWLWIFI: 'm' },
        label: 'x86_64_defconfig + the fix for IWLMVM=m, saved by the TUI',
        undone: 'IWLMVM off again in the search',
      });
    });
  });
});
