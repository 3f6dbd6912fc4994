import type { Draft, Session, ValueChange } from '../../engine/session.js';
import { type DraftSummary, draftSummary } from './draft-summary.js';

/** An earlier session's unsaved work, offered for restoring when the menu starts. */
export interface DraftOffer {
  draft: Draft;
  summary: DraftSummary;
  /** What restoring it would change here, computed before asking. */
  changes: ValueChange[];
}

/** The newest draft of this config left by a session that ended without saving, with its diff; null if there is none. */
export async function findDraftOffer(session: Session): Promise<DraftOffer | null> {
  const [draft] = await session.orphanDrafts();
  if (!draft) return null;
  return { draft, summary: draftSummary(draft), changes: await session.previewDraft(draft) };
}
