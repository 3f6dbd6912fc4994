import type { Session, ValueChange } from '../../engine/session.js';

/** What one undoable step of the user's still changes, against the config as loaded. */
export interface ChangeGroup {
  /** Stable while the step is applied: its place in the history and its label. */
  key: string;
  /** The step as the history names it: `SMP=n`, `apply kvm_guest.config`, `load /x/.config`. */
  label: string;
  /** A step of value requests (`set`, a search result, a suggestion), or a whole config (a preset, a load). */
  kind: 'values' | 'config';
  /** The values the step asked for (for a whole config: everything it changed), loaded -> now. */
  own: ValueChange[];
  /** What changed with them because of the kernel's rules (defaults, selects, dependencies). */
  followed: ValueChange[];
}

/** What a step asked for and what it changed, as `Session.stepChanges` reports it. */
export interface StepChanges {
  label: string;
  requested: string[];
  changes: ValueChange[];
}

/**
 * The changes against the loaded config, grouped by the step that made each one last: the
 * user's own changes first in each group, with what came along with them. `pending` is
 * `Session.pending()`; `steps` is `Session.stepChanges()` of the same state.
 */
export function groupChanges(pending: readonly { name: string; from: string | undefined; to: string }[], steps: readonly StepChanges[]): ChangeGroup[] {
  const owner = new Map<string, number>();
  steps.forEach((step, index) => {
    for (const change of step.changes) owner.set(change.name, index);
  });
  const groups = steps.map((step, index): ChangeGroup => ({
    key: `${index}:${step.label}`,
    label: step.label,
    kind: step.requested.length > 0 ? 'values' : 'config',
    own: [],
    followed: [],
  }));
  const orphans: ValueChange[] = [];
  for (const change of pending) {
    const value: ValueChange = { name: change.name, from: change.from ?? '', to: change.to };
    const index = owner.get(change.name);
    const group = index === undefined ? undefined : groups[index];
    if (!group) orphans.push(value);
    else if (group.kind === 'config' || steps[index!]?.requested.includes(change.name)) group.own.push(value);
    else group.followed.push(value);
  }
  const kept = groups.filter((group) => group.own.length + group.followed.length > 0);
  if (orphans.length > 0) kept.push({ key: 'other', label: 'other changes', kind: 'config', own: orphans, followed: [] });
  return kept;
}

/** The session's changes grouped by step; replays the steps in the frontend (queue it with other engine work). */
export async function changeGroups(session: Session): Promise<ChangeGroup[]> {
  const steps = await session.stepChanges();
  return groupChanges(session.pending(), steps);
}
