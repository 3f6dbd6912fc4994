import type { AcceptResult } from '../../features/hardware/accept-suggestions.js';
import { acceptWithFix } from '../../features/hardware/fix-suggestions.js';
import type { Suggestion } from '../../features/hardware/suggestions.js';
import type { IntentContext } from './context.js';

/** The status line after accepting: how many took, how many values changed, and the first failure. */
export function acceptMessage(result: AcceptResult, asked: number): { text: string; tone: 'info' | 'error' } {
  const changed = result.outcome.changed.length;
  const head =
    asked === 1 && result.applied.length === 1
      ? `Applied ${result.applied[0]} (${changed} value${changed === 1 ? '' : 's'} changed; u undoes it)`
      : `Applied ${result.applied.length} of ${asked} suggestions (${changed} value${changed === 1 ? '' : 's'} changed; u undoes it)`;
  const [first, ...rest] = result.failed;
  if (!first) return { text: head, tone: 'info' };
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  return { text: `${head}; not applied: ${first.name}: ${first.reason}${more}`, tone: 'error' };
}

/**
 * Runs "accept" from the hardware pane: one fix for all the suggestions together (what each needs
 * changed first, MODULES on when the drivers are to be modules), one undoable step through the
 * engine's own checks; what cannot be had is named with what blocks it.
 */
export async function acceptSuggestionsIntent(suggestions: readonly Suggestion[], asModules: boolean, ctx: IntentContext): Promise<void> {
  if (suggestions.length === 0) {
    ctx.dispatch({ type: 'message', message: { text: 'Nothing to accept', tone: 'error' } });
    return;
  }
  const what = suggestions.length === 1 ? suggestions[0]!.name : `${suggestions.length} suggestions`;
  ctx.dispatch({ type: 'message', message: { text: `Searching for what ${what} need${suggestions.length === 1 ? 's' : ''}...`, tone: 'info' } });
  const result = await acceptWithFix(ctx.session, suggestions, { asModules });
  ctx.dispatch({ type: 'message', message: acceptMessage(result, suggestions.length) });
}
