import type { ConfigAssignment } from '../../model/config-text.js';
import type { BatchOutcome, Session } from '../../engine/session.js';
import type { HardwareAnalysis } from './suggestions.js';
import { symbolNames } from './kconfig-expression.js';
import { type TrimOptions, type TrimPlan, trimPlan } from './trim-plan.js';

export type TrimApplySession = Pick<Session, 'model' | 'symbol' | 'value' | 'mergeFragment' | 'undo'>;

export interface TrimResult {
  plan: TrimPlan;
  outcome: BatchOutcome;
  /** How many plans were tried until the kernel kept every needed symbol. */
  rounds: number;
  /** Needed symbols that still lost their value (nothing left to keep explains it). */
  lost: string[];
}

const MAX_ROUNDS = 6;

/** Applies a plan as one undoable step: the kernel's olddefconfig then settles everything else. */
export function applyTrim(session: Pick<Session, 'mergeFragment'>, plan: TrimPlan, label = 'trim to this machine'): Promise<BatchOutcome> {
  const entries: ConfigAssignment[] = [...plan.disable.map((name) => ({ name, text: null })), ...plan.extra];
  return session.mergeFragment(entries, label);
}

/**
 * Trims and lets kconfig check the result: when a kept symbol lost its value (a promptless symbol
 * whose default needs a disabled one, a select the plan did not foresee), the step is undone and
 * the disabled symbols its dependencies, defaults and selects name are kept too. One undoable step.
 */
export async function applyTrimVerified(session: TrimApplySession, analysis: HardwareAnalysis, options: TrimOptions = {}, label?: string): Promise<TrimResult> {
  const alsoKeep = new Map(options.alsoKeep ?? []);
  for (let round = 1; ; round++) {
    const plan = trimPlan(session, analysis, { ...options, alsoKeep });
    const before = new Map(plan.keep.map((kept) => [kept.name, session.value(kept.name)]));
    const outcome = await applyTrim(session, plan, label);
    const lost = plan.keep.map((kept) => kept.name).filter((name) => session.value(name) !== before.get(name));
    if (lost.length === 0 || round === MAX_ROUNDS) return { plan, outcome, rounds: round, lost };
    const disabled = new Set(plan.disable);
    let added = 0;
    for (const name of lost) {
      for (const cause of causesNamedBy(session, name)) {
        if (disabled.has(cause) && !alsoKeep.has(cause)) {
          alsoKeep.set(cause, `keeps ${name} at its value (found by applying the trim)`);
          added++;
        }
      }
    }
    if (added === 0) return { plan, outcome, rounds: round, lost };
    await session.undo();
  }
}

function causesNamedBy(session: Pick<Session, 'symbol'>, name: string): string[] {
  const info = session.symbol(name);
  if (!info) return [];
  const expressions = [info.dependsOn, info.selectedBy, ...info.defaults.flatMap((entry) => [entry.name, entry.condition])];
  return [...new Set(expressions.flatMap(symbolNames))];
}
