import { useSyncExternalStore } from 'react';
import type { ConfigState } from '../../model/types.js';
import type { Session } from '../../engine/session.js';

/** The session's current configuration state; re-renders after every change. */
export function useSessionState(session: Session): ConfigState {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.state,
  );
}
