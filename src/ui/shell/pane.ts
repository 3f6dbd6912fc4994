import type { ReactNode } from 'react';
import type { ConfigState } from '../../model/types.js';
import type { Session } from '../../engine/session.js';
import type { Hint } from '../input/bindings.js';
import type { KeyEvent } from '../input/key-event.js';
import type { Intent } from '../intents/intent.js';
import { symbolOfNode } from '../intents/context.js';
import type { Layout } from './layout.js';
import type { UiAction } from './ui-reducer.js';
import type { UiState } from './ui-state.js';

/** The title bar of a pane: what it shows, where the cursor is, and which end of a long title to keep. */
export interface PaneTitle {
  text: string;
  position: string;
  keep: 'start' | 'end';
}

/**
 * What every pane gives the App (src/ui/app.tsx): its title bar, its key hints, what it draws,
 * and what it does with a key. The App draws the header, the title bar, `content`, the status
 * line and the hints, and hands every key to the open pane's `onKey`.
 */
export interface Pane {
  title(): PaneTitle;
  hints(): readonly Hint[];
  /** What the pane draws in `height` rows under the title bar. */
  content(height: number): ReactNode;
  onKey(key: KeyEvent): void;
  /** Keys read together are typed or pasted text for a text field (applied as one edit). */
  takesText(): boolean;
}

/** What a pane needs from the App's controller: run intents, and read and change the UI state. */
export interface PaneHost {
  run(intent: Intent): void;
  dispatch(action: UiAction): void;
  /** The UI state now, including changes not rendered yet. */
  current(): UiState;
}

/** What every pane's hook is given, once per render. */
export interface PaneContext {
  session: Session;
  /** The session's state this render draws. */
  config: ConfigState;
  ui: UiState;
  layout: Layout;
  host: PaneHost;
}

/** A key in a pane, as in the menu, clears the last action's message. */
export function clearMessage(host: PaneHost): void {
  if (host.current().message) host.dispatch({ type: 'message', message: null });
}

/** Runs an intent from a pane; a jump that had to turn show-all on says so. */
export function runFromPane(host: PaneHost, intent: Intent, session: Session): void {
  if (intent.kind !== 'ui' || intent.action.type !== 'jump') {
    host.run(intent);
    return;
  }
  const before = host.current().showAll;
  host.run(intent);
  const name = symbolOfNode(session, intent.action.node);
  if (!before && host.current().showAll && name) {
    host.dispatch({
      type: 'message',
      message: { text: `Show-all is on: CONFIG_${name} is hidden now (e says why; a hides hidden entries again)`, tone: 'info' },
    });
  }
}
