import type { RefusalCode } from '../../engine/protocol.js';
import type { SymbolState, Tristate } from '../../model/types.js';
import { reachableValues } from './reachable.js';

/** What a refused request can have instead, and the fix that gets what was asked. */
export interface RefusalOffer {
  /** The value nearest to the one asked that the symbol can take now, when it is not its value already. */
  nearest?: { value: Tristate; bound: 'lowest' | 'highest' };
  /** The fix command that makes the asked value possible: disable against selects, enable against dependencies. */
  fix: { kind: 'disable' | 'enable'; argument: string };
}

const RANK: Record<Tristate, number> = { n: 0, m: 1, y: 2 };

function isTristate(value: string): value is Tristate {
  return value === 'n' || value === 'm' || value === 'y';
}

/**
 * For a refused set: the lowest value the selects allow (`set I2C=n` while only modules select
 * it: m) with `disable`, or the highest value the dependencies allow with `enable`. Refusals a
 * fix cannot address (unknown names, values of the wrong type, ranges, choices) get none.
 */
export function refusalOffer(
  refusal: { name: string; requested: string; code: RefusalCode; lowest?: Tristate },
  state: SymbolState | undefined,
): RefusalOffer | undefined {
  const { name, requested, code } = refusal;
  if (code === 'selected' && isTristate(requested)) {
    const lowest = refusal.lowest ?? (state ? reachableValues(state).lowest : undefined);
    return {
      ...(lowest ? { nearest: { value: lowest, bound: 'lowest' as const } } : {}),
      fix: { kind: 'disable', argument: requested === 'm' ? `${name}=m` : name },
    };
  }
  if (code !== 'not-visible' && code !== 'limited') return undefined;
  const fix = { kind: 'enable' as const, argument: `${name}=${requested}` };
  if (!state || !isTristate(requested)) return { fix };
  const reachable = reachableValues(state);
  if (reachable.fixed || RANK[reachable.highest] >= RANK[requested] || reachable.highest === 'n') return { fix };
  return { nearest: { value: reachable.highest, bound: 'highest' }, fix };
}

/** The offer as one line: "the lowest value possible now is m; to turn off what selects it: tuxconf disable I2C". */
export function describeOffer(offer: RefusalOffer): string {
  const nearest = offer.nearest ? `the ${offer.nearest.bound} value possible now is ${offer.nearest.value}; ` : '';
  const why = offer.fix.kind === 'disable' ? 'to turn off what selects it' : 'to make the changes it needs';
  return `${nearest}${why}: tuxconf ${offer.fix.kind} ${shellWord(offer.fix.argument)}`;
}

/** The argument as a shell reads it back: quoted when it holds anything but a plain NAME=VALUE. */
function shellWord(text: string): string {
  return /^[A-Za-z0-9_=.,:+/-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
