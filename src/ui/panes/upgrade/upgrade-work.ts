import type { Session } from '../../../engine/session.js';
import { describeBlocked } from '../../../features/upgrade/describe.js';
import { type EntryFix, fixLostEntries, fromOtherRelease, planEntryFix, readOldConfig } from '../../../features/upgrade/index.js';
import { describeHeader } from '../../../features/upgrade/old-config.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { PaneHost } from '../../shell/pane.js';
import type { UpgradeWork } from './state.js';

/** What the work reports back to the pane: what blocked an entry's fix (null: nothing now), and a status line. */
export interface WorkReply {
  blocked(name: string, why: string | null): void;
  say(text: string, tone?: 'info' | 'error'): void;
}

function changeList(changes: { name: string; to: string }[]): string {
  const shown = changes.slice(0, 3).map((change) => `${change.name}=${change.to}`);
  return `${shown.join(', ')}${changes.length > 3 ? ` and ${changes.length - 3} more` : ''}`;
}

function blockedText(fix: EntryFix): string {
  return describeBlocked(fix)
    .replace(/^=/, `CONFIG_${fix.entry.name}=`)
    .replace(/^ via /, '');
}

/** Fixes one lost entry through enable-with-dependencies: planned, then applied as one undoable step. */
async function fixOne(session: Session, work: Extract<UpgradeWork, { kind: 'fix' }>, reply: WorkReply): Promise<void> {
  const { entry } = work;
  const planned = await planEntryFix(session, entry, work.successor, { protect: work.protect });
  if (!planned) return reply.say(`Nothing in this tree stands in for CONFIG_${entry.name}: a accepts it as this tree has it`, 'error');
  const fix = planned.entries[0]!;
  if (fix.status === 'met') return reply.say(`CONFIG_${entry.name} holds already`);
  if (fix.status === 'impossible') {
    reply.blocked(entry.name, blockedText(fix));
    return reply.say(`Cannot fix: ${blockedText(fix)}`, 'error');
  }
  const outcome = await session.applyFix(planned.plan);
  if (!outcome.ok) {
    const why = outcome.refused.map((refusal) => refusal.reason).join('; ') || `the fix did not make ${outcome.unmet.join(', ')} hold`;
    reply.blocked(entry.name, why);
    return reply.say(`Not fixed: ${why}`, 'error');
  }
  reply.blocked(entry.name, null);
  reply.say(`Fixed CONFIG_${entry.name} in one step: ${changeList(planned.plan.changes)}; u takes it back`);
}

/** Fixes every open lost entry that can be fixed without asking, with one plan applied as one step. */
async function fixAll(session: Session, work: Extract<UpgradeWork, { kind: 'fix-all' }>, reply: WorkReply): Promise<void> {
  const outcome = await fixLostEntries(session, work.entries, { protect: work.protect });
  for (const fix of outcome.refused) reply.blocked(fix.entry.name, blockedText(fix));
  const changes = outcome.plan?.changes ?? [];
  const done =
    outcome.fixed.length > 0
      ? `Fixed ${outcome.fixed.length} lost values in one step (${changes.length} changes: ${changeList(changes)}); u takes it back`
      : 'Nothing to fix';
  reply.say(
    `${done}; ${outcome.refused.length} cannot be had ([!]), ${outcome.accepted.length} left to decide one by one`,
    outcome.applied && !outcome.applied.ok ? 'error' : 'info',
  );
}

export function runUpgradeWork(session: Session, work: UpgradeWork, reply: WorkReply): Promise<void> {
  return work.kind === 'fix' ? fixOne(session, work, reply) : fixAll(session, work, reply);
}

/**
 * After the menu loaded a config (at start, or with `o`): when its header names another kernel
 * release, offer the review (open it, or say so when another pane is open).
 */
export async function offerUpgradeReview(session: Session, host: PaneHost, path: string, open: boolean): Promise<void> {
  const old = await readOldConfig(path).catch(() => null);
  if (!old || !fromOtherRelease(old.header, session.kernel.version)) return;
  if (open && host.current().pane.kind === 'menu') {
    host.dispatch({ type: 'open', pane: { kind: 'upgrade', source: path } });
    return;
  }
  const text = `This config was written by ${describeHeader(old.header)} (this tree: ${session.kernel.version}): v reviews what was lost and what is new`;
  host.dispatch({ type: 'message', message: { text: escapeControl(text), tone: 'info' } });
}
