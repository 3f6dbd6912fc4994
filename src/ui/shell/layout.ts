import type { OpenPane } from './ui-state.js';

/** menuconfig's minimum (scripts/kconfig/lxdialog: WINDOW_WIDTH_MIN, WINDOW_HEIGTH_MIN): it runs where menuconfig runs. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 19;

export const HEADER_ROWS = 2;
export const TITLE_ROWS = 1;
export const STATUS_ROWS = 1;
export const HINT_ROWS = 1;
/** The info pane: a rule with the symbol's name and four lines. */
export const INFO_ROWS = 5;
/** Dialogs that open under the menu (value editor, file name, quit). */
export const SHEET_ROWS = 6;
/**
 * Pages shorter than this (a terminal under 23 rows: a tmux pane with its status line in an
 * 80x24 SSH window has 23) keep the menu long enough to work in: the info pane shows its
 * rule and two lines, the sheets lose their spare line.
 */
export const SHORT_PAGE_ROWS = 17;
const SHORT_INFO_ROWS = 3;
const SHORT_SHEET_ROWS = 5;

export interface Layout {
  columns: number;
  /** Lines Ink draws: one less than the terminal, because on Ink 6.8 a frame as tall as the terminal is redrawn in full every time. */
  height: number;
  tooSmall: boolean;
  list: number;
  info: number;
  sheet: number;
  /** Lines of a pane's content (help, why, changes, search ...). */
  page: number;
}

export function layoutFor(columns: number, rows: number, pane: OpenPane, infoPane: boolean): Layout {
  const height = Math.max(1, rows - 1);
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const chrome = HEADER_ROWS + TITLE_ROWS + STATUS_ROWS + HINT_ROWS;
  const page = Math.max(1, height - chrome);
  const short = page < SHORT_PAGE_ROWS;
  const hasSheet = pane.kind === 'editor' || pane.kind === 'file' || pane.kind === 'quit' || pane.kind === 'overwrite';
  const sheet = hasSheet ? (short ? SHORT_SHEET_ROWS : SHEET_ROWS) : 0;
  const info = sheet === 0 && infoPane ? (short ? SHORT_INFO_ROWS : INFO_ROWS) : 0;
  const list = Math.max(1, page - sheet - info);
  return { columns, height, tooSmall, list, info, sheet, page };
}
