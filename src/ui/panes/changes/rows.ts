import type { ValueChange } from '../../../engine/session.js';
import type { ChangeGroup } from '../../../features/changes/change-groups.js';
import type { FileDifference } from '../../../features/changes/file-differences.js';

/** Values that came with a change shown under it before the rest is folded away. */
export const SHOWN_FOLLOWERS = 3;

/** One line of the changes pane. */
export type ChangeRow =
  | { kind: 'heading'; text: string }
  /** A value the user asked for (or one a whole-config step set). */
  | { kind: 'own'; change: ValueChange; group: ChangeGroup }
  /** The title line of a whole-config step (a preset, a load). */
  | { kind: 'step'; group: ChangeGroup }
  /** A value that changed because of another change. */
  | { kind: 'followed'; change: ValueChange; group: ChangeGroup }
  /** `... 409 more came with it`: the folded rest of a group. */
  | { kind: 'fold'; group: ChangeGroup; hidden: number }
  /** A value of the config file that the save writes differently here. */
  | { kind: 'on-save'; difference: FileDifference };

/** The first few of `members`, and a fold line for the rest (unless the group is unfolded or the rest is one line). */
function folded(group: ChangeGroup, members: ChangeRow[], unfolded: readonly string[]): ChangeRow[] {
  if (unfolded.includes(group.key) || members.length <= SHOWN_FOLLOWERS + 1) return members;
  return [...members.slice(0, SHOWN_FOLLOWERS), { kind: 'fold', group, hidden: members.length - SHOWN_FOLLOWERS }];
}

function groupRows(group: ChangeGroup, unfolded: readonly string[]): ChangeRow[] {
  const own = group.own.map((change): ChangeRow => ({ kind: 'own', change, group }));
  if (group.kind === 'config') return [{ kind: 'step', group }, ...folded(group, own, unfolded)];
  return [
    ...own,
    ...folded(
      group,
      group.followed.map((change): ChangeRow => ({ kind: 'followed', change, group })),
      unfolded,
    ),
  ];
}

/**
 * The rows of the changes pane: the user's changes in the order they were made, each with what
 * came with it folded under it, then what the save changes in the file anyway.
 */
export function changeRows(groups: readonly ChangeGroup[], onSave: readonly FileDifference[], unfolded: readonly string[]): ChangeRow[] {
  const rows: ChangeRow[] = [];
  if (groups.length > 0) rows.push({ kind: 'heading', text: `Your changes (${groups.length}), with what came with each:` });
  for (const group of groups) rows.push(...groupRows(group, unfolded));
  if (onSave.length > 0) {
    rows.push({ kind: 'heading', text: `Saving also changes these values of the file (they do not hold with this tree and toolchain):` });
    for (const difference of onSave) rows.push({ kind: 'on-save', difference });
  }
  return rows;
}

/** Rows the cursor can be on: every row but the headings. */
export function selectable(row: ChangeRow | undefined): boolean {
  return row !== undefined && row.kind !== 'heading';
}

/** The user's change a row belongs to, as the status line names it. */
export function ownerText(group: ChangeGroup): string {
  return group.kind === 'values' ? (group.own[0] ? `${group.own[0].name}=${group.own[0].to || '""'}` : group.label) : group.label;
}
