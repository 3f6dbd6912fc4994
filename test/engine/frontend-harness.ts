import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { FrontendLaunch } from '../../src/engine/frontend-process.js';
import { DEMO_TREE, discoverKernelTree } from '../../src/engine/kernel-tree.js';
import { prepareFrontend } from '../../src/engine/open-session.js';
import { kernelTree, type KernelVersion } from '../support/kernel-trees.js';

/** What sanitizers print when they find an error in the frontend (when no log_path takes it). */
export const SANITIZER_REPORT = /ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|UndefinedBehaviorSanitizer/;

/** The launch of the real frontend for a kernel tree (or the demo tree), built as tuxconf builds it. */
export async function frontendLaunch(tree: KernelVersion | 'demo', output: string): Promise<FrontendLaunch> {
  const options = tree === 'demo' ? { tree: DEMO_TREE, output, arch: 'x86' } : { tree: kernelTree(tree), output };
  return prepareFrontend(await discoverKernelTree(options), options);
}

/**
 * The real frontend process driven line by line with raw bytes, so that malformed requests can be
 * sent exactly as written. Each sent line is answered by one reply line (plus the lines a `tree`
 * reply announces).
 */
export class RawFrontend {
  readonly ready: Record<string, unknown>;
  private readonly child: ChildProcess;
  private readonly lines: Buffer[] = [];
  private waiting: (() => void) | undefined;
  private partial: Buffer[] = [];
  private stderrText = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  private constructor(child: ChildProcess, ready: Record<string, unknown>) {
    this.child = child;
    this.ready = ready;
  }

  static async start(launch: FrontendLaunch): Promise<RawFrontend> {
    const child = spawn(launch.binary, [launch.kconfigFile], { cwd: launch.cwd, env: launch.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const frontend = new RawFrontend(child, {});
    child.stdout!.on('data', (data: Buffer) => frontend.onData(data));
    child.stderr!.on('data', (data: Buffer) => {
      frontend.stderrText += data.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      frontend.exit = { code, signal };
      frontend.wake();
    });
    const ready = JSON.parse((await frontend.nextLine()).toString('utf8')) as Record<string, unknown>;
    (frontend as { ready: Record<string, unknown> }).ready = ready;
    return frontend;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exit;
  }

  /** Sends one line (a newline is added) and returns its reply, parsed, with the raw line. */
  async send(line: string | Buffer): Promise<{ reply: RawReply; raw: string; items: unknown[] }> {
    this.child.stdin!.write(Buffer.concat([Buffer.isBuffer(line) ? line : Buffer.from(line, 'utf8'), Buffer.from('\n')]));
    const raw = (await this.nextLine()).toString('utf8');
    const reply = JSON.parse(raw) as RawReply;
    const items: unknown[] = [];
    for (let i = 0; i < (reply.lines ?? 0); i++) items.push(JSON.parse((await this.nextLine()).toString('utf8')));
    return { reply, raw, items };
  }

  /** Sends several lines in one write; one reply each, in order. */
  async sendAll(lines: (string | Buffer)[]): Promise<RawReply[]> {
    const bytes = lines.flatMap((line) => [Buffer.isBuffer(line) ? line : Buffer.from(line, 'utf8'), Buffer.from('\n')]);
    this.child.stdin!.write(Buffer.concat(bytes));
    const replies: RawReply[] = [];
    for (let i = 0; i < lines.length; i++) {
      const reply = JSON.parse((await this.nextLine()).toString('utf8')) as RawReply;
      for (let item = 0; item < (reply.lines ?? 0); item++) await this.nextLine();
      replies.push(reply);
    }
    return replies;
  }

  /** Ends the conversation with `quit` and waits for the process to end. */
  async quit(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
    if (!this.exit) {
      this.child.stdin!.end('{"op":"quit"}\n');
      if (!this.exit) await once(this.child, 'exit');
    }
    return { ...this.exit!, stderr: this.stderrText };
  }

  kill(): void {
    if (!this.exit) this.child.kill('SIGKILL');
  }

  private onData(data: Buffer): void {
    let start = 0;
    for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, start)) {
      this.partial.push(data.subarray(start, newline));
      this.lines.push(Buffer.concat(this.partial));
      this.partial = [];
      start = newline + 1;
    }
    if (start < data.length) this.partial.push(data.subarray(start));
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private async nextLine(): Promise<Buffer> {
    for (;;) {
      const line = this.lines.shift();
      if (line) return line;
      if (this.exit) {
        throw new Error(`the frontend ended (${JSON.stringify(this.exit)}) before answering; stderr:\n${this.stderrText.slice(-4000)}`);
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }
}

export interface RawReply {
  id: number | null;
  ok: boolean;
  code?: string;
  error?: string;
  column?: number;
  errno?: string;
  lines?: number;
  [key: string]: unknown;
}
