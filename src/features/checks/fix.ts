import type { FixOptions, FixPlan, Session } from '../../engine/session.js';
import type { ConfigValues } from '../hardware/module-build-state.js';
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

/** What a checks fix plans: the symbol values it asks for, and the fix engine's plan for them. */
export interface ChecksFixPlan extends FixTargets {
  /** `plan.targets[i]` is the fix engine's verdict on `targets[i]`. */
  plan: FixPlan;
}

export type FixSession = Pick<Session, 'planFix' | 'value' | 'symbol'>;

/**
 * One plan for every target through the fix engine (kconfig judges it). A target that is already
 * at least what it asks for (y where m is enough) is not sent: an exact m would take a y down.
 * A module asked for as m that cannot be one (something selects it to y, say) is asked for as y.
 */
export async function planTargets(session: FixSession, wanted: FixTargets, options: FixOptions): Promise<ChecksFixPlan> {
  const targets = wanted.targets.filter((target) => !holds(session.value(target.name), target.value));
  const plan = await session.planFix(toRequests(targets), options);
  const lifted = targets.map((target, index) =>
    target.value === 'm' && plan.targets[index]?.status === 'impossible' ? { ...target, value: 'y' as const } : target,
  );
  if (lifted.every((target, index) => target === targets[index])) return { ...wanted, targets, plan };
  const again = await session.planFix(toRequests(lifted), options);
  return impossibleCount(again) < impossibleCount(plan) ? { ...wanted, targets: lifted, plan: again } : { ...wanted, targets, plan };
}

function toRequests(targets: FixTarget[]): { name: string; value: string }[] {
  return targets.map((target) => ({ name: target.name, value: target.value }));
}

function impossibleCount(plan: FixPlan): number {
  return plan.targets.filter((target) => target.status === 'impossible').length;
}

/** Whether a value is at least what a target asks for (off for n). */
export function holds(now: string | undefined, wanted: 'y' | 'm' | 'n'): boolean {
  if (wanted === 'n') return now === undefined || now === 'n' || now === '';
  return now === 'y' || (wanted === 'm' && now === 'm');
}
