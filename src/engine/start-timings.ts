import { performance } from 'node:perf_hooks';

/**
 * TUXCONF_TIMINGS=1 prints each phase of a start to stderr as it ends: when it began and ended (ms
 * since node started, so phases that ran at the same time show as overlapping) and what it was.
 * For finding where a start's time goes; nothing depends on it.
 */
const enabled = process.env.TUXCONF_TIMINGS === '1';

function print(from: number, to: number, phase: string): void {
  process.stderr.write(`tuxconf timing: ${from.toFixed(0).padStart(5)}-${to.toFixed(0).padStart(5)} ms (${(to - from).toFixed(0).padStart(4)} ms) ${phase}\n`);
}

/** Runs `work`, printing how long it took as `phase` when timings are on. */
export async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const from = performance.now();
  try {
    return await work();
  } finally {
    print(from, performance.now(), phase);
  }
}

/** Prints that `event` happened now, when timings are on. */
export function timingMark(event: string): void {
  if (!enabled) return;
  const now = performance.now();
  print(now, now, event);
}
