import { findDraftOffer } from '../../features/drafts/draft-offer.js';
import type { IntentContext } from './context.js';
import { info } from './messages.js';

/** At start: the unsaved changes of an earlier session on this config, offered with their diff. */
export async function offerDraft(ctx: IntentContext): Promise<void> {
  const offer = await findDraftOffer(ctx.session);
  if (offer) ctx.dispatch({ type: 'open', pane: { kind: 'restore', offer, top: 0 } });
}

export async function restoreDraft(ctx: IntentContext): Promise<void> {
  const pane = ctx.ui().pane;
  if (pane.kind !== 'restore') return;
  const { session } = ctx;
  const outcome = await session.restoreDraft(pane.offer.draft);
  // Its work is now this session's own step (and in this session's draft).
  await session.removeDraft(pane.offer.draft);
  ctx.dispatch({ type: 'close' });
  const count = outcome.refused.length;
  const refused = count > 0 ? `; ${count} no longer ${count === 1 ? 'applies' : 'apply'}: ${outcome.refused.map((refusal) => refusal.reason).join('; ')}` : '';
  ctx.dispatch({
    type: 'message',
    message: { text: `Restored the unsaved changes (${outcome.changed.length} values; u undoes)${refused}`, tone: refused ? 'error' : 'info' },
  });
}

/** Throws the offered draft away, or keeps it for `tuxconf recover`. */
export async function dropOffer(ctx: IntentContext, discard: boolean): Promise<void> {
  const pane = ctx.ui().pane;
  if (pane.kind !== 'restore') return;
  if (discard) await ctx.session.removeDraft(pane.offer.draft);
  ctx.dispatch({ type: 'close' });
  ctx.dispatch(info(discard ? 'Discarded the unsaved changes of the earlier session' : 'The unsaved changes are kept: tuxconf recover restores them later'));
}
