import { useEffect } from 'react';
import type { Session } from '../../../engine/session.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { Intent } from '../menu/state.js';
import type { UiAction } from '../../shell/ui-reducer.js';

/**
 * Once, when the menu is up: offers the unsaved changes of an earlier session on this config
 * that ended without saving, and says so when another running session holds the config.
 */
export function useDraftOffer(session: Session, run: (intent: Intent) => void, dispatch: (action: UiAction) => void): void {
  useEffect(() => {
    const holder = session.holder;
    if (holder?.alive) {
      dispatch({
        type: 'message',
        message: { text: `Another tuxconf (pid ${holder.pid} on ${escapeControl(holder.host)}) has this config open; saving asks before overwriting its changes`, tone: 'error' },
      });
    }
    if (session.draftProblem) dispatch({ type: 'message', message: { text: session.draftProblem, tone: 'error' } });
    run({ kind: 'offer-draft' });
  }, [session, run, dispatch]);
}
