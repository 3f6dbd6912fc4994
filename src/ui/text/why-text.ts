import type { ExplainedTerm, Explanation, SymbolInfo, SymbolState } from '../../model/types.js';
import { expressionLabel, markExpression } from './expression-text.js';
import { plainLine, type StyledLine, type Tone } from './styled-text.js';

/** One line of a why page; a reason names the symbol it is about (Enter there shows that symbol). */
export interface WhyLine {
  line: StyledLine;
  symbol: string | null;
}

/** A term with its current value; `SYMBOL [=v]` parts inside it are marked true or false, comparisons said plainly. */
function termLine(term: ExplainedTerm, tone: Tone): WhyLine {
  const annotated = /\[=[^\]]*\]/.test(term.expr);
  const body = annotated ? markExpression(term.expr) : [{ text: term.expr, tone }];
  return { line: [{ text: '  - ', tone: 'plain' }, ...body, { text: `  (is ${term.value})`, tone: 'muted' }], symbol: term.symbol };
}

/** A short name for a term in one-line summaries: the expression without values, or its symbol. */
export function termLabel(term: ExplainedTerm): string {
  const bare = expressionLabel(term.expr);
  if (bare.length <= 32) return bare;
  return term.symbol ?? `${bare.slice(0, 31)}…`;
}

/**
 * "Why can't I change this?": the terms that block or force the symbol, not whole
 * expressions. `explanation` comes from the engine (session.explain).
 */
export function whyLines(info: SymbolInfo, state: SymbolState, explanation: Explanation): StyledLine[] {
  return whyReasons(info, state, explanation).map((entry) => entry.line);
}

/** The same lines, each reason with the symbol it names. */
export function whyReasons(info: SymbolInfo, state: SymbolState, explanation: Explanation): WhyLine[] {
  const lines: WhyLine[] = [];
  const heading = (text: string): void => {
    lines.push({ line: plainLine(text, 'heading'), symbol: null });
  };
  if (!explanation.hasPrompt) {
    heading(`${info.name} has no prompt: only defaults and selects set it.`);
  } else if (state.visible === 'n') {
    heading(`${info.name} is hidden: its prompt needs these, and they are not met now:`);
    for (const term of explanation.blockingDependencies) lines.push(termLine(term, 'false'));
    if (explanation.blockingDependencies.length === 0) lines.push({ line: plainLine('  (an enclosing menu or choice is hidden)', 'muted'), symbol: null });
  } else if (info.type === 'tristate' && state.visible === 'm') {
    heading(`${info.name} can be m at most, because of:`);
    for (const term of explanation.blockingDependencies) lines.push(termLine(term, 'false'));
  }
  if (explanation.choice !== null) {
    heading(`${info.name} is a member of the choice "${explanation.choice}": pick another member there.`);
  }
  if (explanation.activeSelects.length > 0) {
    const floor = state.selectedTo === 'y' ? 'y' : state.selectedTo === 'm' ? 'm or y' : 'n';
    heading(state.selectedTo === 'n' ? `Selected by:` : `${info.name} is kept at ${floor} by select from:`);
    for (const term of strongestFirst(explanation.activeSelects)) lines.push(termLine(term, 'true'));
  }
  if (explanation.activeImplies.length > 0) {
    heading('Suggested (imply) by:');
    for (const term of explanation.activeImplies) lines.push(termLine(term, 'true'));
  }
  if (lines.length === 0) {
    const allowed = state.allowed.length > 0 ? state.allowed.join('/') : 'any value of its type';
    lines.push({ line: plainLine(`Nothing blocks ${info.name}: you can set ${allowed}.`), symbol: null });
  }
  return lines;
}

/** Terms that hold y first: they are what keeps a value up. */
function strongestFirst(terms: ExplainedTerm[]): ExplainedTerm[] {
  const rank = { y: 0, m: 1, n: 2 } as const;
  return [...terms].sort((a, b) => rank[a.value] - rank[b.value]);
}

/** As many `label (value)` names as fit in `width` after `used` columns, then "+N more". */
function namesWithin(terms: ExplainedTerm[], width: number): string {
  const names: string[] = [];
  let used = 0;
  for (const [index, term] of terms.entries()) {
    const name = `${termLabel(term)} (${term.value})`;
    const rest = terms.length - index - 1;
    const tail = rest > 0 ? ` +${rest} more` : '';
    if (names.length > 0 && used + 2 + name.length + tail.length > width) {
      return `${names.join(', ')} +${terms.length - index} more`;
    }
    names.push(name);
    used += (names.length > 1 ? 2 : 0) + name.length;
  }
  return names.join(', ');
}

/** One line for the info pane: why a symbol is locked or hidden, or null when it is free. */
export function whySummary(info: SymbolInfo, state: SymbolState, explanation: Explanation, width = 80): StyledLine | null {
  const line = (label: string, terms: ExplainedTerm[], tone: Tone): StyledLine => [
    { text: label, tone: 'heading' },
    { text: namesWithin(terms, Math.max(10, width - label.length)), tone },
  ];
  if (!explanation.hasPrompt) return plainLine('No prompt: set only by defaults and selects', 'muted');
  if (state.visible === 'n') {
    const terms = explanation.blockingDependencies;
    if (terms.length === 0) return plainLine('Hidden: an enclosing menu or choice is hidden', 'heading');
    return line('Hidden, needs: ', terms, 'false');
  }
  if (state.selectedTo !== 'n' && explanation.activeSelects.length > 0) {
    return line(`Forced to ${state.selectedTo === 'y' ? 'y' : 'm or y'} by select: `, strongestFirst(explanation.activeSelects), 'true');
  }
  if (info.type === 'tristate' && state.visible === 'm' && explanation.blockingDependencies.length > 0) {
    return line('At most m because of: ', explanation.blockingDependencies, 'false');
  }
  if (explanation.choice !== null && !state.changeable) {
    return plainLine(`Choice member of "${explanation.choice}"`, 'muted');
  }
  return null;
}

/** Whether a symbol needs an explanation (anything that stops a user from setting every value). */
export function needsExplanation(info: SymbolInfo, state: SymbolState): boolean {
  if (info.type === 'unknown') return false;
  if (state.visible === 'n' || !state.changeable) return true;
  if (state.selectedTo !== 'n') return true;
  return info.type === 'tristate' && state.visible === 'm';
}
