import type { FixApplyOutcome, FixPlan, Session } from '../../engine/session.js';
import type { FixTargetOutcome } from '../../engine/protocol.js';
import { bareStringValue, sameConfigValue } from '../../model/config-text.js';
import { describeBlocker } from '../fix/describe-fix.js';
import { fitValue, KIND_MISMATCH } from './successors.js';
import type { LostEntry } from './types.js';

/** A value to make hold: `{ name: 'MITIGATION_RETPOLINE', value: 'y' }` (strings quoted as in a .config). */
export interface FixTarget {
  name: string;
  value: string;
}

/** What fixing lost entries needs of a session: enable-with-dependencies (planFix, applyFix). */
export type LostFixSession = Pick<Session, 'planFix' | 'applyFix' | 'model'>;

/** A target of a lost entry that cannot be had, and what blocks it in words. */
export interface TargetBlocked {
  name: string;
  value: string;
  why: string;
}

/**
 * One lost entry in a plan:
 * - fixable: the plan makes its targets hold;
 * - met: they hold already (an earlier fix, or a successor's default);
 * - impossible: a target cannot be had (`blocked` says why); nothing is changed for it.
 */
export interface EntryFix {
  entry: LostEntry;
  targets: FixTarget[];
  status: 'fixable' | 'met' | 'impossible';
  blocked: TargetBlocked[];
}

/** A plan for lost entries: one fix plan for all of their targets, and what it means for each entry. */
export interface LostFixPlan {
  plan: FixPlan;
  entries: EntryFix[];
}

/**
 * The values that would restore a lost entry: its old value (for a changed type, the nearest
 * value of the new type: m of a now-bool becomes y); for a removed symbol, the old value on a
 * successor: the one named, else the first found with strong evidence. Null when nothing can
 * stand in for it (a removed symbol without a confident successor, a number that became a bool).
 */
export function fixTargets(entry: LostEntry, successorName?: string): FixTarget[] | null {
  if (entry.category !== 'removed' && !entry.settable) return null;
  if (entry.category === 'removed') {
    const successor =
      successorName === undefined
        ? entry.successors.find((candidate) => candidate.confident)
        : entry.successors.find((candidate) => candidate.name === successorName);
    return successor ? [{ name: successor.name, value: successor.value }] : null;
  }
  if (entry.category === 'type-changed') {
    const fit = fitValue(entry.old, entry.type);
    return fit.penalty === KIND_MISMATCH ? null : [{ name: entry.name, value: fit.value }];
  }
  return [{ name: entry.name, value: entry.old }];
}

/** Whether every target holds in the session now (the entry is restored: by a fix, or by another entry's fix). */
export function targetsHold(session: Pick<Session, 'symbol' | 'value'>, targets: FixTarget[]): boolean {
  return targets.every((target) => {
    const info = session.symbol(target.name);
    const value = session.value(target.name);
    if (!info || value === undefined) return false;
    return sameConfigValue(info.type, value, info.type === 'string' ? bareStringValue(target.value) : target.value);
  });
}

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

/**
 * Whether accepting an upgrade fixes an entry without asking. Not one a select raised (m became
 * y: nothing is missing, and lowering it means turning its selectors off), nor one without a
 * prompt (its value follows from other options: restoring it changes those, e.g. KVM m -> y for
 * HAVE_KVM_IRQ_BYPASS=y); the review offers those one at a time.
 */
export function fixesWithoutAsking(entry: LostEntry): boolean {
  if (entry.category === 'selected' || entry.category === 'no-prompt') return false;
  const old = RANK[entry.old];
  const now = RANK[entry.now ?? 'n'];
  return old === undefined || now === undefined || old > now;
}

/**
 * Plans making the entries' targets hold as one fix (enable-with-dependencies: what they depend
 * on is turned on too). Nothing changes in the session. `protect` names values the fix keeps
 * (default none: the whole carried config is the starting point, not a set of user choices).
 * Two entries asking one symbol for different values: the later one is blocked by the earlier.
 */
export async function planLostFix(
  session: LostFixSession,
  wanted: { entry: LostEntry; targets: FixTarget[] }[],
  options: { protect?: string[]; budgetMs?: number } = {},
): Promise<LostFixPlan> {
  const asked = new Map<string, FixTarget>();
  const clashes = new Map<LostEntry, TargetBlocked[]>();
  for (const { entry, targets } of wanted) {
    for (const target of targets) {
      const earlier = asked.get(target.name);
      if (!earlier) asked.set(target.name, target);
      else if (earlier.value !== target.value)
        clashes.set(entry, [...(clashes.get(entry) ?? []), { ...target, why: `another lost value asks CONFIG_${target.name}=${earlier.value}` }]);
    }
  }
  const names = [...asked.keys()];
  const plan = await session.planFix([...asked.values()], { protect: options.protect ?? [], strict: false, budgetMs: options.budgetMs });
  // The plan's targets come back in the order they were asked.
  const outcomes = new Map(plan.targets.map((outcome, index) => [names[index]!, outcome]));
  const entries = wanted.map(({ entry, targets }) => entryFix(session, entry, targets, outcomes, clashes.get(entry) ?? []));
  return { plan, entries };
}

