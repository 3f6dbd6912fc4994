import type { Chunk, ProcessMemory, Reading, ReadWindow, Response, SpawnOptions } from './pty-driver.js';
import type { TerminalLike } from './menu-session.js';

/** One exchange with the terminal: what was asked, and what came back (chunks as base64). */
export type Exchange =
  | { op: 'spawn'; argv: string[]; reply: { pid: number; clockMs: number } }
  | { op: 'read'; reply: RecordedReading }
  | { op: 'send'; data: string; reply: RecordedReading & { sentMs: number; stale: RecordedChunk[] } }
  | { op: 'memory'; reply: ProcessMemory[] }
  | { op: 'close'; reply: { status: number | null; survivors: number[] } };

type RecordedChunk = [number, string];
type RecordedReading = { chunks: RecordedChunk[]; timedOut: boolean; exited: boolean };

const record = (chunks: readonly Chunk[]): RecordedChunk[] => chunks.map((chunk) => [chunk.ms, chunk.bytes.toString('base64')]);
const replay = (chunks: readonly RecordedChunk[]): Chunk[] => chunks.map(([ms, data]) => ({ ms, bytes: Buffer.from(data, 'base64') }));

/** Passes everything to a real terminal and keeps a transcript of it (bench/menu-bench.ts --record). */
export class RecordingTerminal implements TerminalLike {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly inner: TerminalLike) {}

  async spawn(options: SpawnOptions): Promise<{ pid: number; clockMs: number }> {
    const reply = await this.inner.spawn(options);
    this.exchanges.push({ op: 'spawn', argv: options.argv, reply });
    return reply;
  }

  async read(wait: ReadWindow): Promise<Reading> {
    const reply = await this.inner.read(wait);
    this.exchanges.push({ op: 'read', reply: { chunks: record(reply.chunks), timedOut: reply.timedOut, exited: reply.exited } });
    return reply;
  }

  async send(bytes: string | Buffer, wait: ReadWindow): Promise<Response> {
    const reply = await this.inner.send(bytes, wait);
    const data = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
    this.exchanges.push({
      op: 'send',
      data,
      reply: { sentMs: reply.sentMs, stale: record(reply.stale), chunks: record(reply.chunks), timedOut: reply.timedOut, exited: reply.exited },
    });
    return reply;
  }

  async memory(): Promise<ProcessMemory[]> {
    const reply = await this.inner.memory();
    this.exchanges.push({ op: 'memory', reply });
    return reply;
  }

  async close(graceMs?: number): Promise<{ status: number | null; survivors: number[] }> {
    const reply = await this.inner.close(graceMs);
    this.exchanges.push({ op: 'close', reply });
    return reply;
  }
}

/**
 * Plays a recorded transcript back: each call gets the next recorded answer, and must be the
 * call that was recorded (a write must send the same bytes), so a scenario replayed against a
 * real program's output behaves exactly as it did live.
 */
export class ReplayTerminal implements TerminalLike {
  private next = 0;

  constructor(private readonly exchanges: readonly Exchange[]) {}

  private take<K extends Exchange['op']>(op: K): Extract<Exchange, { op: K }> {
    const exchange = this.exchanges[this.next];
    if (!exchange) throw new Error(`the transcript ended before this ${op}`);
    if (exchange.op !== op) throw new Error(`exchange ${this.next}: the transcript has ${exchange.op}, the scenario asked for ${op}`);
    this.next += 1;
    return exchange as Extract<Exchange, { op: K }>;
  }

  /** Exchanges not replayed yet. */
  get remaining(): number {
    return this.exchanges.length - this.next;
  }

  async spawn(): Promise<{ pid: number; clockMs: number }> {
    return this.take('spawn').reply;
  }

  async read(): Promise<Reading> {
    const { reply } = this.take('read');
    return { chunks: replay(reply.chunks), timedOut: reply.timedOut, exited: reply.exited };
  }

  async send(bytes: string | Buffer): Promise<Response> {
    const exchange = this.take('send');
    const data = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
    if (data !== exchange.data) {
      const shown = (base64: string) => JSON.stringify(Buffer.from(base64, 'base64').toString('utf8').slice(0, 40));
      throw new Error(`exchange ${this.next - 1}: the scenario sent ${shown(data)}, the transcript has ${shown(exchange.data)}`);
    }
    const { reply } = exchange;
    return { sentMs: reply.sentMs, stale: replay(reply.stale), chunks: replay(reply.chunks), timedOut: reply.timedOut, exited: reply.exited };
  }

  async memory(): Promise<ProcessMemory[]> {
    return this.take('memory').reply;
  }

  async close(): Promise<{ status: number | null; survivors: number[] }> {
    return this.take('close').reply;
  }
}
