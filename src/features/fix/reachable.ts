import type { Explanation, ExplainedTerm, MenuModel, SymbolInfo, SymbolState, Tristate } from '../../model/types.js';

/** The values a bool or tristate symbol can take now without changing anything else. */
export interface ReachableValues {
  lowest: Tristate;
  highest: Tristate;
  /** It cannot change at all now (no visible prompt, or selects hold it at its visibility). */
  fixed: boolean;
}

const TRISTATES: Tristate[] = ['n', 'm', 'y'];

/** The lowest and highest value reachable now: a refusal says these rather than only "no". */
export function reachableValues(state: SymbolState): ReachableValues {
  const current = TRISTATES.includes(state.value as Tristate) ? (state.value as Tristate) : 'n';
  if (!state.changeable || state.allowed.length === 0) return { lowest: current, highest: current, fixed: true };
  return { lowest: state.allowed[0]!, highest: state.allowed.at(-1)!, fixed: false };
}

/** What `tuxconf enable NAME` asks for when no value is given: y, the way `scripts/config --enable` does. */
export function enableValue(info: SymbolInfo): string {
  return info.type === 'bool' || info.type === 'tristate' ? 'y' : '';
}

/** One term that holds a value, said as a person would: "needs PCI support (PCI), which is off". */
export function describeHoldingTerm(term: ExplainedTerm, model: MenuModel): string {
  const state = term.value === 'n' ? 'off' : term.value === 'm' ? 'only a module' : 'on';
  const named = (name: string) => {
    const prompt = model.byName.get(name)?.prompt;
    return prompt ? `${prompt} (${name})` : name;
  };
  switch (term.shape) {
    case 'symbol':
      return term.symbol ? `needs ${named(term.symbol)}, which is ${state}` : `needs ${term.expr}`;
    case 'not-symbol':
      return term.symbol ? `needs ${term.symbol} off, which is ${term.value === 'n' ? 'on' : 'a module'}` : `needs ${term.expr}`;
    case 'compare':
      return `needs ${term.expr}, which does not hold`;
    default:
      return `needs ${term.expr}, which is ${term.value === 'n' ? 'false' : 'only m'}`;
  }
}

/** What holds a symbol's value: the dependency terms that fail, or the selects that force it. */
export function holdingReasons(explanation: Explanation, model: MenuModel): { dependencies: string[]; selects: ExplainedTerm[] } {
  return {
    dependencies: explanation.blockingDependencies.map((term) => describeHoldingTerm(term, model)),
    selects: explanation.activeSelects,
  };
}
