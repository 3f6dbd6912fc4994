/**
 * The fewest bytes for a frame update: lines that moved up or down together are moved by the
 * terminal (a scroll region), and a changed line is rewritten only from its first changed cell,
 * up to its last one. Each cell's style is the run of SGR sequences since the last reset, so
 * two cells are the same only when they were written the same way (a safe, not minimal, test).
 * The SGR state is reset at the start and the end of every line update.
 */

const RESET = '\x1b[0m';
const ERASE_TO_END = '\x1b[K';
const SGR_AT_START = /^\x1b\[([0-9;:]*)m/;

interface Cell {
  style: string;
  char: string;
}

/** Moves the cursor to a row and column (both from 1). */
export function cursorTo(row: number, column: number): string {
  return column === 1 ? `\x1b[${row};1H` : `\x1b[${row};${column}H`;
}

/** The whole line written over what was there. */
export function wholeLine(row: number, line: string): string {
  return `${cursorTo(row, 1)}${line}${RESET}${ERASE_TO_END}`;
}

/** Whether a character surely takes one column (the others: the whole line is rewritten). */
function narrow(code: number): boolean {
  if (code < 0x300) return code >= 0x20 && code !== 0x7f && code !== 0xad && (code < 0x80 || code >= 0xa0);
  return (
    (code >= 0x2010 && code <= 0x2027) ||
    (code >= 0x2030 && code <= 0x205e) ||
    (code >= 0x2190 && code <= 0x21ff) ||
    (code >= 0x2500 && code <= 0x259f) ||
    code === 0x23ce
  );
}

/** A line's cells, or null when one of its characters may be wide or take no room. */
export function cellsOf(line: string): Cell[] | null {
  const cells: Cell[] = [];
  let style = '';
  for (let index = 0; index < line.length;) {
    if (line.charCodeAt(index) === 0x1b) {
      const sgr = SGR_AT_START.exec(line.slice(index, index + 24));
      if (!sgr) return null;
      style = sgr[1] === '' || sgr[1] === '0' ? '' : style + sgr[0];
      index += sgr[0].length;
      continue;
    }
    const code = line.codePointAt(index)!;
    if (!narrow(code)) return null;
    const char = String.fromCodePoint(code);
    cells.push({ style, char });
    index += char.length;
  }
  return cells;
}

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  return a !== undefined && b !== undefined && a.char === b.char && a.style === b.style;
}

/** Cells from `from` to `to` (exclusive) with the styles they need, starting from a reset state. */
function cellText(cells: readonly Cell[], from: number, to: number): string {
  let out = '';
  let style = '';
  for (let index = from; index < to; index++) {
    const cell = cells[index]!;
    if (cell.style !== style) out += cell.style.startsWith(style) ? cell.style.slice(style.length) : `${RESET}${cell.style}`;
    style = cell.style;
    out += cell.char;
  }
  return style === '' ? out : out + RESET;
}

/** The bytes that turn `shown` into `next` on screen row `row` (from 1): only the changed cells where that is shorter. */
export function lineUpdate(row: number, shown: string, next: string): string {
  const whole = wholeLine(row, next);
  const before = cellsOf(shown);
  const after = cellsOf(next);
  if (!before || !after) return whole;
  let first = 0;
  while (first < after.length && sameCell(before[first], after[first])) first++;
  let partial: string;
  if (before.length === after.length) {
    let end = after.length;
    while (end > first && sameCell(before[end - 1], after[end - 1])) end--;
    if (end === first) return '';
    partial = cursorTo(row, first + 1) + cellText(after, first, end);
  } else {
    partial = cursorTo(row, first + 1) + cellText(after, first, after.length) + (after.length < before.length ? ERASE_TO_END : '');
  }
  return partial.length < whole.length ? partial : whole;
}

/** A block of lines the terminal can move: rows top..bottom (from 0) scroll by `by` (up when positive). */
export interface Scroll {
  top: number;
  bottom: number;
  by: number;
}

/** Fewer than this many lines that moved together are simply rewritten. */
const MIN_MOVED = 3;

/** The largest block of lines that moved by the same few rows between two frames, if it is worth a scroll. */
export function findScroll(previous: readonly string[], next: readonly string[]): Scroll | null {
  let best: Scroll | null = null;
  let bestGain = MIN_MOVED - 1;
  const rows = Math.min(previous.length, next.length);
  for (const by of [1, -1, 2, -2, 3, -3]) {
    let gain = 0;
    let start = -1;
    for (let row = 0; row <= rows; row++) {
      const source = row + by;
      const moved = row < rows && source >= 0 && source < rows && next[row] === previous[source] && next[row] !== '';
      if (moved && start < 0) start = row;
      if (moved && next[row] !== previous[row]) gain++;
      if (!moved && start >= 0) {
        if (gain > bestGain) {
          bestGain = gain;
          best = by > 0 ? { top: start, bottom: row - 1 + by, by } : { top: start + by, bottom: row - 1, by };
        }
        start = -1;
        gain = 0;
      }
    }
  }
  return best;
}

/** The bytes that scroll a block, and what the screen shows after them. */
export function applyScroll(shown: readonly string[], { top, bottom, by }: Scroll): { bytes: string; shown: string[] } {
  const after = [...shown];
  const block = shown.slice(top, bottom + 1);
  const moved = by > 0 ? [...block.slice(by), ...Array<string>(by).fill('')] : [...Array<string>(-by).fill(''), ...block.slice(0, by)];
  after.splice(top, moved.length, ...moved);
  // Line feeds at the region's bottom and reverse index (ESC M) at its top: what every VT100 does.
  const move = by > 0 ? cursorTo(bottom + 1, 1) + '\n'.repeat(by) : cursorTo(top + 1, 1) + '\x1bM'.repeat(-by);
  // Resetting the region homes the cursor; every later write is at an absolute position.
  return { bytes: `${RESET}\x1b[${top + 1};${bottom + 1}r${move}\x1b[r`, shown: after };
}
