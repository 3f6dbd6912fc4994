import { atLeastHolds } from '../../engine/fix-plan.js';
import type { FixPlan, FixTarget, Session } from '../../engine/session.js';
import { summarizeFix } from '../fix/index.js';
import type { Suggestion } from './suggestions.js';

/** How accepted drivers are built: as modules (MODULES turned on when it is off) or into the kernel. */
export type DriverBuild = 'modules' | 'builtin';

export interface SuggestionTargets {
  /**
   * What a fix is asked for: MODULES first when it is to be turned on, then one target per
   * suggestion; a module is asked for as at least m (y serves as well where m cannot be had).
   */
  targets: FixTarget[];
  /** MODULES is off now and the targets turn it on (tell the user: the config had no modules). */
  turnsModulesOn: boolean;
}

/** The suggestions "accept all" takes: every one that is not an alternative of another, with a prompt or not. */
export function fixSelection(suggestions: readonly Suggestion[]): Suggestion[] {
  return suggestions.filter((suggestion) => !suggestion.alternative);
}

/** Whether accepting these on this config asks "modules or built in?": modules are off and a driver could be one. */
export function modulesChoiceFor(session: Pick<Session, 'value' | 'symbol'>, suggestions: readonly Suggestion[]): boolean {
  const modulesOff = session.symbol('MODULES') !== undefined && session.value('MODULES') !== 'y';
  return modulesOff && suggestions.some((suggestion) => suggestion.type === 'tristate' && !suggestion.rootPath);
}

/**
 * The fix targets for accepting suggestions. Suggestions without a prompt are targets too: the fix
 * reaches them through their dependencies and selectors. As modules, tristate drivers are asked
 * for as m and MODULES is turned on when it is off, as localmodconfig users expect; bools and the
 * root file system's path (which must be there to mount it) stay y. Built in, everything is y.
 */
export function suggestionTargets(suggestions: readonly Suggestion[], build: DriverBuild, modulesOn: boolean): SuggestionTargets {
  const turnsModulesOn = build === 'modules' && !modulesOn;
  const targets: FixTarget[] = turnsModulesOn ? [{ name: 'MODULES', value: 'y' }] : [];
  const seen = new Set<string>(targets.map((target) => target.name));
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.name)) continue;
    seen.add(suggestion.name);
    const asModule = build === 'modules' && suggestion.type === 'tristate' && !suggestion.rootPath;
    targets.push(asModule ? { name: suggestion.name, value: 'm', atLeast: true } : { name: suggestion.name, value: 'y' });
  }
  return { targets, turnsModulesOn };
}

/** One fix for a set of suggestions, planned (nothing changed yet): shown as a diff, then applied as one step. */
export interface SuggestionPlan {
  plan: FixPlan;
  /** The suggestions asked for (their names). */
  asked: string[];
  /** The targets of the plan (a module as at least m: built in where it cannot be a module). */
  targets: FixTarget[];
  turnsModulesOn: boolean;
  /** Targets the fix cannot reach, with what blocks them in words. */
  impossible: { name: string; value: string; why: string }[];
  /** The undo history's name for the step. */
  label: string;
}

/** The solver's time for a whole machine's suggestions at once (a single fix gets 10 s). */
const BATCH_BUDGET_MS = 60_000;

type PlanSession = Pick<Session, 'planFix' | 'value' | 'symbol' | 'model'>;

/**
 * Plans one fix for all the suggestions together, with the dependencies and selectors they need
 * (promptless ones reached through them), MODULES turned on first when they are to be modules and
 * it is off. Accepting hardware only adds: the search lowers nothing the config has (no turning VT
 * off and INPUT to m so that ACPI_VIDEO can be exactly m). A module is asked for as at least m: m
 * where it can be had, y where it cannot (something built in selects it, or only lowering others
 * would allow m), which serves as well.
 */
export async function planSuggestionFix(session: PlanSession, suggestions: readonly Suggestion[], build: DriverBuild): Promise<SuggestionPlan> {
  const { targets, turnsModulesOn } = suggestionTargets(suggestions, build, session.value('MODULES') === 'y');
  const plan = await session.planFix(targets, { budgetMs: BATCH_BUDGET_MS, neverLower: true });
  const summary = summarizeFix(plan, session.model);
  const suggested = suggestions.map((suggestion) => suggestion.name);
  return {
    plan,
    asked: suggested,
    targets,
    turnsModulesOn,
    impossible: summary.refused.map((refused) => ({ name: refused.name, value: refused.value, why: refused.why })),
    label: suggested.length === 1 ? `hardware: ${suggested[0]}` : `hardware: ${suggested.length} suggestions`,
  };
}

/** What applying a planned suggestion fix did. */
export interface SuggestionApplyOutcome {
  /** The step was taken (or nothing needed changing). */
  applied: boolean;
  /** Values the step changed. */
  changed: number;
  /** Suggestions that hold after the step (or held already). */
  holding: string[];
  /** Why kconfig refused the planned step (nothing changed then). */
  failure: string[];
}

/** A target holds now: its value, or for a module asked as at least m, m or y. */
function holds(session: Pick<Session, 'value'>, target: FixTarget): boolean {
  const now = session.value(target.name) ?? 'n';
  return target.atLeast ? atLeastHolds(target.value, now) : now === target.value;
}

/** Applies a planned suggestion fix as one undoable step named after the suggestions; kconfig judges every change again. */
export async function applySuggestionFix(
  session: Pick<Session, 'applyFix' | 'combineLastSteps' | 'history' | 'value'>,
  planned: SuggestionPlan,
): Promise<SuggestionApplyOutcome> {
  let applied = true;
  let changed = 0;
  const failure: string[] = [];
  if (planned.plan.changes.length > 0) {
    const steps = session.history.length;
    const outcome = await session.applyFix(planned.plan);
    applied = outcome.ok;
    changed = outcome.changed.length;
    if (session.history.length === steps + 1) session.combineLastSteps(1, planned.label);
    if (!outcome.ok) {
      failure.push(...outcome.refused.map((refusal) => refusal.reason));
      if (outcome.unmet.length > 0) failure.push(`the fix did not make ${outcome.unmet.join(', ')} hold; nothing changed`);
    }
  }
  const refused = new Set(planned.impossible.map((item) => item.name));
  const asked = new Set(planned.asked);
  const holding = planned.targets
    .filter((target) => asked.has(target.name) && !refused.has(target.name) && holds(session, target))
    .map((target) => target.name);
  return { applied, changed, holding, failure };
}
