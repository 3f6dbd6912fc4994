import { CATEGORY_TITLES, describeSuccessor } from '../../../features/upgrade/describe.js';
import { fixTargets, listnewconfigLine, lostMatters, targetsHold, type Carried } from '../../../features/upgrade/index.js';
import type { ChangedDefault, LostEntry, NewEntry, NewMenuGroup, UpgradeReview } from '../../../features/upgrade/index.js';
import type { Session } from '../../../engine/session.js';
import { escapeControl } from '../../../model/escape-text.js';
import { fit } from '../../text/fit.js';
import { plainLine, wrapLine, type StyledLine } from '../../text/styled-text.js';

/**
 * Where a lost entry stands: open; its value (or a successor's) holds again (a fix, or another
 * entry's fix, made it; an undo takes that back); accepted as this tree has it; or a fix was
 * tried and something blocks it.
 */
export type LostStatus = 'open' | 'holds' | 'accepted' | 'blocked';

export type ReviewRow =
  | { kind: 'heading'; text: string }
  | { kind: 'lost'; entry: LostEntry; status: LostStatus; successor: string | undefined; matters: boolean }
  | { kind: 'new'; entry: NewEntry; group: NewMenuGroup; decided: 'default' | 'changed' | null; value: string; matters: boolean }
  | { kind: 'changed'; change: ChangedDefault };

/** What the review remembers besides the features' review state: the successor picked and the blockers found. */
export interface ReviewMarks {
  review: UpgradeReview;
  /** Lost entry -> the successor the user picked (Tab), for removed ones. */
  successors: Readonly<Record<string, string>>;
  /** Lost entry -> what blocked its fix, in words. */
  blocked: Readonly<Record<string, string>>;
}

/** The successor a removed entry is fixed through: the one picked, else the first confident one, else the first. */
export function chosenSuccessor(entry: LostEntry, marks: ReviewMarks): string | undefined {
  return marks.successors[entry.name] ?? (entry.successors.find((successor) => successor.confident) ?? entry.successors[0])?.name;
}

function lostStatus(session: Pick<Session, 'symbol' | 'value'>, entry: LostEntry, marks: ReviewMarks, successor: string | undefined): LostStatus {
  const targets = fixTargets(entry, successor);
  if (targets && targetsHold(session, targets)) return 'holds';
  if (marks.review.lostDecided.get(entry.name) === 'accepted') return 'accepted';
  return marks.blocked[entry.name] ? 'blocked' : 'open';
}

/** The review as one list: lost entries first, then the new symbols menu by menu (as oldconfig walks them), then changed defaults. */
export function reviewRows(session: Pick<Session, 'symbol' | 'value'>, carried: Carried, marks: ReviewMarks): ReviewRow[] {
  const { report, groups } = carried;
  const rows: ReviewRow[] = [{ kind: 'heading', text: `Lost (${report.lost.length}): values the old config set that this tree does not keep` }];
  for (const entry of report.lost) {
    const successor = entry.category === 'removed' ? chosenSuccessor(entry, marks) : undefined;
    rows.push({ kind: 'lost', entry, status: lostStatus(session, entry, marks, successor), successor, matters: Boolean(lostMatters(entry, report.machine)) });
  }
  rows.push({ kind: 'heading', text: `New (${report.new.length}): options the old config has no value for, by menu` });
  for (const group of groups) {
    rows.push({ kind: 'heading', text: ` ${group.path.length > 0 ? group.path.join(' > ') : group.title} (${group.entries.length})` });
    for (const entry of group.entries) {
      const decided = marks.review.newDecided.get(entry.name) ?? null;
      rows.push({ kind: 'new', entry, group, decided, value: session.value(entry.name) ?? entry.value, matters: report.machine.has(entry.name) });
    }
  }
  rows.push({ kind: 'heading', text: `Changed defaults (${report.changedDefaults.length}): values left at a default that changed` });
  for (const change of report.changedDefaults) rows.push({ kind: 'changed', change });
  return rows;
}

const LOST_MARK: Record<LostStatus, string> = { open: '[ ]', holds: '[+]', accepted: '[=]', blocked: '[!]' };

