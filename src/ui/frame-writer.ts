import { EventEmitter } from 'node:events';

/**
 * The bytes that turn the screen showing `previous` into `next`: only changed lines, each
 * addressed by absolute position (we own the whole alternate screen), so that nothing
 * depends on where the terminal thinks the cursor is. `full` redraws everything (after a
 * resize, or the first frame).
 */
export function frameUpdate(previous: readonly string[], next: readonly string[], full: boolean): string {
  let out = full ? '\x1b[H\x1b[2J' : '';
  const count = Math.max(next.length, full ? 0 : previous.length);
  for (let index = 0; index < count; index++) {
    const line = next[index];
    if (!full && line === previous[index]) continue;
    if (full && !line) continue;
    out += `\x1b[${index + 1};1H${line ?? ''}\x1b[0m\x1b[K`;
  }
  return out;
}

/**
 * The stream Ink renders into. Ink 6.8's incremental renderer puts a frame shorter than the
 * terminal one line too low on every update after the first (it moves up one line too few
 * past its own trailing newline), so Ink runs in debug mode, which hands over each whole
 * frame, and this writer sends the terminal only the lines that changed. Frames that arrive
 * in the same turn of the event loop are coalesced.
 */
export class FrameWriter extends EventEmitter {
  readonly isTTY = true;
  /** Bytes sent to the terminal so far (for measurements and tests). */
  bytesWritten = 0;
  private previous: string[] = [];
  private pending: string | null = null;
  private full = true;
  private scheduled: NodeJS.Immediate | undefined;
  private disposed = false;

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
      this.scheduled ??= setImmediate(() => this.flush());
    }
    if (typeof done === 'function') setImmediate(done as () => void);
    return true;
  }

  /** Sends the latest frame now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending === null || this.disposed) return;
    const next = this.pending.split('\n');
    this.pending = null;
    const update = frameUpdate(this.previous, next, this.full);
    this.full = false;
    this.previous = next;
    if (update) {
      this.bytesWritten += Buffer.byteLength(update);
      this.terminal.write(update);
    }
  }

  /** Stops writing (the screen is about to be restored). */
  dispose(): void {
    this.flush();
    this.disposed = true;
    this.terminal.off('resize', this.onResize);
  }

  private readonly onResize = (): void => {
    this.full = true;
    this.emit('resize');
  };
}
