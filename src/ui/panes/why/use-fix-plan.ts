import { useEffect, useState } from 'react';
import type { FixPlan, Session } from '../../../engine/session.js';
import type { ConfigState } from '../../../model/types.js';
import { errorText } from '../../intents/messages.js';
import type { FixView } from './fix-lines.js';

/** What the why page asks a fix for: a symbol and the value wanted. */
export interface FixTarget {
  name: string;
  value: string;
}

/**
 * How long the why page lets the solver search (the CLI allows 10 s): the frontend answers one
 * request at a time, so a value set meanwhile waits for it.
 */
export const FIX_BUDGET_MS = 5000;

const plans = new WeakMap<ConfigState, Map<string, FixPlan>>();

/**
 * The fix for `target` in the current state: searched for by the engine while keys go on being
 * read (`searching` until then), cached per state. A search whose page closed or whose target or
 * state changed meanwhile is not shown (the frontend finishes it; its answer is dropped).
 */
export function useFixPlan(session: Session, target: FixTarget | null, config: ConfigState): FixView | null {
  const key = target ? `${target.name}=${target.value}` : null;
  const cached = key ? plans.get(config)?.get(key) : undefined;
  const [found, setFound] = useState<{ config: ConfigState; key: string; view: FixView } | null>(null);

  useEffect(() => {
    if (!target || !key || cached) return;
    let current = true;
    const { name, value } = target;
    session.planFix([{ name, value }], { budgetMs: FIX_BUDGET_MS }).then(
      (plan) => {
        let perState = plans.get(config);
        if (!perState) plans.set(config, (perState = new Map()));
        perState.set(key, plan);
        if (current) setFound({ config, key, view: { kind: 'ready', name, value, plan } });
      },
      (cause: unknown) => {
        if (current) setFound({ config, key, view: { kind: 'failed', name, value, error: errorText(cause) } });
      },
    );
    return () => {
      current = false;
    };
    // The target is its key: a new object with the same name and value is the same search.
  }, [session, key, config, cached]);

  if (!target || !key) return null;
  if (cached) return { kind: 'ready', name: target.name, value: target.value, plan: cached };
  if (found && found.config === config && found.key === key) return found.view;
  return { kind: 'searching', name: target.name, value: target.value };
}
