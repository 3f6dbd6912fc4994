import type { Chunk } from './pty-driver.js';

/** What a program wrote in answer to one write (a key, a paste). */
export interface KeyResult {
  /** From the write to the last byte of the answer (the quiet gap that ended it excluded); null when nothing came. */
  latencyMs: number | null;
  bytes: number;
  chunks: number;
  /** The screen looks different afterwards (text or colours). */
  changed: boolean;
  /** No quiet gap came before the time-out: the program was still writing (or stuck). */
  timedOut: boolean;
  /** Output that arrived after the previous answer's quiet gap, before this write. */
  staleBytes: number;
}

export function byteCount(chunks: readonly Chunk[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.bytes.length, 0);
}

/** Time from `sentMs` to the last chunk; null when there is none. */
export function lastByteLatency(sentMs: number, chunks: readonly Chunk[]): number | null {
  const last = chunks.at(-1);
  return last === undefined ? null : last.ms - sentMs;
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Spread {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { count: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : Number.NaN };
}
