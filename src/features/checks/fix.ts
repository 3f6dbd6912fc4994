import type { Session, ValueChange } from '../../engine/session.js';
import type { Explanation } from '../../model/types.js';
import type { ConfigValues } from '../hardware/module-build-state.js';
import { requirementsFor } from '../hardware/requirements.js';
import { neededValues } from './blockers.js';
import type { PreparedProfile, ProfileStatus } from './evaluate.js';
import type { Level } from './profile-types.js';

/** A symbol value a profile needs, with the entries that need it. */
export interface FixTarget {
  name: string;
  value: 'y' | 'm' | 'n';
  /** The highest level of the entries wanting it. */
  level: Level;
  entries: { profile: string; entry: string }[];
}

export interface FixTargets {
  targets: FixTarget[];
  /** Symbols one entry wants on and another off: left out, named. */
  conflicts: { name: string; on: FixTarget['entries']; off: FixTarget['entries'] }[];
}

export interface FixTargetOptions {
  /** Recommended entries too (required ones always; optional ones never). */
  recommended: boolean;
}

const LEVEL_RANK: Record<Level, number> = { required: 0, recommended: 1, optional: 2 };
const VALUE_RANK = { n: 0, m: 1, y: 2 } as const;

/**
 * The symbol values that would meet every unmet entry of the wanted levels: a symbol entry's own
 * value, a module's Makefile symbols (m where it can be a module and modules are on, else y). Entries
 * the tree cannot build here are not targets: the report names them with why.
 */
export function fixTargets(prepared: PreparedProfile[], statuses: ProfileStatus[], values: ConfigValues, options: FixTargetOptions): FixTargets {
  // With MODULES itself a target (boot), what can be a module is asked for as one: MODULES comes first.
  const modulesOn = values.value('MODULES') === 'y' || wantsModules(statuses, options);
  const byName = new Map<string, FixTarget>();
  const off = new Map<string, FixTarget>();
  statuses.forEach((status, profileIndex) => {
    status.entries.forEach((entryStatus, entryIndex) => {
      const { entry } = entryStatus;
      if (entryStatus.met || entryStatus.unavailable) return;
      if (entry.level === 'optional' || (entry.level === 'recommended' && !options.recommended)) return;
      const preparedEntry = prepared[profileIndex]?.entries[entryIndex];
      if (!preparedEntry) return;
      for (const need of neededValues(preparedEntry, modulesOn, values)) {
        const into = need.value === 'n' ? off : byName;
        const known = into.get(need.name);
        const from = { profile: status.profile.name, entry: entry.written };
        if (!known) {
          into.set(need.name, { name: need.name, value: need.value, level: entry.level, entries: [from] });
          continue;
        }
        if (VALUE_RANK[need.value] > VALUE_RANK[known.value]) known.value = need.value;
        if (LEVEL_RANK[entry.level] < LEVEL_RANK[known.level]) known.level = entry.level;
        if (!known.entries.some((other) => other.profile === from.profile && other.entry === from.entry)) known.entries.push(from);
      }
    });
  });
  const conflicts: FixTargets['conflicts'] = [];
  for (const [name, target] of off) {
    const on = byName.get(name);
    if (on) {
      conflicts.push({ name, on: on.entries, off: target.entries });
      byName.delete(name);
    } else byName.set(name, target);
  }
  return { targets: [...byName.values()], conflicts };
}

function wantsModules(statuses: ProfileStatus[], options: FixTargetOptions): boolean {
  return statuses.some((status) =>
    status.entries.some(
      (entry) =>
        !entry.met &&
        entry.entry.kind === 'symbol' &&
        entry.entry.name === 'MODULES' &&
        entry.entry.want !== 'n' &&
        (entry.entry.level === 'required' || (entry.entry.level === 'recommended' && options.recommended)),
    ),
  );
}

/** What a fixer did: one undoable step (or none), what changed, and the targets it could not make hold. */
export interface FixerOutcome {
  /** The session has one more undoable step. */
  stepAdded: boolean;
  changed: ValueChange[];
  refused: { name: string; reason: string }[];
}

/**
 * Makes as many targets hold as it can, as one undoable step. The seam between checks and the way
 * values are changed: today `setManyFixer` (kconfig's dependency terms walked to settable symbols,
 * then `session.setMany`); the fix engine's `planFix`/`applyFix` can stand in for it unchanged.
 */
export interface ProfileFixer {
  fix(targets: FixTarget[], label: string): Promise<FixerOutcome>;
}

export type FixerSession = Pick<Session, 'setMany' | 'undo' | 'history' | 'symbol' | 'value' | 'state' | 'explain'>;

const DISCOVERY_ROUNDS = 4;

/**
 * A fixer on `session.setMany`: each target at y or m comes with the symbols its false dependency
 * terms name (as hardware suggestions find them), requests in dependency order. Selects and
 * defaults move other symbols between rounds, which can reveal further terms: up to four rounds
 * find them, then the rounds are undone and every request is applied again as one step.
 */
export function setManyFixer(session: FixerSession): ProfileFixer {
  return {
    async fix(targets, label) {
      const steps = session.history.length;
      const requests = new Map<string, 'y' | 'm' | 'n'>();
      const add = (name: string, value: 'y' | 'm' | 'n'): boolean => {
        const known = requests.get(name);
        if (known !== undefined && (value === 'n' || VALUE_RANK[known] >= VALUE_RANK[value])) return false;
        requests.set(name, value);
        return true;
      };
      for (let round = 0; round < DISCOVERY_ROUNDS; round++) {
        const pending = targets.filter((target) => !holds(session.value(target.name), target.value));
        if (pending.length === 0) break;
        const explained = new Map<string, Promise<Explanation>>();
        const fresh: { name: string; value: 'y' | 'm' | 'n' }[] = [];
        for (const target of pending) {
          if (target.value !== 'n') {
            const { requires } = await requirementsFor(session, target.name, target.value, explained);
            for (const requirement of requires) if (add(requirement.name, requirement.to)) fresh.push({ name: requirement.name, value: requirement.to });
          }
          if (add(target.name, target.value)) fresh.push(target);
        }
        if (fresh.length === 0) break;
        await session.setMany(fresh, label);
      }
      while (session.history.length > steps) await session.undo();
      const all = [...requests].map(([name, value]) => ({ name, value }));
      if (all.length === 0) return { stepAdded: false, changed: [], refused: [] };
      const outcome = await session.setMany(all, label);
      return {
        stepAdded: session.history.length > steps,
        changed: outcome.changed,
        refused: outcome.refused.map((refusal) => ({ name: refusal.name, reason: refusal.reason })),
      };
    },
  };
}

function holds(now: string | undefined, wanted: 'y' | 'm' | 'n'): boolean {
  if (wanted === 'n') return now === undefined || now === 'n';
  return now === 'y' || (wanted === 'm' && now === 'm');
}
