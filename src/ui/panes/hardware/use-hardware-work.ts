import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback } from 'react';
import { applySuggestionFix, planSuggestionFix, type SuggestionApplyOutcome, type SuggestionPlan } from '../../../features/hardware/suggestion-targets.js';
import { escapeControl } from '../../../model/escape-text.js';
import { plural } from '../../../model/plural.js';
import { errorText } from '../../intents/messages.js';
import { clearMessage, type PaneContext, runFromPane } from '../../shell/pane.js';
import type { HardwarePlanOutcome } from './lines.js';
import type { HardwareIntent } from './state.js';

/** What the hardware pane knows now, read by its key handler and its work. */
export interface LiveHardware {
  context: PaneContext;
  plan: HardwarePlanOutcome;
}

/** The status line after accepting: how many took, how many values changed, and the first that cannot be had. */
export function acceptMessage(planned: SuggestionPlan, result: SuggestionApplyOutcome): { text: string; tone: 'info' | 'error' } {
  if (!result.applied) return { text: `The fix was not applied: ${escapeControl(result.failure[0] ?? 'kconfig refused it')}`, tone: 'error' };
  const held = result.holding.filter((name) => planned.asked.includes(name));
  const changed = `${plural(result.changed, 'value')} changed; u undoes it`;
  const head =
    planned.asked.length === 1 && held.length === 1
      ? `Applied ${held[0]} (${changed})`
      : `Applied ${held.length} of ${planned.asked.length} suggestions (${changed})`;
  const [first, ...rest] = planned.impossible;
  if (!first) return { text: head, tone: 'info' };
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  return { text: `${head}; cannot have ${first.name}=${first.value}: ${escapeControl(first.why)}${more}`, tone: 'error' };
}

/** Runs what the hardware pane's keys ask for: the fix planned or applied (queued like every engine request), or an intent for the App. */
export function useHardwareIntents(
  live: MutableRefObject<LiveHardware>,
  setPlan: Dispatch<SetStateAction<HardwarePlanOutcome>>,
): (intent: HardwareIntent) => void {
  return useCallback(
    (intent: HardwareIntent) => {
      const { context, plan } = live.current;
      const queue = (run: () => Promise<void>): void => {
        clearMessage(context.host);
        context.host.run({ kind: 'work', run });
      };
      switch (intent.kind) {
        case 'plan-suggestions': {
          if (intent.suggestions.length === 0) return context.host.dispatch({ type: 'message', message: { text: 'Nothing to accept', tone: 'error' } });
          const running: HardwarePlanOutcome = { kind: 'running', count: intent.suggestions.length };
          setPlan(running);
          // A plan asked for again meanwhile replaces this one: its answer is then dropped.
          const settle = (outcome: HardwarePlanOutcome): void => setPlan((shown) => (shown === running ? outcome : shown));
          return queue(async () => {
            try {
              const planned = await planSuggestionFix(context.session, intent.suggestions, intent.build);
              settle({ kind: 'ready', planned, config: context.session.state });
            } catch (cause) {
              settle({ kind: 'failed', message: errorText(cause) });
            }
          });
        }
        case 'apply-plan': {
          if (plan.kind !== 'ready') return;
          return queue(async () => {
            const result = await applySuggestionFix(context.session, plan.planned);
            setPlan({ kind: 'none' });
            context.host.dispatch({ type: 'message', message: acceptMessage(plan.planned, result) });
          });
        }
        default:
          return runFromPane(context.host, intent, context.session);
      }
    },
    [live, setPlan],
  );
}
