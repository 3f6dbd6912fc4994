import type { ExplainedTerm, Explanation, SymbolInfo, Tristate } from '../model/types.js';
import { escapeControl } from '../model/escape-text.js';
import type { RefusalCode } from './protocol.js';

const LISTED_TERMS = 6;

export interface RefusalFacts {
  code: RefusalCode;
  /** For unstorable values: what the value holds that a .config line cannot. */
  detail?: string;
  requested: string;
  current?: string;
  range?: [string, string];
  explanation?: Explanation;
  info?: SymbolInfo;
  /** For 'selected': the select lower bound, the lowest value possible while the selectors stay. */
  lowest?: Tristate;
}

/** One sentence saying why a requested value cannot be set, naming only the terms that matter. */
export function describeRefusal(name: string, facts: RefusalFacts): string {
  const { code, requested, explanation, info } = facts;
  const subject = `CONFIG_${name}=${escapeControl(requested)}`;
  switch (code) {
    case 'unknown':
      return `CONFIG_${escapeControl(name)} does not exist in this tree`;
    case 'unstorable':
      return `${subject}: ${facts.detail ?? 'a .config line cannot hold this value'}`;
    case 'invalid':
      return info?.type === 'bool' && requested === 'm'
        ? `${subject}: ${name} is a bool, it cannot be a module`
        : `${subject}: not a valid ${info?.type ?? 'value'}`;
    case 'out-of-range':
      return facts.range
        ? `${subject}: out of range, allowed ${facts.range[0]}..${facts.range[1]}`
        : `${subject}: out of range`;
    case 'selected':
      // The selects' own strength, not the current value: m selectors leave m possible.
      return `${subject}: forced to ${facts.lowest ?? facts.current ?? 'y'} by select: ${listSelectors(strongestFirst(explanation?.activeSelects ?? []))}`;
    case 'choice':
      return `${subject}: ${name} is a member of the choice "${explanation?.choice ?? ''}"; select another member instead`;
    case 'limited':
      return `${subject}: the dependencies allow at most ${facts.current === 'y' ? 'y' : 'm'}: ${listTerms(explanation?.blockingDependencies ?? [])}`;
    case 'not-visible': {
      if (explanation && !explanation.hasPrompt) {
        const selects = explanation.activeSelects.length > 0 ? `; selected by: ${listSelectors(explanation.activeSelects)}` : '';
        return `${subject}: ${name} has no prompt, only defaults and selects set it${selects}`;
      }
      const blocking = explanation?.blockingDependencies ?? [];
      return blocking.length > 0
        ? `${subject}: unmet dependencies: ${listTerms(blocking)}`
        : `${subject}: ${name} cannot be changed now`;
    }
  }
}

/** Terms that are y before those that are m: the ones that decide a select's strength. */
function strongestFirst(terms: ExplainedTerm[]): ExplainedTerm[] {
  const rank = { y: 0, m: 1, n: 2 };
  return [...terms].sort((a, b) => rank[a.value] - rank[b.value]);
}

/** Select terms by the symbol that selects, with the strength of the select: "EEPROM_AT24 [=m]". */
export function listSelectors(terms: ExplainedTerm[]): string {
  return listTerms(terms.map((term) => ({ ...term, expr: term.symbol ? `${term.symbol} [=${term.value}]` : term.expr })));
}

export function listTerms(terms: ExplainedTerm[]): string {
  const shown = terms.slice(0, LISTED_TERMS).map((term) => term.expr);
  const more = terms.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
