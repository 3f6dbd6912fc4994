import type { Draft, Session, ValueChange } from '../../../engine/session.js';
import { type DraftSummary, draftSummary } from '../../../features/drafts/draft-summary.js';
import { escapeControl } from '../../../model/escape-text.js';
import { pendingLine } from '../../text/change-line.js';

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

/** The lines of the offer: whose work it is, what the user did, and the diff restoring it gives. */
export function draftOfferLines(session: Session, offer: DraftOffer): string[] {
  const { summary, changes } = offer;
  const when = summary.updated.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const lines = [
    'A tuxconf session on this config ended without saving:',
    `pid ${summary.pid}, last change ${when}, ${summary.unsaved} unsaved ${summary.unsaved === 1 ? 'change' : 'changes'}:`,
    ...summary.steps.map((step) => `  - ${escapeControl(step.label)}`),
    '',
    changes.length === 0 ? 'Restoring them changes no value of the config as it is now.' : `Restoring them changes ${changes.length} ${changes.length === 1 ? 'value' : 'values'}:`,
  ];
  const nameWidth = Math.min(32, Math.max(12, ...changes.map((change) => change.name.length)));
  for (const change of changes) lines.push(pendingLine(session.model, change, nameWidth));
  return lines;
}
