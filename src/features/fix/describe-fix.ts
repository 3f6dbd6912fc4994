import type { FixBlocker, FixChange, FixPathStep, FixReason, FixTargetOutcome } from '../../engine/protocol.js';
import type { FixPlan } from '../../engine/fix-plan.js';
import { escapeControl } from '../../model/escape-text.js';
import type { MenuModel, SymbolType } from '../../model/types.js';

/** How a fix line is grouped in a diff: what was asked, what it needs, what had to go, choices. */
export type FixLineGroup = 'target' | 'needed' | 'removed' | 'choice';

/** One line of a fix as a user reads it: the change and why. */
export interface FixLine {
  name: string;
  prompt: string | null;
  from: string;
  to: string;
  group: FixLineGroup;
  why: string;
  /** A symbol the user changed in this session, changed again because no fix exists otherwise. */
  protectedTouched: boolean;
}

/** A target that cannot be had, and why in words. */
export interface RefusedTarget {
  name: string;
  value: string;
  why: string;
  blocker: FixBlocker;
}

export interface FixSummary {
  lines: FixLine[];
  /** Other values that change as a consequence (defaults of newly visible options, dropped dependents). */
  effects: { name: string; from: string; to: string }[];
  refused: RefusedTarget[];
  met: string[];
  touchesProtected: string[];
}

const ORDER: Record<string, number> = { n: 0, m: 1, y: 2 };

/** Whether a change raises a value (n -> m -> y) rather than lowering or replacing it. */
function raises(change: { from: string; to: string }): boolean {
  const from = ORDER[change.from];
  const to = ORDER[change.to];
  return from !== undefined && to !== undefined && to > from;
}

function groupOf(change: FixChange): FixLineGroup {
  if (change.reason.kind === 'target') return 'target';
  if (change.reason.kind === 'choice') return 'choice';
  return raises(change) || ORDER[change.to] === undefined ? 'needed' : 'removed';
}

/** Why a symbol is part of a fix, in words ("E1000E depends on PCI"). */
export function describeReason(change: FixChange): string {
  const reason: FixReason = change.reason;
  const up = raises(change) || ORDER[change.to] === undefined;
  switch (reason.kind) {
    case 'target':
      return 'asked for';
    case 'depends-on':
      return up ? `${reason.of} depends on ${reason.term}` : `takes ${reason.of} down (it depends on ${reason.term})`;
    case 'selects':
      return up ? `selects ${reason.target}` : `stops selecting ${reason.target}`;
    case 'implies':
      return up ? `implies ${reason.target}` : `stops implying ${reason.target}`;
    case 'select-condition':
      return `${reason.of} is selected when ${reason.term}`;
    case 'default':
      return reason.term ? `the default of ${reason.of} depends on ${reason.term}` : `sets the default of ${reason.of}`;
    case 'range':
      return reason.term ? `the range of ${reason.of} depends on ${reason.term}` : `sets the range of ${reason.of}`;
    case 'choice':
      return `chosen in "${reason.choice ?? 'choice'}"${reason.of ? ` ${reason.instead ? 'instead of' : 'for'} ${reason.of}` : ''}`;
    case 'modules':
      return `${reason.of} is to be a module`;
    case 'needed':
      return 'needed for the targets';
  }
}

function chain(path: FixPathStep[]): string {
  return path.map((step) => `${step.symbol ?? '?'} ${step.relation === 'selected-by' ? 'is selected by' : 'depends on'} ${step.term}`).join('; ');
}

function withChain(text: string, path: FixPathStep[]): string {
  return path.length > 0 ? `${text} (${chain(path)})` : text;
}

