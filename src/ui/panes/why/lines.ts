import type { ConfigState, Explanation, MenuModel } from '../../../model/types.js';
import { plainLine, type StyledLine, wrapLine } from '../../text/styled-text.js';
import { type WhyLine, whyReasons } from '../../text/why-text.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

/** The why page wrapped to its width, and where its reasons start (each with the symbol it names). */
export interface WhyPage {
  lines: StyledLine[];
  reasons: { line: number; symbol: string }[];
}

function allowedNote(allowed: readonly string[]): string {
  return allowed.length > 0 ? `; allowed now: ${allowed.join('/')}` : '';
}

/** "Why can't I change this?" for a symbol: its value, then the terms that hold it, then `after` (the fix offered). */
export function whyPage(
  model: MenuModel,
  config: ConfigState,
  nodeId: number,
  explanation: Explanation | null,
  width: number,
  fix: { summary: WhyLine | null; after: WhyLine[] } = { summary: null, after: [] },
): WhyPage {
  const node = model.nodes[nodeId];
  const info = nodeSymbol(model, node);
  const state = info ? config.symbols[info.index] : undefined;
  if (!info || !state) return { lines: [plainLine('Only symbols have values to explain.')], reasons: [] };
  if (!explanation || explanation.name !== info.name) return { lines: [plainLine('Asking kconfig...', 'muted')], reasons: [] };
  const entries: WhyLine[] = [
    { line: plainLine(`CONFIG_${info.name} = ${state.value || '""'}  (${info.type}${allowedNote(state.allowed)})`, 'heading'), symbol: null },
    ...(fix.summary ? [fix.summary] : []),
    { line: plainLine(''), symbol: null },
    ...whyReasons(info, state, explanation),
    ...fix.after,
  ];
  const page: WhyPage = { lines: [], reasons: [] };
  for (const entry of entries) {
    if (entry.symbol && model.byName.has(entry.symbol)) page.reasons.push({ line: page.lines.length, symbol: entry.symbol });
    page.lines.push(...wrapLine(entry.line, width));
  }
  return page;
}

/** A reason line with the cursor on it: `>` before its list mark (`-`, or a fix line's `+`, `-`, `~`). */
export function withCursor(line: StyledLine): StyledLine {
  const [first, ...rest] = line;
  if (!first) return line;
  return [{ text: first.text.replace(/^ {2}([-+~])/, '> $1'), tone: 'heading' }, ...rest];
}
