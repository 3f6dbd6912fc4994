import { EventEmitter } from 'node:events';
import { applyScroll, findScroll, Painter, paintLine } from './line-update.js';
import { PLAIN } from './terminal-pen.js';

/** Clears the screen for a full redraw with plain colours; the cursor is hidden again in case something showed it. */
const CLEAR_SCREEN = '\x1b[m\x1b[?25l\x1b[H\x1b[2J';

/**
 * The bytes that turn the screen showing `previous` into `next`: a block of lines that moved
 * together is scrolled by the terminal, and only the changed cells of each line are written
 * (src/ui/line-update.ts). Each update starts from a known place (an absolute position; we own
 * the whole alternate screen) and moves relative to what it wrote itself only where the widths
 * of what it wrote are known. `full` clears and redraws everything (after a resize, Ctrl-L,
 * or the first frame).
 */
export function frameUpdate(previous: readonly string[], next: readonly string[], full: boolean): string {
  const painter = new Painter();
  let shown: readonly string[] = full ? [] : previous;
  if (full) painter.raw(CLEAR_SCREEN, PLAIN);
  const scroll = full ? null : findScroll(previous, next);
  if (scroll) shown = applyScroll(painter, previous, scroll);
  const count = Math.max(next.length, shown.length);
  for (let index = 0; index < count; index++) paintLine(painter, index, shown[index] ?? '', next[index] ?? '');
  return painter.finish();
}

/** How long practiseFrameUpdates works before it lets the event loop run. */
const PRACTICE_SLICE_MS = 4;
/** Lines in one practice frame (a screen's worth), and how far the next one turns them: no scroll finds them. */
const PRACTICE_ROWS = 24;
const PRACTICE_TURN = 7;

/**
 * Computes `count` updates between frames made of `lines` and drops them, a few milliseconds at
 * a time, for when the user is idle: the first frame that changes most of its lines (the first
 * results of a search) then runs compiled code. Cold, cutting twenty changed lines into cells
 * and comparing them took 5-8 ms. Each frame is the one before with its lines turned round, so
 * every line changes and none moved by the few rows a scroll is looked for.
 */
export async function practiseFrameUpdates(lines: readonly string[], count: number, signal?: AbortSignal): Promise<void> {
  if (lines.length < 2) return;
  const frameOf = (turn: number) => Array.from({ length: PRACTICE_ROWS }, (_, row) => lines[(row + turn) % lines.length]!);
  for (let done = 0; done < count;) {
    signal?.throwIfAborted();
    const sliceEnd = performance.now() + PRACTICE_SLICE_MS;
    do {
      frameUpdate(frameOf(done * PRACTICE_TURN), frameOf((done + 1) * PRACTICE_TURN), false);
      done++;
    } while (done < count && performance.now() < sliceEnd);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Colours and attributes (SGR), the only escape sequences Ink itself puts in a frame. */
const SGR = /(\x1b\[[0-9;:]*m)/;
const CONTROLS = /[\x00-\x1f\x7f-\x9f]/g;
const HAS_CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const SGR_ALL = /\x1b\[[0-9;:]*m/g;

/**
 * A frame line without control characters other than Ink's own colour sequences: text that
 * reached a component unescaped (a pasted escape sequence, a value read from a file) must never
 * move the cursor, retitle the window or write the clipboard. Components show such text with
 * escapeControl; this is the net under them. The characters are dropped rather than escaped
 * because Ink measured them as taking no room, so the line keeps its width.
 */
export function withoutStrayControls(line: string): string {
  if (!HAS_CONTROL.test(line.replace(SGR_ALL, ''))) return line;
  return line
    .split(SGR)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(CONTROLS, '')))
    .join('');
}

/**
 * The stream Ink renders into. Ink 6.8's incremental renderer puts a frame shorter than the
 * terminal one line too low on every update after the first (it moves up one line too few
 * past its own trailing newline), so Ink runs in debug mode, which hands over each whole
 * frame, and this writer sends the terminal only the lines that changed. Frames that arrive
 * in the same turn of the event loop are coalesced.
 *
 * After a resize the writer forgets what the screen shows: the terminal has cut or wrapped
 * the old lines (and scrolled when it lost rows), so the next frame is drawn in full. Ink
 * answers a resize by drawing its last output again at once, laid out for the old size,
 * before the App has rendered for the new one: a frame wider or taller than the terminal is
 * never sent (the terminal would wrap and clamp it, and later differences would be taken
 * against lines it does not show); the App's frame for the new size follows.
 */
export class FrameWriter extends EventEmitter {
  readonly isTTY = true;
  /** Bytes sent to the terminal so far (for measurements and tests). */
  bytesWritten = 0;
  private previous: string[] = [];
  private previousRaw: string[] = [];
  private pending: string | null = null;
  private full = true;
  private scheduled: NodeJS.Immediate | undefined;
  private disposed = false;
  private resizeCheck: NodeJS.Timeout | undefined;

  constructor(private readonly terminal: NodeJS.WriteStream) {
    super();
    terminal.on('resize', this.onResize);
  }

  get columns(): number {
    return this.terminal.columns;
  }

  get rows(): number {
    return this.terminal.rows;
  }

  write(chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean {
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text !== '' && !this.disposed) {
      this.pending = text;
      this.schedule();
    }
    if (typeof done === 'function') setImmediate(done as () => void);
    return true;
  }

  /** Sends the latest frame now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending === null || this.disposed) return;
    const lines = this.pending.split('\n');
    this.pending = null;
    if (!fits(lines, this.terminal.columns, this.terminal.rows)) return;
    // A line as Ink sent it last time is the same line as cleaned last time.
    const next = lines.map((line, index) => (line === this.previousRaw[index] ? this.previous[index]! : withoutStrayControls(line)));
    const update = frameUpdate(this.previous, next, this.full);
    this.full = false;
    this.previous = next;
    this.previousRaw = lines;
    if (update) {
      this.bytesWritten += Buffer.byteLength(update);
      this.terminal.write(update);
    }
  }

  /** Ctrl-L: clears the terminal and draws the whole frame again, whatever the screen shows now. */
  repaint(): void {
    if (this.disposed) return;
    this.full = true;
    this.pending ??= this.previous.join('\n');
    this.schedule();
  }

  /** Stops writing (the screen is about to be restored). */
  dispose(): void {
    this.flush();
    this.disposed = true;
    clearTimeout(this.resizeCheck);
    this.terminal.off('resize', this.onResize);
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }

  private readonly onResize = (): void => {
    this.full = true;
    // A frame not sent yet was laid out for the old size; the App renders one for the new size.
    this.pending = null;
    this.emit('resize');
    // When the size came back to what it was before anything rendered, no new frame comes:
    // draw the last one again (the terminal may have cut it meanwhile).
    clearTimeout(this.resizeCheck);
    this.resizeCheck = setTimeout(() => {
      if (this.full && this.pending === null && this.previous.length > 0) this.repaint();
    }, 100);
    this.resizeCheck.unref();
  };
}

/** Whether every line of a frame shows whole on a terminal of this size. */
function fits(lines: readonly string[], columns: number, rows: number): boolean {
  if (rows > 0 && lines.length > rows) return false;
  if (!(columns > 0)) return true;
  return lines.every((line) => visibleLength(line) <= columns);
}

/** Characters a line shows (Ink pads to the box width; SGR sequences and controls take no room). */
function visibleLength(line: string): number {
  let length = 0;
  for (const char of line.replace(SGR_ALL, '')) if (!HAS_CONTROL.test(char)) length++;
  return length;
}
