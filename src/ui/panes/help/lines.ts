import type { ConfigState, Explanation, MenuModel } from '../../../model/types.js';
import { keyReference } from '../../input/bindings.js';
import { KEYMAP } from '../../keymap.js';
import { plainLine, type StyledLine, wrapLine } from '../../text/styled-text.js';
import { needsExplanation, whyLines } from '../../text/why-text.js';
import { helpDocument } from './help-document.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

function whySection(model: MenuModel, config: ConfigState, nodeId: number, explanation: Explanation | null): StyledLine[] {
  const node = model.nodes[nodeId];
  const info = nodeSymbol(model, node);
  const state = info ? config.symbols[info.index] : undefined;
  if (!info || !state || !needsExplanation(info, state)) return [];
  if (!explanation || explanation.name !== info.name) return [plainLine('Why it is locked: asking kconfig...', 'muted')];
  return [plainLine("Why can't I change this?", 'heading'), ...whyLines(info, state, explanation), plainLine('')];
}

/** The help page's key list: the menu's keys, from the keymap. */
export function keyLines(): StyledLine[] {
  return keyReference(KEYMAP.menu).map(([keys, action]) => [
    { text: `  ${keys.padEnd(26)}`, tone: 'heading' },
    { text: action, tone: 'plain' },
  ]);
}

/** The help page: why the symbol is locked (if it is), menuconfig's help text, the keys. */
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
  lines.push(plainLine(''), plainLine('Keys', 'heading'), ...keyLines());
  return lines.flatMap((line) => wrapLine(line, width));
}
