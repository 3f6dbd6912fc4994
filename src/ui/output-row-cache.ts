/**
 * Rows formatted once and reused. Ink turns every frame into text in `Output.get` (ink/build/
 * output.js): each text it was given is split into styled cells (ansi-tokenize), laid into a
 * grid of the frame's size, and every row of the grid is turned back into text. That is done
 * again for every row of every frame: a profile of cursor moves on the 6.12 tree showed it as
 * the largest cost of a key (about 6 of 10 ms a move). A row is a pure function of what was
 * written into it (position and text after Ink's transforms), so this keeps each row's text
 * under that key and only rows that changed are formatted, by Ink's own code on a one-row
 * Output. Frames that clip (a Box with overflow hidden) go through Ink's code unchanged.
 */

interface WriteOperation {
  type: 'write';
  x: number;
  y: number;
  text: string;
  transformers: ((line: string, index: number) => string)[];
}
type Operation = WriteOperation | { type: 'clip' | 'unclip' };

interface InkOutput {
  width: number;
  height: number;
  operations: Operation[];
  write(x: number, y: number, text: string, options: { transformers: WriteOperation['transformers'] }): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => InkOutput;

/** Rows kept; a frame has at most a screen's worth, so this holds many screens. */
const MAX_ROWS = 4000;
const rows = new Map<string, string>();
let installed = false;
/** Rows formatted so far (the first few screens' worth), as Ink wrote them: what practiseRowFormatting formats again. */
const samples: { width: number; writes: readonly [number, string][] }[] = [];
const MAX_SAMPLES = 64;
let formatRow: ((width: number, writes: readonly [number, string][]) => string) | undefined;

/** Makes Ink reuse formatted rows; idempotent. Ink's Output class is loaded by its file, the one Ink's renderer uses. */
export async function installOutputRowCache(): Promise<void> {
  if (installed) return;
  installed = true;
  const outputUrl = new URL('./output.js', import.meta.resolve('ink'));
  const { default: Output } = (await import(outputUrl.href)) as { default: OutputClass };
  const inkGet = Output.prototype.get;
  formatRow = (width, writes) => {
    const row = new Output({ width, height: 1 });
    for (const [x, line] of writes) row.write(x, 0, line, { transformers: [] });
    return inkGet.call(row).output;
  };
  Output.prototype.get = function get(this: InkOutput) {
    if (this.operations.some((operation) => operation.type !== 'write')) return inkGet.call(this);
    const written = rowWrites(this.operations as WriteOperation[], this.height);
    const lines = written.map((writes) => (writes.length === 0 ? '' : rowText(this.width, writes)));
    return { output: lines.join('\n'), height: this.height };
  };
}

/** What each row of the frame was given: [x, text after the transforms], in the order written. */
function rowWrites(operations: readonly WriteOperation[], height: number): [number, string][][] {
  const written: [number, string][][] = Array.from({ length: height }, () => []);
  for (const { x, y, text, transformers } of operations) {
    if (!text) continue;
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const row = written[y + index];
      // As in Ink: a line past the frame's edge ends the text.
      if (!row) break;
      let line = lines[index]!;
      for (const transform of transformers) line = transform(line, index);
      row.push([x, line]);
    }
  }
  return written;
}

function rowText(width: number, writes: readonly [number, string][]): string {
  let key = `${width}`;
  for (const [x, line] of writes) key += `\u0000${x}\u0000${line}`;
  let text = rows.get(key);
  if (text === undefined) {
    text = formatRow!(width, writes);
    if (rows.size >= MAX_ROWS) rows.clear();
    rows.set(key, text);
    if (samples.length < MAX_SAMPLES) samples.push({ width, writes });
  }
  return text;
}

/** How long practiseRowFormatting works before it lets the event loop run. */
const SLICE_MS = 4;

/**
 * Formats `count` rows drawn before again with Ink's code and drops the result, a few
 * milliseconds at a time, for when the user is idle: a frame that brings many new rows (the
 * first results of a search) then runs compiled code. Soon after a start Ink's formatting is
 * cold, as few rows have been drawn yet: twenty new rows took 25-30 ms instead of 4-5.
 * Returns the rows as formatted (one per row seen), for practising what comes after.
 */
export async function practiseRowFormatting(count: number, signal?: AbortSignal): Promise<string[]> {
  const formatted: string[] = [];
  for (let done = 0; formatRow && samples.length > 0 && done < count;) {
    signal?.throwIfAborted();
    const sliceEnd = performance.now() + SLICE_MS;
    do {
      const { width, writes } = samples[done % samples.length]!;
      const text = formatRow(width, writes);
      if (formatted.length < samples.length) formatted.push(text);
      done++;
    } while (done < count && performance.now() < sliceEnd);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return formatted;
}
