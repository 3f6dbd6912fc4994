import { escapeControl } from '../../model/escape-text.js';
import type { ConfigState, Explanation, MenuModel } from '../../model/types.js';
import { plainLine, wrapLine, type StyledLine } from './styled-text.js';
import { needsExplanation, whySummary } from './why-text.js';
import { nodeSymbol } from '../../model/node-symbol.js';

/** The info pane's title: what the entry under the cursor is. */
export function infoTitle(model: MenuModel, config: ConfigState, nodeId: number): string {
  const node = model.nodes[nodeId];
  if (!node) return '';
  const info = nodeSymbol(model, node);
  const where = `${node.location.file}:${node.location.line}`;
  if (info) {
    const value = config.symbols[info.index]?.value ?? '';
    return escapeControl(`CONFIG_${info.name}  ${info.type} = ${value || '""'}  ${where}`);
  }
  const kind = node.kind === 'menu' ? 'menu' : node.kind === 'choice' ? 'choice' : node.kind === 'comment' ? 'comment' : node.kind;
  return `${kind}  ${where}`;
}

/**
 * The info pane's body for the entry under the cursor: why it is locked or hidden (when it is),
 * then the start of its help text, wrapped to `width`, at most `height` lines.
 */
export function infoBody(model: MenuModel, config: ConfigState, nodeId: number, explanation: Explanation | null, width: number, height: number): StyledLine[] {
  const node = model.nodes[nodeId];
  if (!node || height <= 0) return [];
  const lines: StyledLine[] = [];
  const info = nodeSymbol(model, node);
  const state = info ? config.symbols[info.index] : undefined;
  if (info && state && explanation && explanation.name === info.name) {
    const why = whySummary(info, state, explanation, width);
    if (why) lines.push(why);
  } else if (info && state && needsExplanation(info, state)) {
    // Its line is kept while the explanation loads: the help under it does not move when it comes.
    lines.push(plainLine('…', 'muted'));
  }
  if (node.kind === 'menu' || node.kind === 'choice') {
    if (node.dependsOn) lines.push(...wrapLine(plainLine(`Depends on: ${node.dependsOn}`, 'muted'), width));
    if (node.kind === 'choice') {
      const selected = config.nodes[nodeId]?.selected ?? -1;
      const member = selected >= 0 ? model.symbols[selected] : undefined;
      if (member) lines.push(plainLine(`Selected: ${member.prompt ?? member.name} (${member.name})`));
    }
  }
  const help = (node.help || info?.help || '').trim();
  if (help) {
    const paragraph = help.replace(/\s+/g, ' ');
    lines.push(...wrapLine(plainLine(paragraph), width, false));
  } else if (info) {
    lines.push(plainLine('No help text. ? shows the full details.', 'muted'));
  }
  return lines.slice(0, height);
}
