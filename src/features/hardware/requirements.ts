import type { Explanation } from '../../model/types.js';
import type { Session } from '../../engine/session.js';
import { dependencyNames } from './kconfig-expression.js';

/** Another symbol that must change before a suggestion can be set. */
export interface Requirement {
  name: string;
  from: string;
  to: 'y' | 'm';
  /** `E1000E depends on NET_VENDOR_INTEL [=n]`. */
  because: string;
}

type Lookup = Pick<Session, 'symbol' | 'value' | 'state' | 'explain'>;

const MAX_DEPTH = 10;

/**
 * Walks the blocking dependency terms kconfig reports (session.explain) down to symbols that can
 * be set, dependencies first. Terms that are not a plain symbol (`!FOO`, `A || B`) and promptless
 * symbols are returned as text: raising them is a choice tuxconf leaves to the user.
 */
export async function requirementsFor(
  session: Lookup,
  name: string,
  value: 'y' | 'm',
  cache: Map<string, Promise<Explanation>> = new Map(),
): Promise<{ requires: Requirement[]; unresolved: string[] }> {
  const requires: Requirement[] = [];
  const unresolved: string[] = [];
  const promptless: { name: string; because: string }[] = [];
  const visiting = new Set<string>();
  const modulesOn = session.value('MODULES') === 'y';
  const explain = (symbol: string): Promise<Explanation> => {
    let pending = cache.get(symbol);
    if (!pending) {
      pending = session.explain(symbol);
      cache.set(symbol, pending);
    }
    return pending;
  };

  const walk = async (symbol: string, wanted: 'y' | 'm', depth: number): Promise<void> => {
    if (visiting.has(symbol) || depth > MAX_DEPTH) return;
    visiting.add(symbol);
    const explanation = await explain(symbol);
    for (const term of explanation.blockingDependencies) {
      const target = plainTerm(withoutValues(term.expr));
      const because = `${symbol} depends on ${term.expr.includes('[=') ? term.expr : `${term.expr} [=${term.value}]`}`;
      if (!target) {
        unresolved.push(because);
        continue;
      }
      const info = session.symbol(target.name);
      if (!info || (info.type !== 'bool' && info.type !== 'tristate')) {
        unresolved.push(because);
        continue;
      }
      // A bool is visible as y when its tristate dependency is only m; a tristate at y needs y.
      const dependantIsTristate = session.symbol(symbol)?.type === 'tristate';
      const to: 'y' | 'm' =
        target.value ?? (info.type === 'bool' || !modulesOn || (wanted === 'y' && dependantIsTristate) ? 'y' : 'm');
      const from = session.value(target.name) ?? 'n';
      if (from === 'y' || from === to) continue;
      if (info.prompt === null) {
        promptless.push({ name: target.name, because });
        continue;
      }
      const allowed = session.state.symbols[info.index]?.allowed ?? [];
      if (!allowed.includes(to)) await walk(target.name, to, depth + 1);
      const known = requires.find((requirement) => requirement.name === target.name);
      if (known) {
        if (to === 'y') known.to = 'y';
      } else requires.push({ name: target.name, from, to, because });
    }
    visiting.delete(symbol);
  };

  await walk(name, value, 0);
  // A promptless symbol (`USB_ARCH_HAS_HCD`, def_bool y inside `if USB_SUPPORT`) follows once the
  // symbols it depends on are raised; only when one of them is not is it left to the user.
  const raised = new Set(requires.map((requirement) => requirement.name));
  for (const { name: promptlessName, because } of promptless) {
    const missing = dependencyNames(session, promptlessName).filter(
      (dependency) => (session.value(dependency) ?? 'n') === 'n' && !raised.has(dependency),
    );
    if (missing.length > 0 || dependencyNames(session, promptlessName).length === 0) {
      unresolved.push(`${because}: ${promptlessName} has no prompt, it follows from its defaults and selects`);
    }
  }
  return { requires, unresolved: [...new Set(unresolved)] };
}

/** kconfig prints terms with each symbol's value (`PCI [=y] && ACPI [=n]`): the expression without them. */
function withoutValues(expr: string): string {
  return expr.replace(/\s*\[=[^\]]*\]/g, '');
}

/** `FOO`, `FOO=y`, `FOO!=n` name one symbol and the value it needs; anything else does not. */
function plainTerm(expr: string): { name: string; value: 'y' | 'm' | null } | null {
  const text = expr.trim().replace(/^\((.*)\)$/, '$1');
  const bare = text.match(/^([A-Za-z0-9_]+)$/);
  if (bare) return /^[ymn]$/.test(bare[1] as string) ? null : { name: bare[1] as string, value: null };
  const equals = text.match(/^([A-Za-z0-9_]+)\s*=\s*([ym])$/);
  if (equals) return { name: equals[1] as string, value: equals[2] as 'y' | 'm' };
  const notN = text.match(/^([A-Za-z0-9_]+)\s*!=\s*n$/);
  if (notN) return { name: notN[1] as string, value: null };
  return null;
}
