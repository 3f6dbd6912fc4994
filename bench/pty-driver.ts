import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));

/** Bytes the program wrote, read at `ms` (milliseconds since just before it was spawned). */
export interface Chunk {
  ms: number;
  bytes: Buffer;
}

export interface Reading {
  chunks: Chunk[];
  /** The time-out came before a quiet gap. */
  timedOut: boolean;
  /** The program closed the terminal (exited). */
  exited: boolean;
}

export interface Response extends Reading {
  /** When the bytes were written to the terminal. */
  sentMs: number;
  /** Output that was already waiting before the write (belongs to something earlier). */
  stale: Chunk[];
}

export interface ProcessMemory {
  pid: number;
  ppid: number;
  name: string;
  /** Peak resident set (VmHWM) so far. */
  hwmKb: number;
  rssKb: number;
}

export interface SpawnOptions {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  rows?: number;
  cols?: number;
}

/**
 * How long a read goes on: until `quietMs` pass without output after the last chunk, or
 * `firstMs` (default `quietMs`) pass before any output at all, or `timeoutMs` in all.
 */
export interface ReadWindow {
  quietMs: number;
  timeoutMs: number;
  firstMs?: number;
}

const windowFields = (wait: ReadWindow) => ({ quiet_ms: wait.quietMs, timeout_ms: wait.timeoutMs, first_ms: wait.firstMs ?? wait.quietMs });

type RawChunk = [number, string];

const chunksOf = (raw: RawChunk[]): Chunk[] => raw.map(([ms, data]) => ({ ms, bytes: Buffer.from(data, 'base64') }));

/**
 * One program in a real pseudo-terminal, through bench/pty-driver.py: keys go in as a terminal
 * sends them (one write each), output comes back as timestamped chunks. Timing happens in the
 * driver, next to the terminal, so this side's own latency never enters a measurement.
 */
export class PtyDriver {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: ((line: string) => void)[] = [];
  private readonly lines: string[] = [];
  private closed = false;
  private stderr = '';

  constructor() {
    this.child = spawn('python3', [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderr += text;
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const waiting = this.replies.shift();
      if (waiting) waiting(line);
      else this.lines.push(line);
    });
    this.child.on('exit', () => {
      this.closed = true;
      for (const waiting of this.replies.splice(0)) waiting(JSON.stringify({ error: `pty driver exited: ${this.stderr.trim()}` }));
    });
  }

  private async request<T>(message: Record<string, unknown>): Promise<T> {
    if (this.closed) throw new Error(`pty driver is gone: ${this.stderr.trim()}`);
    const line = await new Promise<string>((resolve) => {
      const ready = this.lines.shift();
      if (ready !== undefined) resolve(ready);
      else this.replies.push(resolve);
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
    });
    const reply = JSON.parse(line) as T & { error?: string };
    if (reply.error) throw new Error(`pty driver: ${reply.error}`);
    return reply;
  }

  /** Starts the program; its pid, and the CLOCK_MONOTONIC time (ms) every later time is counted from. */
  async spawn(options: SpawnOptions): Promise<{ pid: number; clockMs: number }> {
    const env = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const reply = await this.request<{ pid: number; clock_ms: number }>({ op: 'spawn', argv: options.argv, env, cwd: options.cwd, rows: options.rows ?? 24, cols: options.cols ?? 80 });
    return { pid: reply.pid, clockMs: reply.clock_ms };
  }

  /** Output until none came for `wait.quietMs` after the last chunk (see ReadWindow). */
  async read(wait: ReadWindow): Promise<Reading> {
    const reply = await this.request<{ chunks: RawChunk[]; timed_out: boolean; exited: boolean }>({ op: 'read', ...windowFields(wait) });
    return { chunks: chunksOf(reply.chunks), timedOut: reply.timed_out, exited: reply.exited };
  }

  /** Writes `bytes` in one write(2), then reads as `read` does. */
  async send(bytes: string | Buffer, wait: ReadWindow): Promise<Response> {
    const data = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
    const reply = await this.request<{ sent_ms: number; stale: RawChunk[]; chunks: RawChunk[]; timed_out: boolean; exited: boolean }>({
      op: 'send',
      data,
      ...windowFields(wait),
    });
    return { sentMs: reply.sent_ms, stale: chunksOf(reply.stale), chunks: chunksOf(reply.chunks), timedOut: reply.timed_out, exited: reply.exited };
  }

  /** The program and every process it started that is alive now, with their peak memory. */
  async memory(): Promise<ProcessMemory[]> {
    const reply = await this.request<{ processes: { pid: number; ppid: number; name: string; hwm_kb: number; rss_kb: number }[] }>({ op: 'memory' });
    return reply.processes.map((entry) => ({ pid: entry.pid, ppid: entry.ppid, name: entry.name, hwmKb: entry.hwm_kb, rssKb: entry.rss_kb }));
  }

  /** SIGTERM to the program's process group and descendants, SIGKILL after `graceMs`; ends the driver. */
  async close(graceMs = 2000): Promise<{ status: number | null; survivors: number[] }> {
    if (this.closed) return { status: null, survivors: [] };
    const reply = await this.request<{ status: number | null; survivors: number[] }>({ op: 'stop', grace_ms: graceMs });
    this.child.stdin.end();
    await new Promise((resolve) => (this.closed ? resolve(undefined) : this.child.once('exit', resolve)));
    return reply;
  }
}
