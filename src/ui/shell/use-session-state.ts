import { useSyncExternalStore } from 'react';
import type { ConfigState } from '../../model/types.js';
import type { Session } from '../../engine/session.js';

/** Every change the session announced, counted as it happens, and the hooks to tell after the turn it happened in. */
interface SessionChanges {
  revision: number;
  listeners: Set<() => void>;
  scheduled: NodeJS.Immediate | undefined;
  unsubscribe: () => void;
}

const trackers = new WeakMap<Session, SessionChanges>();

/**
 * Tells `listener` of the session's changes after the turn of the event loop they happened in:
 * the intent that made a change says what it did (the status line) in the same turn, and both
 * are drawn as one frame. A frame drawn meanwhile reads the new state and revision already,
 * and then nothing is left to draw.
 */
function subscribeAfterTurn(session: Session, listener: () => void): () => void {
  let tracker = trackers.get(session);
  if (!tracker) {
    const created: SessionChanges = { revision: 0, listeners: new Set(), scheduled: undefined, unsubscribe: () => undefined };
    created.unsubscribe = session.subscribe(() => {
      created.revision++;
      created.scheduled ??= setImmediate(() => {
        created.scheduled = undefined;
        for (const told of [...created.listeners]) told();
      });
    });
    trackers.set(session, (tracker = created));
  }
  const current = tracker;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    if (current.scheduled) clearImmediate(current.scheduled);
    current.unsubscribe();
    trackers.delete(session);
  };
}

/** The session's current configuration state; re-renders after every change. */
export function useSessionState(session: Session): ConfigState {
  return useSyncExternalStore(
    (listener) => subscribeAfterTurn(session, listener),
    () => session.state,
  );
}

/** How many changes the session has announced (a save changes the file, not the state); re-renders after every one. */
export function useSessionRevision(session: Session): number {
  return useSyncExternalStore(
    (listener) => subscribeAfterTurn(session, listener),
    () => trackers.get(session)?.revision ?? 0,
  );
}
