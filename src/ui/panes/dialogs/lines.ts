import type { MenuModel } from '../../../model/types.js';
import type { DraftOffer } from '../../../features/drafts/draft-offer.js';
import { escapeControl } from '../../../model/escape-text.js';
import { changeLine, nameColumn } from '../../text/change-line.js';

/** The lines of the offer: whose work it is, what the user did, and the diff restoring it gives. */
export function draftOfferLines(model: MenuModel, offer: DraftOffer): string[] {
  const { summary, changes } = offer;
  const when = summary.updated.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const lines = [
    'A tuxconf session on this config ended without saving:',
    `pid ${summary.pid}, last change ${when}, ${summary.unsaved} unsaved ${summary.unsaved === 1 ? 'change' : 'changes'}:`,
    ...summary.steps.map((step) => `  - ${escapeControl(step.label)}`),
    '',
    changes.length === 0
      ? 'Restoring them changes no value of the config as it is now.'
      : `Restoring them changes ${changes.length} ${changes.length === 1 ? 'value' : 'values'}:`,
  ];
  const width = nameColumn(changes, 32);
  for (const change of changes) lines.push(changeLine(model, change, width));
  return lines;
}
