import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { escapeControl } from '../model/escape-text.js';
import { TuxconfError } from './errors.js';
import type { Ready, Rejected, ReplyEnvelope, ReplyTo, Request } from './protocol.js';
import { timingMark } from './start-timings.js';

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

/**
 * The frontend answered a request with something that is not its reply. Only that request fails:
 * replies carry the request's id, so the conversation stays in step.
 */
export class FrontendProtocolError extends TuxconfError {
  override name = 'FrontendProtocolError';
}

const STDERR_KEPT = 64 * 1024;
const LINE_SHOWN = 200;

interface Waiter {
  id: number;
  resolve: (reply: ReplyEnvelope) => void;
  reject: (error: Error) => void;
  /** A reply to be digested as bytes (see requestState). */
  digest?: DigestWatch;
}

interface DigestWatch {
  /** The digest of an earlier reply: the same reply again is not decoded. */
  known: string | undefined;
  /** The digest of this reply's bytes, once read. */
  found?: string;
}

/** What requestState resolves with when the reply's bytes are the known reply's: nothing decoded. */
const SAME_REPLY: ReplyEnvelope = Object.freeze({ id: null, ok: true });

/**
 * A `state` answer: the same bytes as the reply a digest names (nothing decoded), or the reply.
 * `digest` names this reply's bytes after its id (undefined only when they could not be read as a reply).
 */
export type StateAnswer = { same: true; digest: string } | { same: false; digest: string | undefined; reply: ReplyTo<'state'> };

/** A reply being collected: the header announced `remaining` more lines. */
interface Streaming {
  waiter: Waiter;
  reply: ReplyEnvelope;
  remaining: number;
  /** The first item that was not JSON; the request fails once every announced line has arrived. */
  badItem?: string;
}

/** One running frontend process and the JSON-lines conversation with it; answers come in order. */
export class FrontendProcess {
  readonly ready: Ready;
  private readonly child: ChildProcess;
  private readonly pending: Waiter[] = [];
  private stderrTail: string;
  private nextId = 1;
  private exited = false;

  private constructor(child: ChildProcess, ready: Ready, stderrTail: string) {
    this.child = child;
    this.ready = ready;
    this.stderrTail = stderrTail;
  }

