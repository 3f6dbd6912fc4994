import type { Step, ValueRequest } from '../step-history.js';
import { unstorableValueReason } from '../../model/config-text.js';

/** Which configuration a draft belongs to: the tree, the output directory and the config file. */
export interface DraftIdentity {
  srcTree: string;
  objTree: string;
  configPath: string;
}

/** The first line of a journal. */
export interface DraftHeader extends DraftIdentity {
  version: 1;
  arch: string;
  kernelVersion: string;
  pid: number;
  host: string;
  /** When the session began (ms since the epoch). */
  started: number;
  /** The config the session started from, as it was on disk; null when there was no file (the kernel's defaults). */
  base: Buffer | null;
}

/** What a journal line records after the header. */
export type DraftEvent =
  | { t: 'snapshot'; steps: Step[]; applied: number; savedAt: number; savedHashes: string[] }
  | { t: 'push'; step: Step }
  | { t: 'undo' }
  | { t: 'redo' }
  | { t: 'combine'; count: number; label: string }
  /** The session saved; `hash` is the sha256 of the bytes it wrote. */
  | { t: 'saved'; hash: string };

type StepJson = { label: string; requests: ValueRequest[] } | { label: string; text: string };

export function headerLine(header: DraftHeader): string {
  const { base, ...rest } = header;
  return `${JSON.stringify({ t: 'header', ...rest, base: base === null ? null : base.toString('base64') })}\n`;
}

export function eventLine(event: DraftEvent): string {
  switch (event.t) {
    case 'snapshot':
      return `${JSON.stringify({ ...event, steps: event.steps.map(stepJson) })}\n`;
    case 'push':
      return `${JSON.stringify({ t: 'push', step: stepJson(event.step) })}\n`;
    default:
      return `${JSON.stringify(event)}\n`;
  }
}

function stepJson(step: Step): StepJson {
  return step.kind === 'requests' ? { label: step.label, requests: step.requests } : { label: step.label, text: step.text.toString('base64') };
}

export class DraftFormatError extends Error {
  override name = 'DraftFormatError';
}

/**
 * Reads a journal. A last line cut short (the process died while writing it) is dropped; any
 * other damage ends the journal at the line before it, and `damagedAt` says where.
 */
export function parseJournal(text: string): { header: DraftHeader; events: DraftEvent[]; damagedAt: number | null } {
  // Every complete line ends in a newline: the last piece is either empty or a line cut short.
  const complete = text.split('\n').slice(0, -1);
  const header = readHeader(complete[0]);
  const events: DraftEvent[] = [];
  let damagedAt: number | null = null;
  for (let index = 1; index < complete.length; index++) {
    try {
      events.push(readEvent(JSON.parse(complete[index]!) as unknown));
    } catch {
      damagedAt = index + 1;
      break;
    }
  }
  return { header, events, damagedAt };
}

function readHeader(line: string | undefined): DraftHeader {
  if (line === undefined) throw new DraftFormatError('the journal is empty');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new DraftFormatError('line 1 is not a journal header');
  }
  if (raw.t !== 'header' || raw.version !== 1) throw new DraftFormatError('line 1 is not a version 1 journal header');
  return {
    version: 1,
    srcTree: text(raw.srcTree, 'srcTree'),
    objTree: text(raw.objTree, 'objTree'),
    configPath: text(raw.configPath, 'configPath'),
    arch: text(raw.arch, 'arch'),
    kernelVersion: text(raw.kernelVersion, 'kernelVersion'),
    pid: count(raw.pid, 'pid'),
    host: text(raw.host, 'host'),
    started: count(raw.started, 'started'),
    base: raw.base === null ? null : Buffer.from(text(raw.base, 'base'), 'base64'),
  };
}

function readEvent(raw: unknown): DraftEvent {
  const event = raw as Record<string, unknown>;
  switch (event?.t) {
    case 'snapshot':
      return {
        t: 'snapshot',
        steps: list(event.steps, 'steps').map(readStep),
        applied: count(event.applied, 'applied'),
        savedAt: Number.isInteger(event.savedAt) ? (event.savedAt as number) : -1,
        savedHashes: list(event.savedHashes, 'savedHashes').map((hash) => text(hash, 'hash')),
      };
    case 'push':
      return { t: 'push', step: readStep(event.step) };
    case 'undo':
    case 'redo':
      return { t: event.t };
    case 'combine':
      return { t: 'combine', count: count(event.count, 'count'), label: text(event.label, 'label') };
    case 'saved':
      return { t: 'saved', hash: text(event.hash, 'hash') };
    default:
      throw new DraftFormatError('unknown event');
  }
}

function readStep(raw: unknown): Step {
  const step = raw as Record<string, unknown>;
  const label = text(step?.label, 'label');
  if (typeof step.text === 'string') return { kind: 'text', label, text: Buffer.from(step.text, 'base64') };
  const requests = list(step.requests, 'requests').map((entry) => {
    const request = entry as Record<string, unknown>;
    const name = text(request?.name, 'name');
    const value = text(request?.value, 'value');
    if (!/^[A-Za-z0-9_]+$/.test(name) || unstorableValueReason(value)) throw new DraftFormatError('a request no config can hold');
    return { name, value };
  });
  return { kind: 'requests', label, requests };
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DraftFormatError(`${field} is not a string`);
  return value;
}

function count(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new DraftFormatError(`${field} is not a count`);
  return value as number;
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new DraftFormatError(`${field} is not a list`);
  return value;
}
