import type { Session } from '../../engine/session.js';
import { nodeSymbol } from '../../model/node-symbol.js';
import type { UiAction } from '../shell/ui-reducer.js';
import type { UiState } from '../shell/ui-state.js';

/** What running an intent may use: the session, the UI state now, and a way to change it or to end the TUI. */
export interface IntentContext {
  session: Session;
  ui(): UiState;
  dispatch(action: UiAction): void;
  exit(code: number): void;
}

/** The symbol name of a menu node, or null for menus, comments and choices. */
export function symbolOfNode(session: Session, nodeId: number): string | null {
  return nodeSymbol(session.model, session.model.nodes[nodeId])?.name ?? null;
}
