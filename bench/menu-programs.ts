import type { Screen } from './screen.js';

export type ProgramName = 'tuxconf' | 'make menuconfig';

/**
 * What the benchmark needs to know about a menu program to drive it as a user would: how to
 * start it, how to read its screen (which entry the cursor is on, which menu is shown), and how
 * its search works. Everything is read from the screen; nothing from the program's internals.
 */
export interface MenuProgram {
  name: ProgramName;
  /** The command line, run in the kernel tree as a user would type it. */
  argv(options: { bin: string; output: string }): string[];
  /** The main menu is on the screen (its first entry, General setup, is drawn as a menu row). */
  showsMainMenu(screen: Screen): boolean;
  /** The text of the menu row the cursor is on ('' when none). */
  selectedLine(screen: Screen): string;
  /** The title of the menu on screen (the menu's own prompt, e.g. "Device Drivers"). */
  menuTitle(screen: Screen): string;
  /** tuxconf searches on every keystroke; menuconfig when Enter is pressed in its search dialog. */
  search: 'live' | 'on-enter';
  /** The search input is on screen. */
  showsSearch(screen: Screen): boolean;
  /** The search results are on screen (menuconfig's results box; tuxconf's result rows). */
  showsSearchResults(screen: Screen): boolean;
  /** The last characters of the search input as drawn. */
  searchInput(screen: Screen): string;
  /** The search can answer now (tuxconf builds its index after the first frame). */
  searchReady(screen: Screen): boolean;
}

const MAIN_MENU_ROW = /(^|[\s│>])\s*General setup {2}--->/;

export const tuxconf: MenuProgram = {
  name: 'tuxconf',
  argv: ({ bin, output }) => [bin, '-O', output],
  showsMainMenu: (screen) => screen.lines().some((line) => MAIN_MENU_ROW.test(line)) && /Kernel Configuration/.test(screen.line(2)),
  // The cursor row is marked with '>' in the first column.
  selectedLine: (screen) => screen.lines().find((line) => line.startsWith('>')) ?? '',
  // Row 3 is the menu's path (" Device Drivers > Network device support   12/40").
  menuTitle: (screen) => screen.line(2).replace(/\s+\d+\/\d+$/, '').split(' > ').at(-1)?.trim() ?? '',
  search: 'live',
  showsSearch: (screen) => screen.lines().some((line) => line.startsWith('Search:')),
  showsSearchResults: (screen) => /\d[\d,]* match/.test(screen.lines().find((line) => line.startsWith('Search:')) ?? ''),
  // "Search: <the end of the query>   <status: 17,704 symbols, 5 matches, no match, indexing ...>"
  searchInput: (screen) =>
    (screen.lines().find((line) => line.startsWith('Search: ')) ?? '')
      .slice('Search: '.length)
      .replace(/\s{2,}(?:[\d,]+ (?:symbols?|match(?:es)?)|no match|no index|indexing.*)$/, '')
      .trimEnd(),
  searchReady: (screen) => !/\s(indexing [\d,]+ symbols|no index)/.test(screen.lines().find((line) => line.startsWith('Search: ')) ?? ''),
};

/** Box-drawing characters of menuconfig's dialogs, around titles and rows. */
const BOX = /[┌┐└┘├┤─│]/g;

export const menuconfig: MenuProgram = {
  name: 'make menuconfig',
  argv: ({ output }) => ['make', `O=${output}`, 'menuconfig'],
  showsMainMenu: (screen) => screen.lines().some((line) => MAIN_MENU_ROW.test(line)) && /Kernel Configuration/.test(screen.line(2)),
  // ncurses leaves the terminal's cursor on the highlighted entry (lxdialog's menubox moves it there).
  selectedLine: (screen) => screen.line(screen.row).replace(BOX, '').trim(),
  // The menu's box is the first box on the screen; its top edge holds the title.
  menuTitle: (screen) => (screen.lines().find((line) => line.trimStart().startsWith('┌')) ?? '').replace(BOX, '').trim(),
  search: 'on-enter',
  // Dialogs are centred on the screen: find them by their titles, wherever they are.
  showsSearch: (screen) => screen.lines().some((line) => line.includes('Search Configuration Parameter')),
  showsSearchResults: (screen) => screen.lines().some((line) => line.includes('Search Results')),
  // The input field is two rows under the dialog's prompt.
  searchInput: (screen) => {
    const prompt = screen.lines().findIndex((line) => line.includes('Enter (sub)string or regexp to search for'));
    return prompt < 0 ? '' : screen.line(prompt + 2).replace(BOX, '').trim();
  },
  searchReady: () => true,
};

export const PROGRAMS: readonly MenuProgram[] = [menuconfig, tuxconf];