function entryFix(
  session: LostFixSession,
  entry: LostEntry,
  targets: FixTarget[],
  outcomes: Map<string, FixTargetOutcome>,
  clashes: TargetBlocked[],
): EntryFix {
  const blocked = [...clashes];
  let met = true;
  for (const target of targets) {
    const outcome = outcomes.get(target.name);
    if (!outcome) continue;
    if (outcome.status === 'impossible' && outcome.blocker)
      blocked.push({ ...target, why: describeBlocker(outcome, outcome.blocker, session.model.byName.get(target.name)?.type) });
    else if (outcome.status === 'impossible') blocked.push({ ...target, why: 'no fix found' });
    if (outcome.status !== 'met') met = false;
  }
  const status = blocked.length > 0 ? 'impossible' : met ? 'met' : 'fixable';
  return { entry, targets, status, blocked };
}

/** Plans fixing one lost entry (through the successor the user picked, for a removed one); null when nothing can stand in for it. */
export async function planEntryFix(
  session: LostFixSession,
  entry: LostEntry,
  successorName?: string,
  options: { protect?: string[] } = {},
): Promise<LostFixPlan | null> {
  const targets = fixTargets(entry, successorName);
  return targets ? planLostFix(session, [{ entry, targets }], options) : null;
}

/** What accepting an upgrade did with every lost entry. */
export interface AcceptOutcome {
  /** Made to hold again, all in one undoable step. */
  fixed: EntryFix[];
  /** Held already (a successor's default, or a fix of another entry, made it hold). */
  met: EntryFix[];
  /** A target cannot be had: named with what blocks it; nothing changed for them. */
  refused: EntryFix[];
  /** Nothing can stand in for them, or a select only raised them: accepted as this tree has them. */
  accepted: LostEntry[];
  /** The plan applied (null: nothing to fix) and what applying it did. */
  plan: FixPlan | null;
  applied: FixApplyOutcome | null;
}

/**
 * Accepts an upgrade: one plan makes every lost value that can be fixed hold (its old value, or
 * the old value on a confident successor, with what they need), applied as one undoable step
 * unless `dryRun`; the others are accepted as this tree has them, and new symbols keep the
 * defaults they already have.
 */
export async function fixLostEntries(
  session: LostFixSession,
  entries: LostEntry[],
  options: { dryRun?: boolean; budgetMs?: number; protect?: string[] } = {},
): Promise<AcceptOutcome> {
  const wanted: { entry: LostEntry; targets: FixTarget[] }[] = [];
  const accepted: LostEntry[] = [];
  for (const entry of entries) {
    const targets = fixesWithoutAsking(entry) ? fixTargets(entry) : null;
    if (targets) wanted.push({ entry, targets });
    else accepted.push(entry);
  }
  if (wanted.length === 0) return { fixed: [], met: [], refused: [], accepted, plan: null, applied: null };
  const { plan, entries: planned } = await planLostFix(session, wanted, { budgetMs: options.budgetMs, protect: options.protect });
  let applied: FixApplyOutcome | null = null;
  if (!options.dryRun && plan.changes.length > 0) applied = await session.applyFix(plan);
  const failed = applied !== null && !applied.ok;
  const refused = planned.filter((fix) => fix.status === 'impossible' || (failed && fix.status === 'fixable'));
  return {
    fixed: failed ? [] : planned.filter((fix) => fix.status === 'fixable'),
    met: planned.filter((fix) => fix.status === 'met'),
    refused: failed ? refused.map((fix) => (fix.status === 'fixable' ? { ...fix, blocked: notApplied(fix, applied!) } : fix)) : refused,
    accepted,
    plan,
    applied,
  };
}

function notApplied(fix: EntryFix, applied: FixApplyOutcome): TargetBlocked[] {
  const why = applied.refused.map((refusal) => refusal.reason).join('; ') || `the fix did not make ${applied.unmet.join(', ')} hold`;
  return fix.targets.map((target) => ({ ...target, why: `kconfig did not take the fix: ${why}` }));
}
