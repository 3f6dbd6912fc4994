import { useCallback, useSyncExternalStore } from 'react';
import type { ConfigState } from '../../model/types.js';
import type { Session } from '../../engine/session.js';

/** Every change the session announced, counted as it happens, and the hooks to tell after the turn it happened in. */
interface SessionChanges {
  revision: number;
  listeners: Set<() => void>;
  scheduled: NodeJS.Immediate | undefined;
  /** Set while some hook listens. */
  unsubscribe: (() => void) | undefined;
}

const trackers = new WeakMap<Session, SessionChanges>();

function trackerOf(session: Session): SessionChanges {
  let tracker = trackers.get(session);
  if (!tracker) trackers.set(session, (tracker = { revision: 0, listeners: new Set(), scheduled: undefined, unsubscribe: undefined }));
  return tracker;
}

/**
 * Tells `listener` of the session's changes after the turn of the event loop they happened in:
 * the intent that made a change says what it did (the status line) in the same turn, and both
 * are drawn as one frame. A frame drawn meanwhile reads the new state and revision already,
 * and then nothing is left to draw.
 */
function subscribeAfterTurn(session: Session, listener: () => void): () => void {
  const tracker = trackerOf(session);
  tracker.unsubscribe ??= session.subscribe(() => {
    tracker.revision++;
    tracker.scheduled ??= setImmediate(() => {
      tracker.scheduled = undefined;
      for (const told of [...tracker.listeners]) told();
    });
  });
  tracker.listeners.add(listener);
  return () => {
    tracker.listeners.delete(listener);
    if (tracker.listeners.size > 0) return;
    if (tracker.scheduled) clearImmediate(tracker.scheduled);
    tracker.scheduled = undefined;
    tracker.unsubscribe?.();
    tracker.unsubscribe = undefined;
  };
}

/** The session's current configuration state; re-renders after every change. */
export function useSessionState(session: Session): ConfigState {
  const subscribe = useCallback((listener: () => void) => subscribeAfterTurn(session, listener), [session]);
  return useSyncExternalStore(subscribe, () => session.state);
}

/** How many changes the session has announced (a save changes the file, not the state); re-renders after every one. */
export function useSessionRevision(session: Session): number {
  const subscribe = useCallback((listener: () => void) => subscribeAfterTurn(session, listener), [session]);
  return useSyncExternalStore(subscribe, () => trackerOf(session).revision);
}
