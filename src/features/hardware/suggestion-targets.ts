import type { FixPlan, Session, ValueRequest } from '../../engine/session.js';
import { summarizeFix } from '../fix/index.js';
import type { Suggestion } from './suggestions.js';

/** How accepted drivers are built: as modules (MODULES turned on when it is off) or into the kernel. */
export type DriverBuild = 'modules' | 'builtin';

export interface SuggestionTargets {
  /** What a fix is asked for: MODULES first when it is to be turned on, then one target per suggestion. */
  targets: ValueRequest[];
  /** MODULES is off now and the targets turn it on (tell the user: the config had no modules). */
  turnsModulesOn: boolean;
}

/** The suggestions "accept all" takes: every one that is not an alternative of another, with a prompt or not. */
export function fixSelection(suggestions: readonly Suggestion[]): Suggestion[] {
  return suggestions.filter((suggestion) => !suggestion.alternative);
}

/**
 * The fix targets for accepting suggestions. Suggestions without a prompt are targets too: the fix
 * reaches them through their dependencies and selectors. As modules, tristate drivers are asked
 * for as m and MODULES is turned on when it is off, as localmodconfig users expect; bools and the
 * root file system's path (which must be there to mount it) stay y. Built in, everything is y.
 */
export function suggestionTargets(suggestions: readonly Suggestion[], build: DriverBuild, modulesOn: boolean): SuggestionTargets {
  const turnsModulesOn = build === 'modules' && !modulesOn;
  const targets: ValueRequest[] = turnsModulesOn ? [{ name: 'MODULES', value: 'y' }] : [];
  const seen = new Set<string>(targets.map((target) => target.name));
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.name)) continue;
    seen.add(suggestion.name);
    const asModule = build === 'modules' && suggestion.type === 'tristate' && !suggestion.rootPath;
    targets.push({ name: suggestion.name, value: asModule ? 'm' : 'y' });
  }
  return { targets, turnsModulesOn };
}

/** What accepting suggestions through a fix did: which hold, which cannot be had and why. */
export interface SuggestionFixOutcome {
  plan: FixPlan;
  applied: boolean;
  /** Suggestions that hold after the step (or held already). */
  holding: string[];
  /** Targets the fix could not reach, with the blocking reason in words. */
  impossible: { name: string; value: string; why: string }[];
  /** Changed values, when applied. */
  changed: number;
  /** The kernel refused the planned step (nothing changed), with its reasons. */
  failure: string[];
}

/** A tristate asked for as m also holds at y (something else selects it built in). */
function holds(session: Pick<Session, 'value'>, target: ValueRequest): boolean {
  const now = session.value(target.name) ?? 'n';
  if (now === target.value) return true;
  return target.value === 'm' && now === 'y';
}

/** The solver's time for a whole machine's suggestions at once (a single fix gets 10 s). */
const BATCH_BUDGET_MS = 60_000;

/** Plans one fix for all the targets, applies it as one undoable step (unless `dryRun`) and says which hold. */
export async function acceptThroughFix(
  session: Pick<Session, 'planFix' | 'applyFix' | 'value' | 'model'>,
  targets: ValueRequest[],
  options: { dryRun?: boolean } = {},
): Promise<SuggestionFixOutcome> {
  let plan = await session.planFix(targets, { budgetMs: BATCH_BUDGET_MS });
  let summary = summarizeFix(plan, session.model);
  // A module asked for as m that something built in selects (the root file system's ext4 selects
  // crc16) can only be y, which serves as well: ask for those as y, in one fix with the rest.
  const raise = new Set(summary.refused.filter((refused) => refused.value === 'm' && refused.blocker.kind === 'conflict').map((refused) => refused.name));
  if (raise.size > 0) {
    plan = await session.planFix(
      targets.map((target) => (raise.has(target.name) ? { name: target.name, value: 'y' } : target)),
      { budgetMs: BATCH_BUDGET_MS },
    );
    summary = summarizeFix(plan, session.model);
  }
  const impossible = summary.refused.map((refused) => ({ name: refused.name, value: refused.value, why: refused.why }));
  let applied = false;
  let changed = 0;
  const failure: string[] = [];
  if (plan.changes.length > 0 && !options.dryRun) {
    const outcome = await session.applyFix(plan);
    applied = outcome.ok;
    changed = outcome.changed.length;
    if (!outcome.ok) {
      failure.push(...outcome.refused.map((refusal) => refusal.reason));
      if (outcome.unmet.length > 0) failure.push(`the fix did not make ${outcome.unmet.join(', ')} hold; nothing changed`);
    }
  }
  const refusedNames = new Set(impossible.map((item) => item.name));
  const holding = targets.filter((target) => !refusedNames.has(target.name) && holds(session, target)).map((target) => target.name);
  return { plan, applied, holding, impossible, changed, failure };
}
