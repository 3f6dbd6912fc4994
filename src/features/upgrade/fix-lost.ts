import type { Session, ValueChange } from '../../engine/session.js';
import { fitValue, KIND_MISMATCH } from './successors.js';
import type { LostEntry } from './types.js';

/** A value to make hold: `{ name: 'MITIGATION_RETPOLINE', value: 'y' }`. */
export interface FixTarget {
  name: string;
  value: string;
}

export interface FixRefusal {
  name: string;
  requested: string;
  reason: string;
}

/** What making targets hold did: nothing to do, one undoable step, or nothing changed and why. */
export type FixOutcome = { status: 'met' } | { status: 'fixed'; changed: ValueChange[] } | { status: 'refused'; refused: FixRefusal[] };

/**
 * The seam to enable-with-dependencies: make every target hold as one undoable step (changing
 * what they depend on as needed), or change nothing and say why. `setManyFixer` stands in until
 * the fix engine's planFix/applyFix are wired in behind the same interface.
 */
export interface TargetFixer {
  fix(targets: FixTarget[], label: string): Promise<FixOutcome>;
}

/**
 * The stand-in: the targets as requests of one atomic `setMany` step. It makes a target hold
 * when its dependencies already allow it (or other targets of the same step make them hold);
 * it does not turn dependencies on.
 */
export function setManyFixer(session: Pick<Session, 'setMany' | 'value' | 'symbol'>): TargetFixer {
  return {
    async fix(targets, label) {
      const open = targets.filter((target) => !holds(session, target));
      if (open.length === 0) return { status: 'met' };
      const outcome = await session.setMany(open, label, { atomic: true });
      if (outcome.ok) return { status: 'fixed', changed: outcome.changed };
      return { status: 'refused', refused: outcome.refused.map((refusal) => ({ name: refusal.name, requested: refusal.requested, reason: refusal.reason })) };
    },
  };
}

function holds(session: Pick<Session, 'value' | 'symbol'>, target: FixTarget): boolean {
  const info = session.symbol(target.name);
  if (!info) return false;
  const value = session.value(target.name);
  const wanted = info.type === 'string' && /^".*"$/s.test(target.value) ? target.value.slice(1, -1).replace(/\\(.)/g, '$1') : target.value;
  if (info.type === 'hex') return value?.toLowerCase().replace(/^0x/, '') === wanted.toLowerCase().replace(/^0x/, '');
  return value === wanted;
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

/** The undo label of fixing one lost entry. */
export function fixLabel(entry: LostEntry, targets: FixTarget[]): string {
  const wanted = targets.map((target) => `CONFIG_${target.name}=${target.value}`).join(' ');
  return entry.category === 'removed' ? `${wanted} for the removed CONFIG_${entry.name}` : `keep ${wanted}`;
}

export interface EntryFix {
  entry: LostEntry;
  targets: FixTarget[];
  outcome: FixOutcome;
}

/** What accepting an upgrade did with every lost entry. */
export interface AcceptOutcome {
  /** Made to hold again, one undoable step each. */
  fixed: EntryFix[];
  /** Held already (an earlier fix, or a successor's default, made it hold). */
  met: EntryFix[];
  /** A fix was tried and could not be made; nothing changed for them. */
  refused: EntryFix[];
  /** Nothing can stand in for them: accepted as this tree has them. */
  accepted: LostEntry[];
}

/**
 * Whether accepting an upgrade fixes an entry without asking: not one that a select only raised
 * (m became y: nothing is missing, and lowering it means turning its selectors off).
 */
export function fixesWithoutAsking(entry: LostEntry): boolean {
  return entry.category !== 'selected';
}

/**
 * Accepts an upgrade: every lost entry that can be fixed is fixed (one step each, through the
 * fixer, in the report's order: an earlier fix can make a later entry hold), the others are
 * accepted as this tree has them, and new symbols keep the defaults they already have.
 */
export async function fixLostEntries(entries: LostEntry[], fixer: TargetFixer): Promise<AcceptOutcome> {
  const result: AcceptOutcome = { fixed: [], met: [], refused: [], accepted: [] };
  for (const entry of entries) {
    const targets = fixesWithoutAsking(entry) ? fixTargets(entry) : null;
    if (!targets) {
      result.accepted.push(entry);
      continue;
    }
    const outcome = await fixer.fix(targets, fixLabel(entry, targets));
    result[outcome.status].push({ entry, targets, outcome });
  }
  return result;
}
