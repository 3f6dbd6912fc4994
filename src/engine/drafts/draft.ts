import { StepHistory } from '../step-history.js';
import type { DraftEvent, DraftHeader } from './draft-format.js';

/** A journal read back: whose config, and the undo list as the session left it. */
export interface Draft {
  file: string;
  header: DraftHeader;
  history: StepHistory;
  /** sha256 of every file the session saved, oldest first. */
  savedHashes: string[];
  /** When the journal was last written (ms since the epoch). */
  updated: number;
  /** The journal line where damage ended the reading, or null. */
  damagedAt: number | null;
}

/** Runs the recorded events through the same bookkeeping the session used. */
export function replayEvents(events: readonly DraftEvent[]): { history: StepHistory; savedHashes: string[] } {
  let history = new StepHistory();
  let savedHashes: string[] = [];
  for (const event of events) {
    switch (event.t) {
      case 'snapshot':
        history = StepHistory.from(event.steps, event.applied, event.savedAt);
        savedHashes = [...event.savedHashes];
        break;
      case 'push':
        history.push(event.step);
        break;
      case 'undo':
        history.undo();
        break;
      case 'redo':
        history.redo();
        break;
      case 'combine':
        history.combine(event.count, event.label);
        break;
      case 'saved':
        history.markSaved();
        savedHashes.push(event.hash);
        break;
    }
  }
  return { history, savedHashes };
}
