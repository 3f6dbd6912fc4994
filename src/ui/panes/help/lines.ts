import type { Explanation, MenuModel, ConfigState } from '../../../model/types.js';
import { helpDocument } from './help-document.js';
import { KEY_REFERENCE } from '../../state/key-reference.js';
import { plainLine, wrapLine, type StyledLine } from '../../text/styled-text.js';
import { needsExplanation, whyLines } from '../../text/why-text.js';

function wrapAll(lines: StyledLine[], width: number): StyledLine[] {
  return lines.flatMap((line) => wrapLine(line, width));
}

function whySection(model: MenuModel, config: ConfigState, nodeId: number, explanation: Explanation | null): StyledLine[] {
  const node = model.nodes[nodeId];
  const info = node && node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
  const state = info ? config.symbols[info.index] : undefined;
  if (!info || !state || !needsExplanation(info, state)) return [];
  if (!explanation || explanation.name !== info.name) return [plainLine('Why it is locked: asking kconfig...', 'muted')];
  return [plainLine("Why can't I change this?", 'heading'), ...whyLines(info, state, explanation), plainLine('')];
}

/** The help view: why the symbol is locked (if it is), menuconfig's help text, the keys. */
export function helpPageLines(
  model: MenuModel,
  config: ConfigState,
  nodeId: number,
  text: string | null,
  expanded: boolean,
  explanation: Explanation | null,
  width: number,
): StyledLine[] {
  const lines: StyledLine[] = [...whySection(model, config, nodeId, explanation)];
  lines.push(...(text === null ? [plainLine('Loading help...', 'muted')] : helpDocument(text, expanded)));
  lines.push(plainLine(''), plainLine('Keys', 'heading'));
  for (const [keys, action] of KEY_REFERENCE) lines.push([{ text: `  ${keys.padEnd(26)}`, tone: 'heading' }, { text: action, tone: 'plain' }]);
  return wrapAll(lines, width);
}

/** The "why" view for a symbol. */
export function whyPageLines(
  model: MenuModel,
  config: ConfigState,
  nodeId: number,
  explanation: Explanation | null,
  width: number,
): StyledLine[] {
  const node = model.nodes[nodeId];
  const info = node && node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
  const state = info ? config.symbols[info.index] : undefined;
  if (!info || !state) return [plainLine('Only symbols have values to explain.')];
  if (!explanation || explanation.name !== info.name) return [plainLine('Asking kconfig...', 'muted')];
  return wrapAll(
    [
      plainLine(`CONFIG_${info.name} = ${state.value || '""'}  (${info.type}${allowedNote(state.allowed)})`, 'heading'),
      plainLine(''),
      ...whyLines(info, state, explanation),
    ],
    width,
  );
}

function allowedNote(allowed: readonly string[]): string {
  return allowed.length > 0 ? `; allowed now: ${allowed.join('/')}` : '';
}