/** What blocks a target, in words; the dependency chain in parentheses. */
export function describeBlocker(target: Pick<FixTargetOutcome, 'name' | 'value'>, blocker: FixBlocker, type?: SymbolType): string {
  const symbol = blocker.symbol ?? '?';
  switch (blocker.kind) {
    case 'unknown': {
      const close = blocker.suggestions?.length ? ` (did you mean ${blocker.suggestions.map((name) => `CONFIG_${name}`).join(', ')}?)` : '';
      return `CONFIG_${escapeControl(target.name)} does not exist in this tree${close}`;
    }
    case 'invalid':
      return type === 'bool' && target.value === 'm' ? `${target.name} is a bool, it cannot be a module` : `not a valid ${type ?? 'value'}`;
    case 'unstorable':
      return 'a .config line cannot hold this value';
    case 'out-of-range':
      return blocker.range ? `out of range, allowed ${blocker.range[0]}..${blocker.range[1]}` : 'out of range';
    case 'undefined':
      return withChain(`not on this architecture: it needs ${symbol}, which this architecture does not define`, blocker.path);
    case 'broken':
      return withChain('it depends on BROKEN (marked broken, never built)', blocker.path);
    case 'frozen':
      return withChain(
        symbol === 'COMPILE_TEST'
          ? 'only for compile testing on this architecture: it needs COMPILE_TEST, which tuxconf turns on only when asked'
          : `it needs ${symbol} changed, which tuxconf changes only when asked`,
        blocker.path,
      );
    case 'no-prompt':
      return withChain(`it needs ${symbol}, which has no prompt and nothing here can turn on`, blocker.path);
    case 'default':
      return withChain(`${symbol} has no prompt that can be shown and keeps its default`, blocker.path);
    case 'selected':
      return withChain(`forced by select${blocker.symbol ? ` from ${symbol}` : ''}, which cannot be turned off`, blocker.path);
    case 'pinned-choice':
      return `excluded by the choice "${blocker.choice ?? 'choice'}": you picked ${symbol}`;
    case 'protected':
      return withChain(`it needs ${symbol} changed, which you set`, blocker.path);
    case 'conflict':
      return `conflicts with ${(blocker.with ?? []).map((name) => `${name}`).join(', ') || 'the other targets'}${blocker.choice ? ` (one choice: "${blocker.choice}")` : ''}`;
    case 'choice':
      return withChain(`the choice "${blocker.choice ?? 'choice'}" cannot take it`, blocker.path);
    case 'term':
      return withChain(`${blocker.term ?? blocker.path.at(-1)?.term ?? 'its dependencies'} cannot hold here`, blocker.path);
    case 'unreachable':
      return 'no combination of changes reaches it';
    case 'not-found':
      return 'no fix that kconfig accepts was found within the search bound';
    case 'timeout':
      return 'the search ran out of time';
  }
}

/** A plan as the lines a user reads: each change with its reason, the consequences, the refusals. */
export function summarizeFix(plan: FixPlan, model: MenuModel): FixSummary {
  const touched = new Set(plan.touchesProtected);
  const lines = plan.changes.map((change) => ({
    name: change.name,
    prompt: model.byName.get(change.name)?.prompt ?? null,
    from: change.from,
    to: change.to,
    group: groupOf(change),
    why: describeReason(change),
    protectedTouched: touched.has(change.name),
  }));
  const refused = plan.targets
    .filter((target) => target.status === 'impossible' && target.blocker)
    .map((target) => ({
      name: target.name,
      value: target.value,
      blocker: target.blocker!,
      why: describeBlocker(target, target.blocker!, model.byName.get(target.name)?.type),
    }));
  return {
    lines,
    effects: plan.effects,
    refused,
    met: plan.targets.filter((target) => target.status === 'met').map((target) => target.name),
    touchesProtected: plan.touchesProtected,
  };
}

/** The lines of a fix in reading order: what was asked, what it needs, what had to go, choices. */
export function groupedLines(lines: FixLine[]): { group: FixLineGroup; lines: FixLine[] }[] {
  const groups: FixLineGroup[] = ['target', 'needed', 'removed', 'choice'];
  return groups.map((group) => ({ group, lines: lines.filter((line) => line.group === group) })).filter((entry) => entry.lines.length > 0);
}
