import { useEffect, useState } from 'react';
import type { Session } from '../../engine/session.js';
import type { ConfigState, Explanation } from '../../model/types.js';

const cache = new WeakMap<ConfigState, Map<string, Explanation>>();

/**
 * The engine's explanation of `name` (what blocks or forces it) for the current state, or null
 * while it loads or when `name` is null. Cached per state, so moving the cursor back is free.
 */
export function useExplanation(session: Session, name: string | null, config: ConfigState): Explanation | null {
  const cached = name ? (cache.get(config)?.get(name) ?? null) : null;
  const [loaded, setLoaded] = useState<{ config: ConfigState; explanation: Explanation } | null>(null);

  useEffect(() => {
    if (!name || cached) return;
    let current = true;
    session.explain(name).then(
      (explanation) => {
        let perState = cache.get(config);
        if (!perState) cache.set(config, (perState = new Map()));
        perState.set(name, explanation);
        if (current) setLoaded({ config, explanation });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [session, name, config, cached]);

  if (cached) return cached;
  if (loaded && loaded.config === config && loaded.explanation.name === name) return loaded.explanation;
  return null;
}
