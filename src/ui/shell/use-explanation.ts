import { useEffect, useState } from 'react';
import type { Session } from '../../engine/session.js';
import type { ConfigState, Explanation } from '../../model/types.js';

interface PerState {
  done: Map<string, Explanation>;
  asked: Map<string, Promise<Explanation>>;
}

const cache = new WeakMap<ConfigState, PerState>();

function perState(config: ConfigState): PerState {
  let entry = cache.get(config);
  if (!entry) cache.set(config, (entry = { done: new Map(), asked: new Map() }));
  return entry;
}

/** The engine's explanation of `name` for `config`: one request per state and symbol, however often asked. */
function explanationFor(session: Session, name: string, config: ConfigState): Promise<Explanation> {
  const entry = perState(config);
  let asked = entry.asked.get(name);
  if (!asked) {
    asked = session.explain(name).then((explanation) => {
      entry.done.set(name, explanation);
      return explanation;
    });
    // A failed request may be asked again later.
    asked.catch(() => entry.asked.delete(name));
    entry.asked.set(name, asked);
  }
  return asked;
}

/**
 * Asks for explanations ahead of time (the entries next to the cursor), so that a move onto one
 * draws its info pane once, with the explanation, instead of a placeholder first.
 */
export function prefetchExplanations(session: Session, names: readonly string[], config: ConfigState): void {
  for (const name of names) explanationFor(session, name, config).catch(() => undefined);
}

/**
 * Resolves once the explanation of `name` for `config` is known (at once when it is), or after
 * `withinMs` at the latest: a view can wait for it and draw once, with it, rather than draw a
 * placeholder first and the explanation a moment later.
 */
export function explanationSoon(session: Session, name: string, config: ConfigState, withinMs: number): Promise<void> {
  if (cache.get(config)?.done.has(name)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, withinMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    explanationFor(session, name, config).then(done, done);
  });
}

/**
 * The engine's explanation of `name` (what blocks or forces it) for the current state, or null
 * while it loads or when `name` is null. Cached per state, so moving the cursor back is free.
 */
export function useExplanation(session: Session, name: string | null, config: ConfigState): Explanation | null {
  const cached = name ? (cache.get(config)?.done.get(name) ?? null) : null;
  const [loaded, setLoaded] = useState<{ config: ConfigState; explanation: Explanation } | null>(null);

  useEffect(() => {
    if (!name || cached) return;
    let current = true;
    explanationFor(session, name, config).then(
      (explanation) => {
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