/** One row as drawn, `width` columns: a mark, `*` when it matters for the machine, the name and values. */
export function rowText(row: ReviewRow, width: number): string {
  switch (row.kind) {
    case 'heading':
      return fit(escapeControl(row.text), width);
    case 'lost': {
      const { entry } = row;
      const now = entry.now === null ? 'not set' : entry.now;
      const via = row.successor ? ` -> ${row.successor}` : '';
      return fit(escapeControl(`${LOST_MARK[row.status]}${row.matters ? '*' : ' '}${entry.name}=${entry.old} (now ${now})${via}  ${entry.category}`), width);
    }
    case 'new': {
      const mark = row.decided === null ? '[ ]' : row.decided === 'default' ? '[=]' : '[+]';
      return fit(
        escapeControl(`${mark}${row.matters ? '*' : ' '}${listnewconfigLine({ ...row.entry, value: row.value }).slice(7)}  ${row.entry.prompt ?? ''}`),
        width,
      );
    }
    case 'changed': {
      const { change } = row;
      const text =
        change.kind === 'computed'
          ? `${change.name}: ${change.old} -> ${change.now ?? 'not set'}`
          : `${change.name}=${change.old} kept; default now ${change.newDefault}`;
      return fit(escapeControl(`    ${text}`), width);
    }
  }
}

/** The highlighted row's detail: why a value was lost and what can stand in, or a new option's help. */
export function rowDetail(row: ReviewRow | undefined, carried: Carried, marks: ReviewMarks, width: number): StyledLine[] {
  if (!row || row.kind === 'heading') return [];
  const lines: StyledLine[] = [];
  if (row.kind === 'lost') lines.push(...lostDetail(row, marks));
  else if (row.kind === 'new') {
    const flag = carried.report.machine.get(row.entry.name);
    if (flag)
      lines.push(plainLine(`this machine: ${flag.met ? 'met' : `needs ${flag.wanted}`} (${flag.reasons.slice(0, 2).join('; ')})`, flag.met ? 'true' : 'false'));
    lines.push(plainLine(`default ${row.entry.value}; ${row.group.path.join(' > ') || row.group.title}`, 'muted'));
    for (const text of row.entry.help.trim().split('\n').slice(0, 4)) lines.push(plainLine(text.trim()));
  } else lines.push(plainLine(row.change.kind === 'computed' ? "this tree's defaults turn it on by themselves" : 'kept at the old value', 'muted'));
  return lines.map((line) => line.map((segment) => ({ ...segment, text: escapeControl(segment.text) }))).flatMap((line) => wrapLine(line, width));
}

function lostDetail(row: Extract<ReviewRow, { kind: 'lost' }>, marks: ReviewMarks): StyledLine[] {
  const { entry } = row;
  const lines: StyledLine[] = [plainLine(`${CATEGORY_TITLES[entry.category]}${entry.prompt ? `: ${entry.prompt}` : ''}`, 'heading')];
  if (entry.blocking.length > 0) lines.push(plainLine(`needs: ${entry.blocking.map((term) => term.expr).join(', ')}`, 'false'));
  if (entry.selects.length > 0) lines.push(plainLine(`selected by: ${entry.selects.map((term) => term.expr).join(', ')}`));
  if (entry.choice) lines.push(plainLine(`choice "${entry.choice.prompt ?? ''}" picks ${entry.choice.selected ?? 'nothing'}`));
  if (entry.category === 'removed')
    lines.push(
      plainLine(
        entry.successors.length > 0
          ? `successors (Tab picks): ${entry.successors.map((successor) => `${successor.name === row.successor ? '>' : ''}${describeSuccessor(successor)}`).join(', ')}`
          : 'no successor found',
      ),
    );
  const blocked = marks.blocked[entry.name];
  if (blocked && row.status === 'blocked') lines.push(plainLine(`cannot fix: ${blocked}`, 'error'));
  if (row.status === 'holds') lines.push(plainLine('holds again (u takes the fix back)', 'true'));
  return lines;
}
