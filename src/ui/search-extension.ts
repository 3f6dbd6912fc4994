import type { ComponentType } from 'react';
import type { Session } from '../engine/session.js';
import type { KeyEvent } from './input/key-event.js';

/**
 * The props a search view gets when `/` opens it. The App owns the keyboard and hands key
 * presses over while the view is open; the view jumps to a menu entry or closes itself.
 */
export interface SearchViewProps {
  session: Session;
  width: number;
  height: number;
  subscribeKeys(listener: (key: KeyEvent) => void): () => void;
  /** Close the search and show `nodeId` in its menu with the cursor on it (show-all turns on for hidden entries). */
  jumpTo(nodeId: number): void;
  close(): void;
}

export type SearchView = ComponentType<SearchViewProps>;
