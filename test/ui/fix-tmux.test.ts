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
 * x86_64_defconfig: IWLMVM, hidden there, found by search; e shows why and the fix as a diff; f
 * applies it; the saved .config is one make olddefconfig keeps; u undoes the fix.
 */
describe('the fix in tmux on Debian 6.12', () => {
  it('finds hidden IWLMVM, shows its fix, applies it, saves what the kernel keeps, and undoes it', { timeout: 300_000 }, async () => {
    const tree = kernelTree('6.12');
    await withTempDir('fix-tmux', async (dir) => {
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
        terminal.typeLiteral('iwlmvm');
        await terminal.waitFor(
          (screen) => resultLine(screen).startsWith('>IWLMVM=n') && resultLine(screen).includes('[hidden]'),
          'IWLMVM found, hidden',
          30_000,
        );
        await terminal.keys('Down', 'e');
        const fix = await terminal.waitFor((screen) => screen.includes('Fix for CONFIG_IWLMVM=m'), 'the fix as a diff', 60_000);
        assert.match(fix, /Why: CONFIG_IWLMVM/);
        assert.match(fix, /IWLMVM is hidden: its prompt needs these/);
        assert.match(fix, /^ {2}\+ IWLMVM n -> m {2}asked for$/m);
        assert.match(fix, /^ {2}\+ IWLWIFI n -> m {2}IWLMVM depends on IWLWIFI$/m);
        assert.match(fix.split('\n').findLast((line) => line.trim() !== '') ?? '', /f apply fix/);
        assert.ok(fix.split('\n').every((line) => Array.from(line).length <= 80));

        await terminal.keys('f');
        await terminal.waitFor(
          (screen) => screen.includes('Fixed CONFIG_IWLMVM=m') && resultLine(screen).startsWith('>IWLMVM=m'),
          'the fix applied, back in the results',
          60_000,
        );
        await terminal.press('Escape');
        await terminal.press('Escape');
        await terminal.waitFor((screen) => screen.includes('General setup') && !screen.includes('Search every symbol'), 'the menu again');
        await terminal.keys('s');
        await terminal.waitFor((screen) => screen.includes(`Saved ${out}/.config`), 'the save', 30_000);
        const saved = await readFile(join(out, '.config'), 'utf8');
        assert.equal(configValue(saved, 'IWLMVM'), 'm');
        assert.equal(configValue(saved, 'IWLWIFI'), 'm');
        await assertStable('6.12', dir, saved, 'x86_64_defconfig + the fix for IWLMVM=m, saved by the TUI');

        await terminal.keys('u');
        await terminal.waitFor((screen) => screen.includes('Undid fix IWLMVM=m'), 'u undoing the fix', 30_000);
        await terminal.keys('/');
        await terminal.waitFor((screen) => resultLine(screen).startsWith('>IWLMVM=n'), 'IWLMVM off again in the search');
      } finally {
        terminal.kill();
      }
    });
  });
});
