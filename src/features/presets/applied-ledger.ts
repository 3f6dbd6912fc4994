import type { Session, ValueChange } from '../../engine/session.js';
import { type AppliedPresets, unapplyPresets } from './apply-presets.js';

interface AppliedRecord {
  /** What the frontend calls the presets applied together (the presets pane's keys). */
  keys: readonly string[];
  applied: AppliedPresets;
}

/** Whether the history right after an apply still leads the session's history: the apply was not undone. */
function stillApplied(record: AppliedRecord, history: readonly string[]): boolean {
  const then = record.applied.history;
  return then.length <= history.length && then.every((label, index) => label === history[index]);
}

export type TakeBackOutcome =
  /** Not applied through this ledger, or undone since. */
  | { kind: 'not-applied' }
  /** The values the presets changed went back; `together` names presets applied with it. */
  | { kind: 'taken-back'; changes: ValueChange[]; together: string[] };

/**
 * The presets applied in a session that can still be taken back: each apply, until it is undone
 * or taken back. Taking back undoes the apply when nothing happened since, else sets back the
 * values it changed that nothing changed since (unapplyPresets).
 */
export class AppliedLedger {
  private records: AppliedRecord[] = [];

  record(keys: readonly string[], applied: AppliedPresets): void {
    this.records.push({ keys, applied });
  }

  /** Keys of the presets applied and not undone since. */
  appliedKeys(history: readonly string[]): Set<string> {
    return new Set(this.records.filter((record) => stillApplied(record, history)).flatMap((record) => record.keys));
  }

  async takeBack(session: Session, key: string): Promise<TakeBackOutcome> {
    const history = session.history;
    const record = [...this.records].reverse().find((entry) => entry.keys.includes(key) && stillApplied(entry, history));
    if (!record) return { kind: 'not-applied' };
    const changes = await unapplyPresets(session, record.applied);
    this.records = this.records.filter((entry) => entry !== record);
    return { kind: 'taken-back', changes, together: record.keys.length > 1 ? record.applied.presets : [] };
  }
}
