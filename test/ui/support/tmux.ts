import { execFileSync } from 'node:child_process';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real terminal: a tmux server on a private socket running one command in a window of a
 * given size. Keys go in with send-keys, the screen comes out with capture-pane.
 */
export class TmuxTerminal {
  private readonly socket = `tuxconf-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'tui';

  constructor(command: string, size: { columns: number; rows: number }, env: Record<string, string> = {}) {
    const exports = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(size.columns), '-y', String(size.rows), `env -u CI -u CONTINUOUS_INTEGRATION ${exports.join(' ')} ${command}; sleep 3600`);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.session);
  }

  /** The menu line the cursor is on (the TUI marks it with `>`). */
  cursorLine(): string {
    return this.screen().split('\n').find((line) => line.startsWith('>')) ?? '';
  }

  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.tmux('send-keys', '-t', this.session, key);
      await sleep(120);
    }
  }

  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Presses `key` until the cursor line contains `text`. */
  async keyUntil(key: string, text: string, limit = 30): Promise<void> {
    for (let tries = 0; tries < limit; tries++) {
      if (this.cursorLine().includes(text)) return;
      await this.keys(key);
    }
    await this.waitFor(() => this.cursorLine().includes(text), `the cursor on "${text}"`, 2000);
  }

  /** Everything the program writes from now on is appended to `file`. */
  record(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', this.session, `cat >> ${shellQuote(file)}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
