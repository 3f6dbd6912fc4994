import { type ChildProcess, spawn } from 'node:child_process';
import { TuxconfError } from './errors.js';
import type { Ready, Reply, Request } from './protocol.js';

export interface FrontendLaunch {
  binary: string;
  /** The top Kconfig file, relative to srctree (`Kconfig`, or KBUILD_KCONFIG). */
  kconfigFile: string;
  /** make runs kconfig frontends in the output directory. */
  cwd: string;
  env: Record<string, string>;
}

/** The frontend ended while requests were outstanding (crash, kill, Kconfig error). */
export class FrontendExitedError extends TuxconfError {
  override name = 'FrontendExitedError';
}

const STDERR_KEPT = 64 * 1024;

/** One running frontend process and the JSON-lines conversation with it; answers come in order. */
export class FrontendProcess {
  readonly ready: Ready;
  private readonly child: ChildProcess;
  private readonly pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private stderrTail: string;
  private nextId = 1;
  private exited = false;

  private constructor(child: ChildProcess, ready: Ready, stderrTail: string) {
    this.child = child;
    this.ready = ready;
    this.stderrTail = stderrTail;
  }

  static start(launch: FrontendLaunch): Promise<FrontendProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(launch.binary, [launch.kconfigFile], {
        cwd: launch.cwd,
        env: launch.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      let instance: FrontendProcess | undefined;
      let chunks: Buffer[] = [];

      const onLine = (line: string): void => {
        if (instance) {
          instance.handleLine(line);
          return;
        }
        const ready = JSON.parse(line) as Ready;
        instance = new FrontendProcess(child, ready, stderr);
        resolve(instance);
      };
      child.stdout!.on('data', (data: Buffer) => {
        let start = 0;
        for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, start)) {
          chunks.push(data.subarray(start, newline));
          const line = Buffer.concat(chunks).toString('utf8');
          chunks = [];
          start = newline + 1;
          onLine(line);
        }
        if (start < data.length) chunks.push(data.subarray(start));
      });
      child.stderr!.on('data', (data: Buffer) => {
        if (instance) instance.appendStderr(data.toString('utf8'));
        else stderr = (stderr + data.toString('utf8')).slice(-STDERR_KEPT);
      });
      child.on('error', (error) => {
        if (instance) instance.failAll(error);
        else reject(new TuxconfError(`could not start the kconfig frontend ${launch.binary}: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        if (instance) {
          instance.exited = true;
          instance.failAll(new FrontendExitedError(describeExit(code, signal), { details: lastLines(instance.stderrTail) }));
          return;
        }
        reject(
          new TuxconfError(`the kernel's kconfig could not read ${launch.kconfigFile} (${describeExit(code, signal)})`, {
            details: errorsFirst(stderr),
            hint: 'fix the Kconfig file at the first line named above (the kernel\'s own parser reports it)',
          }),
        );
      });
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Recent stderr of the library (warnings it printed outside a request). */
  get stderr(): string {
    return this.stderrTail;
  }

  request(request: Request): Promise<Reply> {
    if (this.exited) return Promise.reject(new FrontendExitedError('the kconfig frontend is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin!.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end(`${JSON.stringify({ op: 'quit' })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  /** A reply announcing `lines` more lines collects them, one parsed item per line, before it resolves. */
  private streaming: { reply: Reply; remaining: number } | undefined;

  private handleLine(line: string): void {
    try {
      if (this.streaming) {
        this.streaming.reply.items!.push(JSON.parse(line));
        if (--this.streaming.remaining > 0) return;
        const { reply } = this.streaming;
        this.streaming = undefined;
        this.pending.shift()?.resolve(reply);
        return;
      }
      const reply = JSON.parse(line) as Reply;
      if (reply.lines && reply.lines > 0) {
        this.streaming = { reply: { ...reply, items: [] }, remaining: reply.lines };
        return;
      }
      this.pending.shift()?.resolve(reply);
    } catch (error) {
      this.pending.shift()?.reject(error as Error);
    }
  }

  private appendStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-STDERR_KEPT);
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit status ${code}`;
}

/** The parser's errors before its warnings: the first error is the one to fix. */
function errorsFirst(text: string, count = 12): string[] {
  const lines = text.split('\n').filter(Boolean);
  const errors = lines.filter((line) => !line.includes(':warning:'));
  return (errors.length > 0 ? errors : lines).slice(0, count);
}

function lastLines(text: string, count = 12): string[] {
  return text.split('\n').filter(Boolean).slice(-count);
}