  /** Starts the frontend; resolves once it has parsed Kconfig. `stop` ends a start that is no longer wanted (the process is killed). */
  static start(launch: FrontendLaunch, stop?: AbortSignal): Promise<FrontendProcess> {
    return new Promise((resolve, reject) => {
      if (stop?.aborted) {
        reject(new TuxconfError('the kconfig frontend was not started: the session was closed'));
        return;
      }
      timingMark('frontend started');
      const child = spawn(launch.binary, [launch.kconfigFile], {
        cwd: launch.cwd,
        env: launch.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      let instance: FrontendProcess | undefined;
      let chunks: Buffer[] = [];
      const onAbort = (): void => {
        child.kill('SIGKILL');
      };
      stop?.addEventListener('abort', onAbort, { once: true });

      const onLine = (line: string): void => {
        if (instance) {
          instance.handleLine(line);
          return;
        }
        const ready = parseReady(line);
        if (!ready) {
          child.stdin!.destroy();
          child.kill('SIGKILL');
          reject(
            new FrontendProtocolError(`the kconfig frontend ${launch.binary} did not start with its ready line`, {
              details: [showLine(line), ...lastLines(stderr)],
            }),
          );
          return;
        }
        stop?.removeEventListener('abort', onAbort);
        timingMark('frontend ready (Kconfig parsed, config read)');
        instance = new FrontendProcess(child, ready, stderr);
        resolve(instance);
      };
      child.stdout!.on('data', (data: Buffer) => {
        let start = 0;
        for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, start)) {
          chunks.push(data.subarray(start, newline));
          const parts = chunks;
          chunks = [];
          start = newline + 1;
          if (instance) instance.handleLineParts(parts);
          else onLine(lineText(parts));
        }
        if (start < data.length) chunks.push(data.subarray(start));
      });
      // Writing to a frontend that just died fails with EPIPE; its exit fails the requests.
      child.stdin!.on('error', () => {});
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
        if (stop?.aborted) {
          reject(new TuxconfError('the kconfig frontend was stopped before it was ready: the session was closed'));
          return;
        }
        reject(startFailure(launch, describeExit(code, signal), stderr));
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

  /** Sends a request; its reply has the shape `Operations` gives its operation (the frontend's own contract). */
  request<R extends Request>(request: R): Promise<ReplyTo<R['op']>> {
    return this.send(request, (reply) => reply as ReplyTo<R['op']>);
  }

  /**
   * A `state` request whose reply is read as bytes first: when they are the bytes of the reply
   * `knownDigest` names (an earlier run's, every warm start), the reply is not decoded at all
   * (about 0.5 MB of JSON and 37,000 arrays on a 6.x tree, dropped at once), else it is decoded as
   * `request` does. Either way the answer has the digest of this reply's bytes.
   */
  requestState(knownDigest?: string): Promise<StateAnswer> {
    const digest: DigestWatch = { known: knownDigest };
    return this.send(
      { op: 'state' },
      (reply): StateAnswer => (reply === SAME_REPLY ? { same: true, digest: digest.found! } : { same: false, digest: digest.found, reply: reply as ReplyTo<'state'> }),
      digest,
    );
  }

  /** Writes a request and waits for its reply, answered as `answer` makes it (a reply to be digested as bytes with `digest`). */
  private send<T>(request: Request, answer: (reply: ReplyEnvelope) => T, digest?: DigestWatch): Promise<T> {
    if (this.exited) return Promise.reject(new FrontendExitedError('the kconfig frontend is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.push({ id, resolve: (reply) => resolve(answer(reply)), reject, ...(digest ? { digest } : {}) });
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

  private streaming: Streaming | undefined;

  /** One line from the frontend as it arrived: a reply awaited as a digest is hashed as bytes, everything else read as text. */
  private handleLineParts(parts: Buffer[]): void {
    const waiter = this.streaming ? undefined : this.pending[0];
    if (waiter?.digest) {
      waiter.digest.found = replyDigest(parts, waiter.id);
      if (waiter.digest.found !== undefined && waiter.digest.found === waiter.digest.known) {
        this.pending.shift();
        waiter.resolve(SAME_REPLY);
        return;
      }
    }
    this.handleLine(lineText(parts));
  }

  /**
   * One line from the frontend. A reply announcing `lines` more lines collects them, one item per
   * line, before it resolves. A line that is not a reply fails the oldest request (the frontend
   * answers in order); a reply whose id is not the oldest request's settles the request it names,
   * failing the older ones that got no answer; a reply to no outstanding request is dropped.
   */
  private handleLine(line: string): void {
    if (this.streaming) {
      this.collectItem(this.streaming, line);
      return;
    }
    const reply = parseReply(line);
    if (!reply) {
      const waiter = this.pending.shift();
      waiter?.reject(
        new FrontendProtocolError(`the kconfig frontend's answer to request ${waiter.id} is not a reply`, {
          details: [showLine(line)],
        }),
      );
      return;
    }
    const waiter = this.takeWaiter(reply.id);
    if (!waiter) return;
    if (isRejected(reply)) {
      waiter.reject(new FrontendProtocolError(`the kconfig frontend did not understand request ${waiter.id}: ${escapeControl(reply.error)}`));
      return;
    }
    if (reply.lines !== undefined && reply.lines > 0) {
      this.streaming = { waiter, reply: { ...reply, items: [] }, remaining: reply.lines };
      return;
    }
    waiter.resolve(reply);
  }

  private collectItem(streaming: Streaming, line: string): void {
    try {
      streaming.reply.items!.push(JSON.parse(line));
    } catch {
      streaming.badItem ??= line;
    }
    if (--streaming.remaining > 0) return;
    this.streaming = undefined;
    if (streaming.badItem === undefined) {
      streaming.waiter.resolve(streaming.reply);
      return;
    }
    streaming.waiter.reject(
      new FrontendProtocolError(`the kconfig frontend's answer to request ${streaming.waiter.id} holds a line that is not JSON`, {
        details: [showLine(streaming.badItem)],
      }),
    );
  }

  /** The request a reply answers: the one its id names, or the oldest when the frontend could not read the id. */
  private takeWaiter(id: number | null): Waiter | undefined {
    if (id === null) return this.pending.shift();
    const index = this.pending.findIndex((waiter) => waiter.id === id);
    if (index < 0) return undefined;
    for (const skipped of this.pending.splice(0, index)) {
      skipped.reject(new FrontendProtocolError(`the kconfig frontend did not answer request ${skipped.id}`));
    }
    return this.pending.shift();
  }

  private appendStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-STDERR_KEPT);
  }

  private failAll(error: Error): void {
    const streaming = this.streaming;
    this.streaming = undefined;
    streaming?.waiter.reject(error);
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}

/** A line's text: one within a single chunk of the pipe (most of the tree answer's 37,000) is decoded where it is, not copied first. */
function lineText(parts: Buffer[]): string {
  return parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8');
}

/**
 * The SHA-256 of a successful reply's bytes after its id (`"result":...}`), which are the same
 * whenever the answer is; undefined when the line does not begin as the reply to `id` does.
 */
function replyDigest(parts: Buffer[], id: number): string | undefined {
  const head = Buffer.from(`{"id":${id},"ok":true,`, 'utf8');
  const first = parts[0];
  if (!first || first.length < head.length || !first.subarray(0, head.length).equals(head)) return undefined;
  const hash = createHash('sha256').update(first.subarray(head.length));
  for (let index = 1; index < parts.length; index++) hash.update(parts[index]!);
  return hash.digest('hex');
}

/** The reply in a line, or undefined when the line is not one: JSON with `ok` and an id (null when the frontend could not read it). */
function parseReply(line: string): ReplyEnvelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { id, ok, lines } = value as Record<string, unknown>;
  if (typeof ok !== 'boolean') return undefined;
  if (id !== null && !(typeof id === 'number' && Number.isSafeInteger(id))) return undefined;
  if (lines !== undefined && !(typeof lines === 'number' && Number.isSafeInteger(lines) && lines >= 0)) return undefined;
  return value as ReplyEnvelope;
}

function isRejected(reply: ReplyEnvelope): reply is ReplyEnvelope & Rejected {
  const { code, error } = reply as Partial<Rejected>;
  return !reply.ok && code === 'usage' && typeof error === 'string';
}

function parseReady(line: string): Ready | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && (value as { event?: unknown }).event === 'ready' ? (value as Ready) : undefined;
  } catch {
    return undefined;
  }
}

/** A line from the frontend as an error shows it: the start, control characters escaped. */
function showLine(line: string): string {
  const start = line.length > LINE_SHOWN ? `${line.slice(0, LINE_SHOWN)}... (${line.length} characters)` : line;
  return escapeControl(start);
}

/** Why a frontend ended before it was ready: the kernel's parser names its file and line; a silent end is the program itself. */
function startFailure(launch: FrontendLaunch, exit: string, stderr: string): TuxconfError {
  if (stderr.trim() === '') {
    return new TuxconfError(`the kconfig frontend ${launch.binary} ended before it was ready, without a message (${exit})`, {
      hint: `it may be damaged: remove ${dirname(launch.binary)} and run tuxconf again to build it afresh`,
    });
  }
  return new TuxconfError(`the kernel's kconfig could not read ${launch.kconfigFile} (${exit})`, {
    details: errorsFirst(stderr),
    hint: 'fix the Kconfig file at the first line named above (the kernel\'s own parser reports it)',
  });
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
