import { type EntryStatus, entryLabel, type ProfileStatus, VERDICT_MARK } from '../../../features/checks/index.js';
import { escapeControl } from '../../../model/escape-text.js';

/** A line of the checks list: a profile with its status, one of its entries, or a problem in words. */
export type ChecksRow =
  | { kind: 'profile'; profile: number; status: ProfileStatus }
  | { kind: 'entry'; profile: number; entry: number; status: EntryStatus }
  | { kind: 'note'; text: string; tone: 'muted' | 'error' };

/** Each profile, then its entries as the profile lists them (those for another kernel or architecture left out), then the problems. */
export function checksRows(statuses: readonly ProfileStatus[], problems: readonly string[]): ChecksRow[] {
  const rows: ChecksRow[] = [];
  statuses.forEach((status, profile) => {
    rows.push({ kind: 'profile', profile, status });
    status.entries.forEach((entry, index) => {
      if (entry.verdict !== 'not-applicable') rows.push({ kind: 'entry', profile, entry: index, status: entry });
    });
  });
  for (const problem of problems) rows.push({ kind: 'note', text: `cannot use: ${problem}`, tone: 'error' });
  return rows;
}

/** `3 of 17 required unmet` or `met`, with the recommended count. */
export function profileSummary(status: ProfileStatus): string {
  const { required, recommended } = status.counts;
  const unmet = required.total - required.met;
  const head = unmet === 0 ? `met (${required.total} required)` : `${unmet} of ${required.total} required unmet`;
  return recommended.total > 0 ? `${head}; recommended ${recommended.met}/${recommended.total}` : head;
}

/** A row as the list draws it (without the cursor column). */
export function checksRowText(row: ChecksRow): string {
  switch (row.kind) {
    case 'profile':
      return escapeControl(`${row.status.met ? '[ok]' : '[!!]'} ${row.status.profile.name}  ${profileSummary(row.status)}`);
    case 'entry': {
      const { entry } = row.status;
      const mark = VERDICT_MARK[row.status.verdict].padEnd(7);
      return escapeControl(`     ${mark} ${entryLabel(row.status)}  ${entry.want} ${entry.level}, is ${row.status.state}`);
    }
    case 'note':
      return escapeControl(`  ${row.text}`);
  }
}

/** The header's warning: of the profiles that were met, those that are not now, with their unmet required entries. */
export function regressionWarning(wasMet: readonly ProfileStatus[]): string | null {
  const broken = wasMet.filter((profile) => !profile.met);
  if (broken.length === 0) return null;
  const described = broken.map((profile) => {
    const unmet = profile.entries.filter((entry) => !entry.met && entry.entry.level === 'required').map((entry) => entry.entry.written);
    return `${profile.profile.name} (${unmet.slice(0, 3).join(', ')}${unmet.length > 3 ? ', ...' : ''})`;
  });
  return escapeControl(`! no longer met: ${described.join('; ')}; C shows why`);
}
