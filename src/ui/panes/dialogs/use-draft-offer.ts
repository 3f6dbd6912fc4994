import { useEffect } from 'react';
import type { Session } from '../../../engine/session.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { PaneHost } from '../../shell/pane.js';

/**
 * Once, when the menu is up: offers the unsaved changes of an earlier session on this config
 * that ended without saving, and says so when another running session holds the config.
 */
export function useDraftOffer(session: Session, host: PaneHost): void {
  useEffect(() => {
    const holder = session.holder;
    if (holder?.alive) {
      host.dispatch({
        type: 'message',
        message: {
          text: `Another tuxconf (pid ${holder.pid} on ${escapeControl(holder.host)}) has this config open; saving asks before overwriting its changes`,
          tone: 'error',
        },
      });
    }
    if (session.draftProblem) host.dispatch({ type: 'message', message: { text: session.draftProblem, tone: 'error' } });
    host.run({ kind: 'offer-draft' });
  }, [session, host]);
}
