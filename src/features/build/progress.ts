import type { BuildRecord } from './build-history.js';

export interface BuildEstimate {
  /** Objects the earlier build of the same targets in this output directory produced. */
  previousObjects: number;
  previousDurationMs: number;
  /** Share of the earlier build's objects built so far, 0..1. */
  fraction: number;
  /** Undefined until there is a rate to extrapolate from. */
  remainingMs?: number;
}

export interface BuildProgress {
  elapsedMs: number;
  objects: number;
  /** Objects per second over the last few seconds. */
  rate: number;
  estimate?: BuildEstimate;
}

const RATE_WINDOW_MS = 10_000;

/** Objects built and their recent rate, from samples taken as batches are delivered. */
export class ProgressTracker {
  private readonly samples: { at: number; objects: number }[] = [];
  private readonly startedAt: number;
  private readonly previous: BuildRecord | undefined;

  constructor(startedAt: number, previous?: BuildRecord) {
    this.startedAt = startedAt;
    this.previous = previous;
    this.samples.push({ at: startedAt, objects: 0 });
  }

  sample(now: number, objects: number): BuildProgress {
    this.samples.push({ at: now, objects });
    while (this.samples.length > 2 && now - (this.samples[1] as { at: number }).at >= RATE_WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0] as { at: number; objects: number };
    const span = now - oldest.at;
    const rate = span > 0 ? ((objects - oldest.objects) * 1000) / span : 0;
    const progress: BuildProgress = { elapsedMs: now - this.startedAt, objects, rate };
    const estimate = estimateRemaining(objects, rate, now - this.startedAt, this.previous);
    if (estimate) progress.estimate = estimate;
    return progress;
  }
}

/**
 * What remains, judged by an earlier successful build: the objects it had left at the current
 * rate, or, before any rate is known, the rest of its duration. None once this build has
 * already gone past the earlier one's object count.
 */
export function estimateRemaining(
  objects: number,
  rate: number,
  elapsedMs: number,
  previous: BuildRecord | undefined,
): BuildEstimate | undefined {
  if (!previous || previous.objects <= 0 || objects > previous.objects) return undefined;
  const estimate: BuildEstimate = {
    previousObjects: previous.objects,
    previousDurationMs: previous.durationMs,
    fraction: objects / previous.objects,
  };
  const left = previous.objects - objects;
  if (rate > 0) estimate.remainingMs = (left / rate) * 1000;
  else if (objects === 0 && previous.durationMs > elapsedMs) estimate.remainingMs = previous.durationMs - elapsedMs;
  return estimate;
}
