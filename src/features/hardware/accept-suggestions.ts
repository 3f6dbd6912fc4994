import type { BatchOutcome, Session } from '../../engine/session.js';
import type { Suggestion } from './suggestions.js';

export interface AcceptResult {
  outcome: BatchOutcome;
  /** Suggestions whose value holds after the step. */
  applied: string[];
  /** Suggestions that did not take, with the kernel's reason where it gave one. */
  failed: { name: string; reason: string }[];
}

/** The suggestions "accept all" takes: not alternatives of another, settable or made so by a requirement. */
export function defaultSelection(suggestions: Suggestion[]): Suggestion[] {
  return suggestions.filter((suggestion) => !suggestion.alternative && (suggestion.settable || suggestion.requires.length > 0));
}

/** The value requests for a set of suggestions: their requirements first, the larger value winning. */
export function acceptRequests(suggestions: Suggestion[]): { name: string; value: string }[] {
  const order: string[] = [];
  const values = new Map<string, 'y' | 'm'>();
  const add = (name: string, value: 'y' | 'm'): void => {
    if (!values.has(name)) order.push(name);
    if (values.get(name) !== 'y') values.set(name, value);
  };
  for (const suggestion of suggestions) {
    for (const requirement of suggestion.requires) add(requirement.name, requirement.to);
    if (suggestion.settable) add(suggestion.name, suggestion.value);
  }
  return order.map((name) => ({ name, value: values.get(name) as string }));
}

/** Applies one, several or all suggestions (with what they require) as one undoable step. */
export async function acceptSuggestions(
  session: Pick<Session, 'setMany' | 'value'>,
  suggestions: Suggestion[],
  label = suggestions.length === 1 ? `hardware: ${suggestions[0]?.name}` : `hardware: ${suggestions.length} suggestions`,
): Promise<AcceptResult> {
  const requests = acceptRequests(suggestions);
  const outcome = await session.setMany(requests, label);
  const applied: string[] = [];
  const failed: { name: string; reason: string }[] = [];
  for (const suggestion of suggestions) {
    const now = session.value(suggestion.name) ?? 'n';
    if (now === 'y' || now === suggestion.value) applied.push(suggestion.name);
    else {
      const refusal = outcome.refused.find((refused) => refused.name === suggestion.name);
      failed.push({
        name: suggestion.name,
        reason:
          refusal?.reason ??
          (suggestion.settable ? `still ${now}` : `CONFIG_${suggestion.name} has no prompt; it is ${now} after the other changes`),
      });
    }
  }
  return { outcome, applied, failed };
}
