/**
 * The fewest bytes for a frame update: lines that moved up or down together are moved by the
 * terminal (a scroll region), and a changed line is rewritten only where its cells changed,
 * skipping unchanged runs that cost more to write than to jump over, and ending with an erase
 * when the rest of the line is blank. Cells are compared by character and by how they look (the
 * pen of src/ui/terminal-pen.ts), never by the escape sequences that drew them.
 *
 * The painter knows where the cursor is after what it wrote, so it moves with the shortest
 * sequence (NEL to the next line, a jump to the right on the same line, else an absolute
 * position), and keeps the colours set between pieces. Where it cannot know (a character that
 * may be wide or take no room), the line is written whole and the next move is absolute.
 * Every update ends with plain colours, and scrolls and erases are done with plain colours
 * (a terminal fills with the current background).
 */
import { applySgr, penChange, PLAIN, spaceLooksBlank, type Pen } from './terminal-pen.js';

const ERASE_TO_END = '\x1b[K';
const SGR_AT_START = /^\x1b\[([0-9;:]*)m/;

export interface Cell {
  pen: Pen;
  char: string;
}

const BLANK: Cell = { pen: PLAIN, char: ' ' };

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

/** A line's cells, or null when one of its characters may be wide or take no room, or it has an SGR this model does not know. */
export function cellsOf(line: string): Cell[] | null {
  const cells: Cell[] = [];
  let pen = PLAIN;
  for (let index = 0; index < line.length;) {
    if (line.charCodeAt(index) === 0x1b) {
      const sgr = SGR_AT_START.exec(line.slice(index, index + 40));
      const next = sgr ? applySgr(pen, sgr[1]!) : null;
      if (!sgr || !next) return null;
      pen = next;
      index += sgr[0].length;
      continue;
    }
    const code = line.codePointAt(index)!;
    if (!narrow(code)) return null;
    const char = String.fromCodePoint(code);
    // A space that looks empty is the same cell as an empty one, whatever its (bold, coloured) pen.
    cells.push({ pen: char === ' ' && spaceLooksBlank(pen) ? PLAIN : pen, char });
    index += char.length;
  }
  return cells;
}

const sameCell = (a: Cell, b: Cell): boolean => a.char === b.char && a.pen === b.pen;
const isBlank = (cell: Cell): boolean => cell.char === ' ' && cell.pen === PLAIN;

/** The pen a cell is written with after `pen`: an empty-looking space keeps any pen that draws it empty. */
const penFor = (cell: Cell, pen: Pen): Pen => (isBlank(cell) && spaceLooksBlank(pen) ? pen : cell.pen);

/** CUP, with the defaults left out (`ESC [5H` is row 5, column 1). */
export function cursorTo(row: number, column: number): string {
  if (column === 1) return row === 1 ? '\x1b[H' : `\x1b[${row}H`;
  return `\x1b[${row};${column}H`;
}

const forward = (count: number): string => (count === 1 ? '\x1b[C' : `\x1b[${count}C`);

/**
 * NEL (ESC E): to the start of the next line, as CR LF is, in 2 bytes on the wire whatever the
 * terminal's output processing (a tty in node's raw mode keeps ONLCR, which sends CR LF as 3).
 */
const NEXT_LINE = '\x1bE';

/**
 * Writes an update and remembers where the cursor is and which pen is set. Rows and columns
 * here count from 0; `column` is null when unknown, and equals the width after a line was
 * written to its last column (the terminal waits to wrap: only CR or an absolute move follow).
 */
export class Painter {
  out = '';
  private row = -1;
  private column: number | null = null;
  private pen: Pen = PLAIN;

  /** Goes to a cell by the shortest sequence that surely lands there. */
  moveTo(row: number, column: number): void {
    if (row === this.row && column === this.column) return;
    let best = cursorTo(row + 1, column + 1);
    if (this.column !== null && row === this.row && column > this.column) {
      const jump = forward(column - this.column);
      if (jump.length < best.length) best = jump;
    } else if (this.column !== null && row === this.row + 1) {
      const down = column === 0 ? NEXT_LINE : `${NEXT_LINE}${forward(column)}`;
      if (down.length < best.length) best = down;
    }
    this.out += best;
    this.row = row;
    this.column = column;
  }

  /** The pen set now. */
  get currentPen(): Pen {
    return this.pen;
  }

  /** Whether the cursor is at a known place on the row above `row` (the next line is then reached by NEL). */
  isOnRowAbove(row: number): boolean {
    return this.row === row - 1 && this.column !== null;
  }

  setPen(pen: Pen): void {
    this.out += penChange(this.pen, pen);
    this.pen = pen;
  }

  /** Cells from..to (exclusive) at the cursor. */
  cells(cells: readonly Cell[], from: number, to: number): void {
    for (let index = from; index < to; index++) {
      const cell = cells[index]!;
      this.setPen(penFor(cell, this.pen));
      this.out += cell.char;
    }
    if (this.column !== null) this.column += to - from;
  }

  /** Clears from the cursor to the end of its line, with no background (a terminal erases with the current one). */
  eraseToEnd(): void {
    if (!spaceLooksBlank(this.pen)) this.setPen(PLAIN);
    this.out += ERASE_TO_END;
  }

  /** A line written as it is, from the start of its row (after clearing the row when it showed something). */
  wholeLine(row: number, line: string, clear: boolean): void {
    this.moveTo(row, 0);
    // Ink's text sets its colours from plain.
    this.setPen(PLAIN);
    if (clear) this.out += ERASE_TO_END;
    this.out += line;
    // Ink's text may leave colours set; its width on the terminal is not known.
    this.out += '\x1b[m';
    this.pen = PLAIN;
    this.column = null;
  }

  /** Raw bytes after which the cursor position is unknown (pen as given). */
  raw(bytes: string, pen: Pen): void {
    this.out += bytes;
    this.pen = pen;
    this.row = -1;
    this.column = null;
  }

  /** The update, ending with plain colours. */
  finish(): string {
    this.setPen(PLAIN);
    return this.out;
  }
}

/** What writing cells from..to costs after the pen `pen` (bytes), and the pen it leaves. */
function writeCost(cells: readonly Cell[], from: number, to: number, pen: Pen): { bytes: number; pen: Pen } {
  let bytes = 0;
  for (let index = from; index < to; index++) {
    const cell = cells[index]!;
    const next = penFor(cell, pen);
    bytes += penChange(pen, next).length + Buffer.byteLength(cell.char);
    pen = next;
  }
  return { bytes, pen };
}

/** Runs of changed cells [from, to) before `end`; unchanged stretches are left out. */
function changedRuns(before: readonly Cell[], after: readonly Cell[], end: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let index = 0; index < end; index++) {
    if (sameCell(before[index] ?? BLANK, after[index] ?? BLANK)) continue;
    const last = runs.at(-1);
    if (last && last[1] === index) last[1] = index + 1;
    else runs.push([index, index + 1]);
  }
  return runs;
}

