import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real terminal: a tmux server on a private socket running one command in a window of a
 * given size. Keys go in with send-keys, the screen comes out with capture-pane.
 */
export class TmuxTerminal {
  private readonly socket = `tuxconf-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'tui';

  /**
   * Runs `command` through a shell that stays in the pane afterwards (`; sleep 3600`), or with
   * `exec`, as the pane's only process (the session leader that a hangup signals).
   */
  constructor(command: string, size: { columns: number; rows: number }, env: Record<string, string> = {}, options: { exec?: boolean; cwd?: string } = {}) {
    const exports = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
    const run = `env -u CI -u CONTINUOUS_INTEGRATION ${exports.join(' ')} ${command}`;
    const line = `${options.cwd ? `cd ${shellQuote(options.cwd)} && ` : ''}${options.exec ? `exec ${run}` : `${run}; sleep 3600`}`;
    this.tmux('new-session', '-d', '-s', this.session, '-x', String(size.columns), '-y', String(size.rows), line);
  }

  /** A tmux format of the pane, e.g. `#{pane_pid}`, `#{alternate_on}`, `#{pane_tty}`. */
  format(format: string): string {
    return this.tmux('display-message', '-p', '-t', this.session, format).trim();
  }

  /** Resizes the window, as a terminal emulator does when its window is resized (SIGWINCH follows). */
  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', this.session, '-x', String(columns), '-y', String(rows));
  }

  /** Types `text` as it is (tmux send-keys -l): a paste without bracketed-paste markers. */
  typeLiteral(text: string): void {
    this.tmux('send-keys', '-t', this.session, '-l', text);
  }

  /** Ends the session: tmux closes the pane's terminal, which hangs up like a dropped SSH connection. */
  hangUp(): void {
    this.tmux('kill-session', '-t', this.session);
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

  /**
   * Sends keys as tmux send-keys names them, at once, as a fast typist types: the program takes
   * them in order. Wait for what they do with `waitFor` (or use `press`), never for a time.
   */
  async keys(...keys: string[]): Promise<void> {
    for (const key of keys) this.tmux('send-keys', '-t', this.session, key);
  }

  /**
   * Sends one key and waits until the screen shows it was taken: until `shows` holds, or else
   * until the screen differs from the one before the key (a key that changes nothing on screen
   * needs `shows`). Keys whose order or timing matters (Esc, then a key that would join it) go one press at a time.
   */
  async press(key: string, shows?: (screen: string) => boolean, what = `the screen after ${key}`, timeoutMs = 10_000): Promise<string> {
    const before = this.screen();
    await this.keys(key);
    return this.waitFor(shows ?? ((screen) => screen !== before), what, timeoutMs);
  }

  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
      await sleep(20);
    }
  }

  /** Presses `key` until the cursor line contains `text`, each press once the one before has moved the cursor. */
  async keyUntil(key: string, text: string, limit = 30): Promise<void> {
    for (let tries = 0; tries < limit; tries++) {
      const cursor = this.cursorLine();
      if (cursor.includes(text)) return;
      await this.press(key, () => this.cursorLine() !== cursor, `the cursor to move from "${cursor}" with ${key}`);
    }
    assert.ok(this.cursorLine().includes(text), `the cursor reached "${text}" within ${limit} presses of ${key}; screen:\n${this.screen()}`);
  }

  /** Everything the program writes from now on is appended to `file`. */
  record(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', this.session, `cat >> ${shellQuote(file)}`);
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
