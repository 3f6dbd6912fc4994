import { classifyLine, isObjectStep, type LineKind, type LogLocation } from './log-classifier.js';
import { RingBuffer } from './ring-buffer.js';

export interface LogLine {
  /** Absolute line index in the whole log, from 0. */
  index: number;
  text: string;
  kind: LineKind;
  location?: LogLocation;
}

/** An error or warning line, kept even after the line has left the view's ring buffer. */
export interface LogIssue {
  index: number;
  kind: 'error' | 'warning';
  text: string;
  message: string;
  location?: LogLocation;
}

export interface LogCounts {
  lines: number;
  errors: number;
  warnings: number;
  /** Kbuild steps that compiled something or linked an object (see isObjectStep). */
  objects: number;
}

export interface BuildLogLimits {
  /** Lines the view can scroll back through; the log file keeps every line. */
  ringCapacity?: number;
  /** Issues kept for the warnings/errors filter; later ones are counted only. */
  issueCapacity?: number;
}

const RUST_LOCATION_REACH = 3;

/**
 * A copy of a string that shares no memory with the chunk it was cut from: lines read from a
 * pipe are slices of 64 KiB chunks, and one kept issue would otherwise pin its whole chunk.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function detachedLocation(location: LogLocation): LogLocation {
  return { ...location, file: detached(location.file) };
}

/**
 * Everything the build keeps about its output, in bounded memory: the recent lines, the
 * warnings and errors, counts, and the text not yet written to the log file.
 */
export class BuildLog {
  private readonly ring: RingBuffer<LogLine>;
  private readonly issueList: LogIssue[] = [];
  private readonly issueCapacity: number;
  private pendingText: string[] = [];
  private pendingLength = 0;
  private delivered = 0;
  private firstErrorIssue: LogIssue | undefined;
  private firstFailure: LogIssue | undefined;
  readonly counts: LogCounts = { lines: 0, errors: 0, warnings: 0, objects: 0 };

  constructor(limits: BuildLogLimits = {}) {
    this.ring = new RingBuffer(limits.ringCapacity ?? 20_000);
    this.issueCapacity = limits.issueCapacity ?? 10_000;
  }

  ingest(text: string): LogLine {
    const lineClass = classifyLine(text);
    const index = this.counts.lines;
    const line: LogLine = { index, text, kind: lineClass.kind };
    if (lineClass.location) line.location = lineClass.location;
    this.ring.push(line);
    this.counts.lines += 1;
    this.pendingText.push(text);
    this.pendingLength += text.length + 1;

    switch (lineClass.kind) {
      case 'step':
        if (isObjectStep(lineClass)) this.counts.objects += 1;
        break;
      case 'error':
      case 'warning': {
        const issue: LogIssue = { index, kind: lineClass.kind, text: detached(text), message: detached(lineClass.message ?? text) };
        if (lineClass.location) issue.location = detachedLocation(lineClass.location);
        if (lineClass.kind === 'error') {
          this.counts.errors += 1;
          this.firstErrorIssue ??= issue;
        } else {
          this.counts.warnings += 1;
        }
        if (this.issueList.length < this.issueCapacity) this.issueList.push(issue);
        break;
      }
      case 'failure':
        this.firstFailure ??= { index, kind: 'error', text: detached(text), message: detached(lineClass.message ?? text) };
        break;
      case 'note':
        if (lineClass.location && lineClass.message === undefined) this.attachLocation(index, lineClass.location);
        break;
      default:
        break;
    }
    return line;
  }

  /** rustc prints `error: ...` and its location on a later ` --> file:line:col` line. */
  private attachLocation(index: number, location: LogLocation): void {
    const last = this.issueList.at(-1);
    if (!last || last.location || index - last.index > RUST_LOCATION_REACH) return;
    const located = { ...last, location: detachedLocation(location) };
    this.issueList[this.issueList.length - 1] = located;
    if (this.firstErrorIssue === last) this.firstErrorIssue = located;
  }

  /** The first compiler/linker/tool error, else the first failure make reported. */
  get firstError(): LogIssue | undefined {
    return this.firstErrorIssue ?? this.firstFailure;
  }

  /** Warnings and errors in log order (at most `issueCapacity`). */
  get issues(): readonly LogIssue[] {
    return this.issueList;
  }

  /** Absolute index of the oldest line still held for the view. */
  get firstHeldLine(): number {
    return this.ring.first;
  }

  lines(from: number, to?: number): LogLine[] {
    return this.ring.slice(from, to);
  }

  line(index: number): LogLine | undefined {
    return this.ring.at(index);
  }

  /** Lines since the previous call (those that already left the ring are skipped). */
  takeNewLines(): LogLine[] {
    const lines = this.ring.slice(this.delivered);
    this.delivered = this.ring.total;
    return lines;
  }

  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** The text for the log file since the previous call, each line ending in a newline. */
  takeText(): string {
    if (this.pendingText.length === 0) return '';
    const text = `${this.pendingText.join('\n')}\n`;
    this.pendingText = [];
    this.pendingLength = 0;
    return text;
  }
}