/** Where the rest of `after` is blank and an erase can replace writing spaces (after's length when nothing to erase). */
function blankTail(before: readonly Cell[], after: readonly Cell[]): number {
  let tail = after.length;
  while (tail > 0 && isBlank(after[tail - 1]!)) tail--;
  // Only cells that are not blank on screen need erasing; a few are cheaper written as spaces.
  let shownEnd = before.length;
  while (shownEnd > tail && isBlank(before[shownEnd - 1]!)) shownEnd--;
  return shownEnd - tail > ERASE_TO_END.length ? tail : Math.max(after.length, before.length);
}

/**
 * Writes what turns screen row `row` (from 0) from showing `shown` into `next`: the changed
 * cells where both lines have known widths, else the whole line.
 */
export function paintLine(painter: Painter, row: number, shown: string, next: string): void {
  if (shown === next) return;
  const before = cellsOf(shown);
  const after = cellsOf(next);
  if (!before || !after) {
    painter.wholeLine(row, next, shown !== '');
    return;
  }
  const tail = blankTail(before, after);
  const erase = tail < Math.max(after.length, before.length);
  // A few cells a shorter line no longer has are written as spaces.
  while (after.length < tail) after.push(BLANK);
  const runs = changedRuns(before, after, tail);
  let pen: Pen | null = null;
  for (let index = 0; index < runs.length; index++) {
    const [from, to] = runs[index]!;
    const previous = runs[index - 1];
    if (!previous && from > 0 && painter.isOnRowAbove(row)) {
      // Coming from the line above, the unchanged cells before the first change (a row's margin)
      // may cost less to write again than to jump over.
      const pen = painter.currentPen;
      const through = writeCost(after, 0, from, pen);
      if (
        through.bytes + penChange(through.pen, penFor(after[from]!, through.pen)).length <=
        forward(from).length + penChange(pen, penFor(after[from]!, pen)).length
      ) {
        painter.moveTo(row, 0);
        painter.cells(after, 0, from);
      }
    }
    if (previous && pen) {
      // Write the unchanged cells between two runs when that is shorter than jumping them.
      const through = writeCost(after, previous[1], from, pen);
      const jump = forward(from - previous[1]).length;
      if (through.bytes + penChange(through.pen, penFor(after[from]!, through.pen)).length <= jump + penChange(pen, penFor(after[from]!, pen)).length) {
        painter.cells(after, previous[1], from);
      }
    }
    painter.moveTo(row, from);
    painter.cells(after, from, to);
    pen = after[to - 1]!.pen;
  }
  if (erase) {
    painter.moveTo(row, tail);
    painter.eraseToEnd();
  }
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

/** Scrolls a block (plain colours: the lines that come in are blank); returns what the screen shows after it. */
export function applyScroll(painter: Painter, shown: readonly string[], { top, bottom, by }: Scroll): string[] {
  const after = [...shown];
  const block = shown.slice(top, bottom + 1);
  const moved = by > 0 ? [...block.slice(by), ...Array<string>(by).fill('')] : [...Array<string>(-by).fill(''), ...block.slice(0, by)];
  after.splice(top, moved.length, ...moved);
  painter.setPen(PLAIN);
  // Line feeds at the region's bottom and reverse index (ESC M) at its top: what every VT100 does.
  const move = by > 0 ? cursorTo(bottom + 1, 1) + '\n'.repeat(by) : cursorTo(top + 1, 1) + '\x1bM'.repeat(-by);
  // Setting the region homes the cursor; the painter moves absolutely after it.
  painter.raw(`\x1b[${top + 1};${bottom + 1}r${move}\x1b[r`, PLAIN);
  return after;
}
