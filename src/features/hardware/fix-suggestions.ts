import type { BatchOutcome, FixPlan, Session, ValueRequest } from '../../engine/session.js';
import { quoteConfigString } from '../../model/config-text.js';
import { describeBlocker } from '../fix/describe-fix.js';
import { acceptRequests } from './accept-suggestions.js';
import type { Suggestion } from './suggestions.js';

export interface SuggestionTargetOptions {
  /** Build the drivers as modules: MODULES on, and every tristate suggestion (not the root file system's path) m. */
  asModules: boolean;
}

/**
 * The values a set of suggestions asks for, as fix targets: each suggestion's own value (promptless
 * ones too: the fix reaches them through their dependencies and selectors), MODULES=y first when
 * the drivers are to be modules. A name asked twice keeps the larger value.
 */
export function suggestionTargets(suggestions: readonly Suggestion[], options: SuggestionTargetOptions): ValueRequest[] {
  const values = new Map<string, 'y' | 'm'>();
  if (options.asModules) values.set('MODULES', 'y');
  for (const suggestion of suggestions) {
    const value = options.asModules && suggestion.type === 'tristate' && !suggestion.rootPath ? 'm' : suggestion.value;
    if (values.get(suggestion.name) !== 'y') values.set(suggestion.name, value);
  }
  return [...values].map(([name, value]) => ({ name, value }));
}

/** Whether accepting these on this config asks "modules or built in?": modules are off and a driver could be one. */
export function modulesChoiceFor(session: Pick<Session, 'value'>, suggestions: readonly Suggestion[]): boolean {
  return session.value('MODULES') !== 'y' && suggestions.some((suggestion) => suggestion.type === 'tristate' && !suggestion.rootPath);
}

export interface FixedAcceptResult {
  /** The plans the fix search made for what the plain requests did not reach (none when they reached everything). */
  plans: FixPlan[];
  outcome: BatchOutcome;
  /** Suggestions whose value holds after the step. */
  applied: string[];
  /** Suggestions that cannot be had (what blocks them, in words) or that did not take. */
  failed: { name: string; reason: string }[];
}

type FixSession = Pick<Session, 'planFix' | 'applyFix' | 'setMany' | 'undo' | 'value' | 'model' | 'history'>;

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };
/** At most this many targets are searched for together. */
const TOGETHER = 12;

function holds(session: FixSession, target: ValueRequest): boolean {
  return (RANK[session.value(target.name) ?? 'n'] ?? 0) >= (RANK[target.value] ?? 2);
}

/** A plan's changes as value requests (string values quoted, as a request spells them). */
function planRequests(session: FixSession, plan: FixPlan): ValueRequest[] {
  return plan.changes.map((change) => ({
    name: change.name,
    value: session.model.byName.get(change.name)?.type === 'string' ? quoteConfigString(change.to) : change.to,
  }));
}

/**
 * The fix search for the targets the plain requests did not reach: all together, then each one the
 * search ran out of time on alone. Each applied plan is a step of its own (merged by the caller).
 */
async function fixRemaining(session: FixSession, remaining: ValueRequest[]): Promise<{ plans: FixPlan[]; requests: ValueRequest[] }> {
  const plans: FixPlan[] = [];
  const requests: ValueRequest[] = [];
  const run = async (targets: ValueRequest[]): Promise<FixPlan> => {
    const plan = await session.planFix(targets);
    plans.push(plan);
    if ((await session.applyFix(plan)).ok && plan.changes.length > 0) requests.push(...planRequests(session, plan));
    return plan;
  };
  // Many targets together outgrow the solver's time: then each alone (a fraction of a second each).
  const together = remaining.length <= TOGETHER ? await run(remaining) : null;
  const again = together ? together.targets.filter((target) => target.blocker?.kind === 'timeout' || target.status !== 'impossible') : remaining;
  for (const target of again) if (!holds(session, target)) await run([{ name: target.name, value: target.value }]);
  return { plans, requests };
}

/** Why a suggestion did not take: what blocks it (the last plan that had it as a target), else its value now. */
function failureReason(session: FixSession, plans: FixPlan[], name: string): string {
  const target = plans
    .flatMap((plan) => plan.targets)
    .filter((candidate) => candidate.name === name && candidate.blocker)
    .at(-1);
  if (target?.blocker) return describeBlocker(target, target.blocker, session.model.byName.get(name)?.type);
  return `still ${session.value(name) ?? 'n'}`;
}

/**
 * Accepts suggestions as one undoable step: first their plain requests (each with the changes the
 * report found it needs), then the fix search for what those did not reach (promptless symbols
 * through their selectors and dependencies, drivers behind unresolved terms); the steps are then
 * merged into one. What cannot be had is named with what blocks it.
 */
export async function acceptWithFix(
  session: FixSession,
  suggestions: readonly Suggestion[],
  options: SuggestionTargetOptions,
  label = suggestions.length === 1 ? `hardware: ${suggestions[0]?.name}` : `hardware: ${suggestions.length} suggestions`,
): Promise<FixedAcceptResult> {
  const targets = suggestionTargets(suggestions, options);
  const wanted = new Map(targets.map((target) => [target.name, target.value]));
  const start = session.history.length;
  const plain = [
    ...(options.asModules ? [{ name: 'MODULES', value: 'y' }] : []),
    ...acceptRequests(suggestions.map((suggestion) => ({ ...suggestion, value: (wanted.get(suggestion.name) ?? suggestion.value) as 'y' | 'm' }))),
  ];
  let outcome = await session.setMany(plain, label);
  const remaining = targets.filter((target) => !holds(session, target));
  const fixed = remaining.length > 0 ? await fixRemaining(session, remaining) : { plans: [], requests: [] };
  const steps = session.history.length - start;
  if (fixed.requests.length > 0) {
    for (let step = 0; step < steps; step++) await session.undo();
    outcome = await session.setMany([...plain, ...fixed.requests], label);
  }
  const applied: string[] = [];
  const failed: { name: string; reason: string }[] = [];
  for (const suggestion of suggestions) {
    if (holds(session, { name: suggestion.name, value: wanted.get(suggestion.name) ?? suggestion.value })) applied.push(suggestion.name);
    else failed.push({ name: suggestion.name, reason: failureReason(session, fixed.plans, suggestion.name) });
  }
  return { plans: fixed.plans, outcome, applied, failed };
}
