import type { FixPlan } from '../../../engine/session.js';
import { type FixLine, groupedLines, summarizeFix } from '../../../features/fix/index.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { MenuModel } from '../../../model/types.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';
import type { WhyLine } from '../../text/why-text.js';

/** The fix the why view shows: a value to ask for (int, hex, string), still searched for, found (the plan), or the search failed. */
export type FixView =
  | { kind: 'ask'; name: string }
  | { kind: 'searching'; name: string; value: string }
  | { kind: 'ready'; name: string; value: string; plan: FixPlan }
  | { kind: 'failed'; name: string; value: string; error: string };

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };
const EFFECTS_NAMED = 6;

function shown(value: string): string {
  return value === '' ? '""' : escapeControl(value);
}

/** `+` a value raised, `-` lowered, `~` replaced (a number, a string, a choice member). */
function mark(line: Pick<FixLine, 'from' | 'to'>): string {
  const from = RANK[line.from];
  const to = RANK[line.to];
  if (from === undefined || to === undefined) return '~';
  return to > from ? '+' : '-';
}

function changeLine(line: FixLine): WhyLine {
  const touched = line.protectedTouched ? ' (you set it)' : '';
  return {
    line: [
      { text: `  ${mark(line)} `, tone: 'plain' },
      { text: `${line.name} ${shown(line.from)} -> ${shown(line.to)}`, tone: RANK[line.to] === 0 ? 'false' : 'true' },
      { text: `  ${escapeControl(line.why)}${touched}`, tone: 'muted' },
    ],
    symbol: line.name,
  };
}

function headingLine(text: string, tone: StyledLine[number]['tone'] = 'heading'): WhyLine {
  return { line: plainLine(text, tone), symbol: null };
}

/**
 * A plan as a diff: `heading` (given the count of changes) over each change with its reason, what
 * follows from it, and what cannot be had and why. The presets pane shows its fixes with it too.
 */
export function planDiffLines(plan: FixPlan, model: MenuModel, heading: (count: string) => string): WhyLine[] {
  const summary = summarizeFix(plan, model);
  const lines: WhyLine[] = [];
  if (summary.lines.length > 0) {
    lines.push(headingLine(heading(`${summary.lines.length} change${summary.lines.length === 1 ? '' : 's'}`)));
    for (const group of groupedLines(summary.lines)) lines.push(...group.lines.map(changeLine));
  }
  if (summary.effects.length > 0) {
    const named = summary.effects.slice(0, EFFECTS_NAMED).map((effect) => `${effect.name}=${shown(effect.to)}`);
    const more = summary.effects.length > EFFECTS_NAMED ? ` and ${summary.effects.length - EFFECTS_NAMED} more` : '';
    lines.push(headingLine(`  Then ${summary.effects.length} other values follow: ${named.join(', ')}${more}`, 'muted'));
  }
  if (summary.touchesProtected.length > 0) {
    lines.push(headingLine(`  No fix leaves your own changes alone: it changes ${summary.touchesProtected.join(', ')} again`, 'error'));
  }
  for (const refused of summary.refused) {
    lines.push(headingLine(`CONFIG_${escapeControl(refused.name)}=${shown(refused.value)} cannot be had: ${escapeControl(refused.why)}`, 'false'));
  }
  for (const met of plan.targets.filter((target) => target.status === 'met')) {
    lines.push(headingLine(`CONFIG_${met.name} is ${shown(met.value)} already: nothing to fix`, 'muted'));
  }
  return lines;
}

/** The fix part of the why view, after the reasons: the diff (change lines name their symbol: Enter shows it). */
export function fixLines(view: FixView | null, model: MenuModel): WhyLine[] {
  if (view?.kind !== 'ready') return [];
  const target = `CONFIG_${view.name}=${shown(view.value)}`;
  const type = model.byName.get(view.name)?.type;
  const another = type === 'bool' || type === 'tristate' ? 'y/m/n' : '=';
  return [
    headingLine('', 'plain'),
    ...planDiffLines(view.plan, model, (count) => `Fix for ${target}: ${count}; f applies them as one step (u undoes), ${another}: a fix for another value`),
  ];
}

/** One line under the why page's heading: where the fix stands (its diff is at the end of the page, past long reasons). */
export function fixSummary(view: FixView | null): WhyLine | null {
  if (!view) return null;
  if (view.kind === 'ask') return headingLine(`Fix: f types the value wanted for CONFIG_${view.name}, then the changes it needs are searched for`, 'plain');
  const target = `CONFIG_${view.name}=${shown(view.value)}`;
  if (view.kind === 'searching') return headingLine(`Fix: searching for one for ${target}... (keys still work)`, 'muted');
  if (view.kind === 'failed') return headingLine(`Fix: none for ${target}: ${escapeControl(view.error)}`, 'error');
  const changes = view.plan.changes.length;
  if (changes > 0) return headingLine(`Fix: ${target} with ${changes} change${changes === 1 ? '' : 's'}, listed at the end (G); f applies it`, 'true');
  const met = view.plan.targets.every((target) => target.status === 'met');
  return headingLine(met ? `Fix: ${target} holds already` : `Fix: ${target} cannot be had (the end says why, G)`, met ? 'muted' : 'false');
}
