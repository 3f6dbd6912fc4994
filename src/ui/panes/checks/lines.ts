import {
  type Blocker,
  type ChecksFix,
  describeBlocker,
  describeNotApplicable,
  describeUnavailable,
  entryLabel,
  type EntryStatus,
  type ProfileStatus,
} from '../../../features/checks/index.js';
import { groupedLines, type FixLineGroup } from '../../../features/fix/index.js';
import { escapeControl } from '../../../model/escape-text.js';
import { nameColumn, shownValue } from '../../text/change-line.js';
import { plainLine, type StyledLine, type Tone, wrapLine } from '../../text/styled-text.js';
import { profileSummary } from './rows.js';

/** What the plan page shows: nothing yet, kconfig planning, a plan, or why there is none. */
export type PlanOutcome =
  | { kind: 'none' }
  | { kind: 'running'; profile: string; recommended: boolean }
  | {
      kind: 'ready';
      profile: string;
      /** Which of the opened profiles (names can repeat: a user profile beside a shipped one). */
      index: number;
      fix: ChecksFix;
      /** The configuration's values when it was planned: a plan for other values is not applied. */
      values: readonly string[];
    }
  | { kind: 'failed'; profile: string; message: string };

const WANT_TEXT = { y: 'built in', 'y/m': 'built in or a module', n: 'off' } as const;
const STATE_TEXT = { y: 'built in', m: 'a module', n: 'not built' } as const;

/** Why an entry is off now: the tree cannot build it, or the blockers kconfig names (null while they are asked for). */
export function whyOffLines(status: EntryStatus, blockers: readonly Blocker[] | null, kernel: { version: string; srcArch: string }): string[] {
  if (status.verdict === 'met') return ['met'];
  if (status.notApplicable) return [describeNotApplicable(status.notApplicable)];
  if (status.unavailable) return [`cannot be had: ${describeUnavailable(status.unavailable, kernel)}`];
  if (blockers === null) return ['asking kconfig why...'];
  if (blockers.length === 0) return ['nothing keeps it off: f sets it'];
  return blockers.map((blocker) => `why off: ${describeBlocker(blocker)}`);
}

/** The detail under the list for an entry: wanted, why, what the config builds, and why it is off. */
export function entryDetail(
  status: EntryStatus,
  blockers: readonly Blocker[] | null,
  kernel: { version: string; srcArch: string },
  width: number,
): StyledLine[] {
  const { entry } = status;
  const lines: StyledLine[] = [
    plainLine(` wanted ${WANT_TEXT[entry.want]} (${entry.level}); the config has it ${STATE_TEXT[status.state]}`),
    plainLine(` reason: ${entry.reason || '(the profile gives none)'}`),
    ...whyOffLines(status, blockers, kernel).map((text) => plainLine(` ${text}`, status.met ? 'true' : 'false')),
  ];
  return lines.flatMap((line) => wrapLine(safeLine(line), width));
}

export function entryTitle(status: EntryStatus): string {
  return escapeControl(entryLabel(status));
}

/** The detail under the list for a profile: where it comes from and what it is for. */
export function profileDetail(status: ProfileStatus, width: number): StyledLine[] {
  const { profile } = status;
  const lines = [
    plainLine(` ${profileSummary(status)}`, status.met ? 'true' : 'false'),
    plainLine(` ${profile.description}`),
    plainLine(` ${profile.origin}${profile.path ? `: ${profile.path}` : ''}`, 'muted'),
    ...profile.sources.map((source) => plainLine(` from ${source}`, 'muted')),
    plainLine(' f plans the fix of its required entries (R: recommended too)', 'muted'),
  ];
  return lines.flatMap((line) => wrapLine(safeLine(line), width));
}

const GROUP_TITLE: Record<FixLineGroup, string> = {
  target: 'What the profile needs:',
  needed: 'What that needs:',
  removed: 'Turned off for it:',
  choice: 'Chosen in a choice:',
};

/** The plan as a diff: each change with its reason, what follows, what cannot be had and why. */
export function planLines(outcome: PlanOutcome, width: number): StyledLine[] {
  if (outcome.kind !== 'ready') return [];
  const { fix } = outcome;
  const { summary } = fix;
  const lines: StyledLine[] = [];
  const column = nameColumn(summary.lines.map((line) => ({ name: `CONFIG_${line.name}` })));
  for (const { group, lines: changes } of groupedLines(summary.lines)) {
    lines.push(plainLine(GROUP_TITLE[group], 'heading'));
    for (const change of changes) {
      const values = `${shownValue(change.from)} -> ${shownValue(change.to)}`;
      const tone: Tone = change.protectedTouched ? 'error' : 'plain';
      const yours = change.protectedTouched ? ' (you set this; no fix exists without changing it)' : '';
      lines.push(plainLine(` ${`CONFIG_${change.name}`.padEnd(column)}  ${values.padEnd(8)}  ${change.why}${yours}`, tone));
    }
  }
  if (summary.effects.length > 0) {
    lines.push(plainLine(`And ${summary.effects.length} other value${summary.effects.length === 1 ? '' : 's'} follow (defaults, selects):`, 'heading'));
    for (const effect of summary.effects) lines.push(plainLine(` CONFIG_${effect.name}  ${shownValue(effect.from)} -> ${shownValue(effect.to)}`, 'muted'));
  }
  if (summary.refused.length > 0) lines.push(plainLine('Cannot be had:', 'heading'));
  for (const refused of summary.refused) lines.push(plainLine(` CONFIG_${refused.name}=${refused.value}: ${refused.why}`, 'false'));
  for (const conflict of fix.conflicts) lines.push(plainLine(` CONFIG_${conflict.name}: one entry wants it on, another off; left as it is`, 'false'));
  return lines.flatMap((line) => wrapLine(safeLine(line), width));
}

/** The line over the plan page. */
export function planSummary(outcome: PlanOutcome, stale: boolean): { text: string; tone: Tone } {
  switch (outcome.kind) {
    case 'none':
      return { text: '', tone: 'muted' };
    case 'running':
      return { text: `Planning the fix of ${outcome.profile}${outcome.recommended ? ' (recommended entries too)' : ''}: kconfig is working...`, tone: 'muted' };
    case 'failed':
      return { text: `No fix for ${outcome.profile}: ${outcome.message}`, tone: 'error' };
    case 'ready': {
      const { summary } = outcome.fix;
      if (stale) return { text: 'The config changed since this was planned: Esc, then f plans again', tone: 'error' };
      if (summary.lines.length === 0) return { text: `Nothing to change${summary.refused.length > 0 ? '; what is left cannot be had' : ''}`, tone: 'heading' };
      const count = `${summary.lines.length} change${summary.lines.length === 1 ? '' : 's'}`;
      return {
        text: `${count}; Enter applies them as one step (u undoes)${summary.refused.length > 0 ? `; ${summary.refused.length} cannot be had` : ''}`,
        tone: 'heading',
      };
    }
  }
}

function safeLine(line: StyledLine): StyledLine {
  return line.map((segment) => ({ ...segment, text: escapeControl(segment.text) }));
}
