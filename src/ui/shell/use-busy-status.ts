import { useMemo, useRef } from 'react';

/**
 * Engine work that answers within this long draws no "working..." frame (a toggle takes a few
 * milliseconds: the extra frame would only delay it); longer work shows it from then on. A pane's
 * own work (a preview, a fix plan) is shown at once: it takes longer, and its pane says so too.
 */
export const BUSY_DELAY_MS = 150;

export interface BusyStatus {
  /** Engine work was queued; `atOnce`: show "working..." now rather than after BUSY_DELAY_MS. */
  started(atOnce: boolean): void;
  /** A queued piece of work ended; `settle` runs first (the UI state after it). */
  finished(settle: () => void): void;
  /** Whether "working..." is drawn. */
  shown(): boolean;
}

/** Counts the engine work queued and says when the status line shows "working...", re-rendering when that changes. */
export function useBusyStatus(rerender: () => void): BusyStatus {
  const pending = useRef(0);
  const shown = useRef(false);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  return useMemo<BusyStatus>(() => {
    const show = (): void => {
      timer.current = undefined;
      if (pending.current === 0 || shown.current) return;
      shown.current = true;
      rerender();
    };
    return {
      started(atOnce) {
        pending.current++;
        if (atOnce) show();
        else if (!timer.current) {
          timer.current = setTimeout(show, BUSY_DELAY_MS);
          timer.current.unref();
        }
      },
      finished(settle) {
        pending.current--;
        settle();
        if (pending.current > 0) return;
        clearTimeout(timer.current);
        timer.current = undefined;
        if (!shown.current) return;
        shown.current = false;
        rerender();
      },
      shown: () => shown.current,
    };
  }, [rerender]);
}
