import { closeSync, mkdirSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { type Execa, loadExeca } from '../../engine/load-execa.js';
import { TuxconfError } from '../../engine/errors.js';
import { openStreamFile } from '../../engine/files/stream-file.js';
import { WriteFailedError } from '../../engine/files/write-atomic.js';
import { escapeControl } from '../../model/escape-text.js';
import type { KernelTree } from '../../engine/kernel-tree.js';
import { type ArtifactReport, collectArtifacts } from './build-artifacts.js';
import { historyKey, historyPath, readBuildRecord, recordBuild } from './build-history.js';
import { BuildLog, type BuildLogLimits, type LogCounts, type LogIssue, type LogLine } from './build-log.js';
import { type BuildRequest, type MakePlan, planBuild } from './make-invocation.js';
import { groupAlive, killGroupNow, type TerminationReport, terminateGroup, trackGroup, untrackGroup } from './process-group.js';
import { type BuildProgress, ProgressTracker } from './progress.js';

export type BuildStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The state a view renders; a new object after every delivered batch. */
export interface BuildSnapshot {
  status: BuildStatus;
  cancelling: boolean;
  progress: BuildProgress;
  counts: LogCounts;
  firstError?: LogIssue;
  /** Absolute index of the oldest line still held for scrolling back. */
  firstHeldLine: number;
  logPath: string;
  jobs: MakePlan['jobs'];
  wrapper?: string;
}

export interface BuildUpdate {
  snapshot: BuildSnapshot;
  /** Lines since the previous update, in order (a burst larger than the ring arrives clipped). */
  lines: LogLine[];
}

export interface BuildResult {
  status: Exclude<BuildStatus, 'running'>;
  /** make's exit code; null when make was ended by a signal or never started. */
  exitCode: number | null;
  signal?: string;
  durationMs: number;
  counts: LogCounts;
  firstError?: LogIssue;
  logPath: string;
  /** The command line that ran, for the summary and for repeating it by hand. */
  command: string[];
  artifacts: ArtifactReport;
  /** Why make could not be run or followed (not installed, ...); make's own failures are in the log. */
  runError?: string;
  termination?: TerminationReport;
}

export interface BuildHandle {
  readonly plan: MakePlan;
  readonly logPath: string;
  /** make's pid, which is also its process group id. */
  readonly pid: number | undefined;
  /** Batched updates every `batchMs` while lines arrive (and about once a second for the clock). */
  subscribe(listener: (update: BuildUpdate) => void): () => void;
  snapshot(): BuildSnapshot;
  /** Held lines with absolute indexes in [from, to). */
  lines(from: number, to?: number): LogLine[];
  issues(): readonly LogIssue[];
  /** Stops make and everything it started; resolves with the final result. */
  cancel(): Promise<BuildResult>;
  readonly result: Promise<BuildResult>;
}

export interface BuildRunOptions {
  /** Where the whole log goes; default `.tuxconf-build.log` in the output directory. */
  logPath?: string;
  /** The small state file with earlier builds' durations; default in the output directory. */
  historyPath?: string;
  limits?: BuildLogLimits;
  batchMs?: number;
  /** Receives the log text as it is written (the CLI's stdout); its back-pressure slows reading. */
  output?: Writable;
  /** SIGTERM to SIGKILL delay when cancelling. */
  graceMs?: number;
  /** Directory relative M= paths are taken from; default the current directory. */
  cwd?: string;
  /** Look for vmlinux, the boot image and modules at the end (needs a kernel tree). */
  collectArtifacts?: boolean;
}

export type StartBuildOptions = BuildRequest & BuildRunOptions;

export const DEFAULT_LOG_NAME = '.tuxconf-build.log';
const FLUSH_BYTES = 64 * 1024;
const CLOCK_TICK_MS = 1000;

/** Plans and starts a build of a kernel tree; the returned handle streams it. */
export async function startBuild(options: StartBuildOptions): Promise<BuildHandle> {
  const plan = await planBuild(options);
  return runPlan(plan, options.tree, options);
}

/** Runs a planned command with the build's logging, progress and cancellation. */
export async function runPlan(plan: MakePlan, tree: KernelTree, options: BuildRunOptions = {}): Promise<BuildHandle> {
  const run = new BuildRun(plan, tree, options);
  await run.start();
  return run;
}

class BuildRun implements BuildHandle {
  readonly plan: MakePlan;
  readonly logPath: string;
  readonly result: Promise<BuildResult>;
  private readonly tree: KernelTree;
  private readonly options: BuildRunOptions;
  private readonly log: BuildLog;
  private readonly listeners = new Set<(update: BuildUpdate) => void>();
  private readonly historyFile: string;
  private readonly startedAt = Date.now();
  private progress!: ProgressTracker;
  private current!: BuildSnapshot;
  private status: BuildStatus = 'running';
  private cancelRequested = false;
  private termination: Promise<TerminationReport> | undefined;
  private fd = -1;
  private outputBroken = false;
  private timer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastEmit = 0;
  private resolveResult!: (result: BuildResult) => void;
  pid: number | undefined;

  constructor(plan: MakePlan, tree: KernelTree, options: BuildRunOptions) {
    this.plan = plan;
    this.tree = tree;
    this.options = options;
    this.logPath = options.logPath ?? join(tree.objTree, DEFAULT_LOG_NAME);
    this.historyFile = options.historyPath ?? historyPath(tree.objTree);
    this.log = new BuildLog(options.limits);
    this.result = new Promise((resolve) => {
      this.resolveResult = resolve;
    });
  }

  async start(): Promise<void> {
    try {
      mkdirSync(dirname(this.logPath), { recursive: true });
      // A fresh file, never one opened through a link planted where the log goes.
      this.fd = openStreamFile(this.logPath, 'build log', 'give a writable path with --log FILE');
    } catch (error) {
      if (error instanceof WriteFailedError) throw error;
      throw new TuxconfError(`cannot write the build log ${escapeControl(this.logPath)}: ${(error as Error).message}`, {
        hint: 'give a writable path with --log FILE',
      });
    }
    const previous = await readBuildRecord(this.historyFile, historyKey(this.plan.targets));
    this.progress = new ProgressTracker(this.startedAt, previous);
    this.current = this.makeSnapshot(Date.now());
    this.options.output?.on('error', () => {
      this.outputBroken = true; // e.g. `tuxconf build | head`: the log file still gets everything
    });
    // Loaded before make starts: the handle has make's pid (the group to stop) when start() returns.
    const execa = await loadExeca();
    void this.run(execa).catch((error: unknown) => this.abandon(error));
  }

  /** Something in tuxconf itself failed mid-build: stop make and still settle the result. */
  private abandon(error: unknown): void {
    clearInterval(this.timer);
    clearTimeout(this.flushTimer);
    if (this.pid !== undefined) void terminateGroup(this.pid, this.options.graceMs).finally(() => untrackGroup(this.pid as number));
    this.status = 'failed';
    this.resolveResult({
      status: 'failed',
      exitCode: null,
      durationMs: Date.now() - this.startedAt,
      counts: { ...this.log.counts },
      logPath: this.logPath,
      command: [this.plan.command, ...this.plan.args],
      artifacts: { artifacts: [] },
      runError: `tuxconf stopped following the build: ${error instanceof Error ? error.message : String(error)}`,
    });
    this.emit(Date.now());
  }

  private async run(execa: Execa): Promise<void> {
    const subprocess = execa(this.plan.command, this.plan.args, {
      env: this.plan.env,
      extendEnv: false,
      cwd: this.options.cwd ?? process.cwd(),
      all: true,
      buffer: false,
      stdin: 'ignore',
      detached: true,
      reject: false,
    });
    this.pid = subprocess.pid;
    const pid = this.pid;
    if (pid !== undefined) {
      trackGroup(pid);
      // A job make left running in the background would hold the pipe open and outlive the build.
      subprocess.once('exit', () => {
        if (groupAlive(pid)) this.termination ??= terminateGroup(pid, this.options.graceMs);
      });
    }
    // The clock ticks once a second; lines schedule their own flush, so an idle build barely wakes us.
    this.timer = setInterval(() => this.tick(), CLOCK_TICK_MS);

    try {
      for await (const text of subprocess.iterable({ from: 'all' })) {
        this.log.ingest(text);
        this.flushTimer ??= setTimeout(() => {
          this.flushTimer = undefined;
          this.tick();
        }, this.options.batchMs ?? 50);
        if (this.log.pendingBytes >= FLUSH_BYTES) this.flushText();
        if (this.options.output?.writableNeedDrain && !this.outputBroken) await once(this.options.output, 'drain');
      }
    } catch {
      // Spawn failures and signals also surface in the awaited result below.
    }
    const outcome = await subprocess;
    if (pid !== undefined) {
      if (groupAlive(pid)) this.termination ??= terminateGroup(pid, this.options.graceMs);
      await this.termination;
      untrackGroup(pid);
    }
    clearInterval(this.timer);
    clearTimeout(this.flushTimer);
    this.flushText();
    closeSync(this.fd);

    const durationMs = Date.now() - this.startedAt;
    const exitCode = typeof outcome.exitCode === 'number' ? outcome.exitCode : null;
    this.status = this.cancelRequested ? 'cancelled' : exitCode === 0 ? 'succeeded' : 'failed';
    const result: BuildResult = {
      status: this.status,
      exitCode,
      durationMs,
      counts: { ...this.log.counts },
      logPath: this.logPath,
      command: [this.plan.command, ...this.plan.args],
      artifacts: { artifacts: [] },
    };
    if (outcome.signal) result.signal = outcome.signal;
    const firstError = this.log.firstError;
    if (firstError) result.firstError = firstError;
    if (pid === undefined || (exitCode === null && !outcome.signal)) result.runError = startFailure(outcome, this.plan.command);
    if (this.termination) result.termination = await this.termination;
    if (this.status === 'succeeded' && this.options.collectArtifacts !== false) {
      const artifactOptions: { env: NodeJS.ProcessEnv; externalModuleDir?: string } = { env: this.plan.env };
      if (this.plan.externalModuleDir) artifactOptions.externalModuleDir = this.plan.externalModuleDir;
      result.artifacts = await collectArtifacts(this.tree, this.startedAt, artifactOptions);
    }
    if (this.status === 'succeeded') {
      await recordBuild(this.historyFile, historyKey(this.plan.targets), {
        objects: this.log.counts.objects,
        durationMs,
        finishedAt: new Date().toISOString(),
      }).catch(() => false);
    }
    this.emit(Date.now());
    this.resolveResult(result);
  }

  private tick(): void {
    const now = Date.now();
    this.flushText();
    if (this.log.counts.lines > this.current.counts.lines || now - this.lastEmit >= CLOCK_TICK_MS) this.emit(now);
  }

  private flushText(): void {
    const text = this.log.takeText();
    if (!text) return;
    writeSync(this.fd, text);
    if (this.options.output && !this.outputBroken) this.options.output.write(text);
  }

  private emit(now: number): void {
    this.lastEmit = now;
    this.current = this.makeSnapshot(now);
    const update: BuildUpdate = { snapshot: this.current, lines: this.log.takeNewLines() };
    for (const listener of this.listeners) listener(update);
  }

  private makeSnapshot(now: number): BuildSnapshot {
    const snapshot: BuildSnapshot = {
      status: this.status,
      cancelling: this.cancelRequested && this.status === 'running',
      progress: this.progress.sample(now, this.log.counts.objects),
      counts: { ...this.log.counts },
      firstHeldLine: this.log.firstHeldLine,
      logPath: this.logPath,
      jobs: this.plan.jobs,
    };
    const firstError = this.log.firstError;
    if (firstError) snapshot.firstError = firstError;
    if (this.plan.wrapper) snapshot.wrapper = this.plan.wrapper;
    return snapshot;
  }

  subscribe(listener: (update: BuildUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): BuildSnapshot {
    return this.current;
  }

  lines(from: number, to?: number): LogLine[] {
    return this.log.lines(from, to);
  }

  issues(): readonly LogIssue[] {
    return this.log.issues;
  }

  /** A second cancel while the first waits for the group to stop kills it at once (SIGKILL). */
  cancel(): Promise<BuildResult> {
    if (this.status !== 'running' || this.pid === undefined) return this.result;
    if (this.cancelRequested) {
      killGroupNow(this.pid);
      return this.result;
    }
    this.cancelRequested = true;
    this.termination = terminateGroup(this.pid, this.options.graceMs);
    this.emit(Date.now());
    return this.result;
  }
}

function startFailure(outcome: { message?: string; code?: string }, command: string): string {
  if (outcome.code === 'ENOENT') return `${command} is not installed (not found on PATH); Debian: apt-get install ${command}`;
  return outcome.message ?? `${command} could not be started`;
}
