/** Ctrl-C as a terminal in raw mode sends it. */
const CTRL_C = 0x03;

/**
 * Keys typed while the menu loads: the terminal goes into raw mode at once (no echo over the
 * screen, no line editing eating Backspace, Enter as a terminal sends it) and what is typed is
 * kept, to be handed to the menu when it takes the keyboard, which applies it in order. Raw mode
 * turns off the terminal's own Ctrl-C: one typed while loading is taken as SIGINT.
 */
export class TypeAhead {
  private chunks: Buffer[] = [];
  private reading = true;

  constructor(
    private readonly stdin: NodeJS.ReadStream,
    private readonly interrupt: () => void = () => process.kill(process.pid, 'SIGINT'),
  ) {
    // A terminal that hangs up while loading fails reads (and the mode switch back) with EIO: the
    // SIGHUP that comes with it ends the run; the error must not end the process first.
    stdin.on('error', this.ignoreError);
    stdin.setRawMode(true);
    stdin.on('readable', this.read);
  }

  /** Puts what was typed back at the front of stdin, for the menu to read first. */
  handOver(): void {
    if (!this.reading) return;
    this.read();
    this.stop();
    this.stdin.off('error', this.ignoreError);
    if (this.chunks.length > 0) this.stdin.unshift(Buffer.concat(this.chunks));
    this.chunks = [];
  }

  /** Drops what was typed and gives the terminal back its normal mode (the menu never opened). */
  release(): void {
    this.chunks = [];
    if (!this.reading) return;
    this.stop();
    this.stdin.setRawMode(false);
    this.stdin.off('error', this.ignoreError);
    // Reading kept the event loop alive; the process must be able to end now.
    this.stdin.unref();
  }

  private readonly ignoreError = (): void => {};

  private stop(): void {
    this.reading = false;
    this.stdin.off('readable', this.read);
    this.stdin.pause();
  }

  private readonly read = (): void => {
    for (let chunk = this.stdin.read() as Buffer | string | null; chunk !== null; chunk = this.stdin.read() as Buffer | string | null) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      this.chunks.push(bytes);
      if (bytes.includes(CTRL_C)) this.interrupt();
    }
  };
}
