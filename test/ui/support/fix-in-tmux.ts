import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kernelTree, outputDirWith, withTempDir } from '../../support/kernel-trees.js';
import { TUXCONF_BIN } from '../../support/run-cli.js';
import { assertStable, configValue, makeBase } from '../../fix/support.js';
import { TmuxTerminal } from './tmux.js';

/** The cursor line of the search results (a result's line starts with `>` too). */
export const resultLine = (screen: string): string => screen.split('\n').find((line) => line.startsWith('>')) ?? '';

/** Where a fix flow runs: the real program in tmux (80x24, NO_COLOR) on Debian's 6.12 tree from x86_64_defconfig. */
export interface FixTerminal {
  terminal: TmuxTerminal;
  /** The output directory holding the .config. */
  out: string;
  /** The test's own directory. */
  dir: string;
}

/** Runs `flow` with the menu of 6.12 from x86_64_defconfig on screen in tmux; the terminal is killed after. */
export async function withDefconfigMenuInTmux(name: string, flow: (where: FixTerminal) => Promise<void>): Promise<void> {
  const tree = kernelTree('6.12');
  await withTempDir(name, async (dir) => {
    const out = await outputDirWith(dir, 'tui', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    const terminal = new TmuxTerminal(
      `${TUXCONF_BIN} -C ${tree} -O ${out}`,
      { columns: 80, rows: 24 },
      { TUXCONF_FROM_SOURCE: '1', TERM: 'xterm-256color', NO_COLOR: '1' },
    );
    try {
      await terminal.waitFor((screen) => screen.includes('Linux/x86 6.12') && screen.includes('General setup'), 'the menu', 120_000);
      await flow({ terminal, out, dir });
    } finally {
      terminal.kill();
    }
  });
}

/** Searches `query` and waits for the first result to be `result` (e.g. `IWLMVM=n`), shown hidden. */
export async function findHidden(terminal: TmuxTerminal, query: string, result: string, label: string): Promise<void> {
  await terminal.keys('/');
  await terminal.waitFor((screen) => screen.includes('Search every symbol'), 'the search');
  terminal.typeLiteral(query);
  await terminal.waitFor((screen) => resultLine(screen).startsWith(`>${result}`) && resultLine(screen).includes('[hidden]'), label, 30_000);
}

/** What applying the fix shown on screen must give. */
export interface FixExpectation {
  /** The target as the status line names it, e.g. `IWLMVM=m`. */
  target: string;
  /** The target's search result before the fix, e.g. `IWLMVM=n`. */
  before: string;
  /** Values the saved .config must hold. */
  saved: Record<string, string>;
  /** What `make olddefconfig` keeps, in words, for the stability check. */
  label: string;
  /** Wait label once undone. */
  undone: string;
}

/**
 * With the fix's diff on screen: f applies it (back in the results), the menu saves it, the saved
 * .config is one make olddefconfig keeps, u undoes the fix and the search shows the old value.
 */
export async function applySaveUndo({ terminal, out, dir }: FixTerminal, expected: FixExpectation): Promise<void> {
  await terminal.keys('f');
  await terminal.waitFor(
    (screen) => screen.includes(`Fixed CONFIG_${expected.target}`) && resultLine(screen).startsWith(`>${expected.target}`),
    'the fix applied, back in the results',
    60_000,
  );
  await terminal.press('Escape');
  await terminal.press('Escape');
  await terminal.waitFor((screen) => screen.includes('General setup') && !screen.includes('Search every symbol'), 'the menu again');
  await terminal.keys('s');
  await terminal.waitFor((screen) => screen.includes(`Saved ${out}/.config`), 'the save', 30_000);
  const saved = await readFile(join(out, '.config'), 'utf8');
  for (const [name, value] of Object.entries(expected.saved)) assert.equal(configValue(saved, name), value);
  await assertStable('6.12', dir, saved, expected.label);

  await terminal.keys('u');
  await terminal.waitFor((screen) => screen.includes(`Undid fix ${expected.target}`), 'u undoing the fix', 30_000);
  await terminal.keys('/');
  await terminal.waitFor((screen) => resultLine(screen).startsWith(`>${expected.before}`), expected.undone);
}
