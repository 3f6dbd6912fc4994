import { acceptSuggestions, type AcceptResult } from '../../features/hardware/accept-suggestions.js';
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

/** Runs "accept" from the hardware pane: one undoable step through the engine's own checks. */
export async function acceptSuggestionsIntent(suggestions: readonly Suggestion[], ctx: IntentContext): Promise<void> {
  if (suggestions.length === 0) {
    ctx.dispatch({ type: 'message', message: { text: 'Nothing to accept', tone: 'error' } });
    return;
  }
  const result = await acceptSuggestions(ctx.session, [...suggestions]);
  ctx.dispatch({ type: 'message', message: acceptMessage(result, suggestions.length) });
}
