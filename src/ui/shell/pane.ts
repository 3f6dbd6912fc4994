import type { Intent } from '../panes/menu/state.js';
import type { UiAction } from './ui-reducer.js';
import type { UiState } from './ui-state.js';

/** What a pane needs from the App's controller: run intents, and read and change the UI state. */
export interface PaneHost {
  run(intent: Intent): void;
  dispatch(action: UiAction): void;
  current(): UiState;
}

/** A key in a pane, as in the menu, clears the last action's message. */
export function clearMessage(host: PaneHost): void {
  if (host.current().message) host.dispatch({ type: 'message', message: null });
}

/** Runs an intent from a pane; a jump that had to turn show-all on says so. */
export function runFromPane(host: PaneHost, intent: Intent, hiddenName: (node: number) => string | null): void {
  if (intent.kind !== 'ui' || intent.action.type !== 'jump') {
    host.run(intent);
    return;
  }
  const before = host.current().showAll;
  host.run(intent);
  const name = hiddenName(intent.action.node);
  if (!before && host.current().showAll && name) {
    host.dispatch({
      type: 'message',
      message: { text: `Show-all is on: CONFIG_${name} is hidden now (e says why; a hides hidden entries again)`, tone: 'info' },
    });
  }
}
