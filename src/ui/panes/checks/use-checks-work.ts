import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback, useEffect, useState } from 'react';
import type { Blocker, OpenedProfiles } from '../../../features/checks/index.js';
import type { ConfigState } from '../../../model/types.js';
import { plural } from '../../../model/plural.js';
import { errorText } from '../../intents/messages.js';
import { clearMessage, type PaneContext, runFromPane } from '../../shell/pane.js';
import type { PlanOutcome } from './lines.js';
import type { ChecksRow } from './rows.js';
import type { ChecksIntent } from './state.js';

/** Why the highlighted entry is off, asked of kconfig for the values shown (null while it answers). */
export function useEntryBlockers(opened: OpenedProfiles | null, row: ChecksRow | undefined, config: ConfigState): readonly Blocker[] | null {
  const [loaded, setLoaded] = useState<{ key: string; config: ConfigState; blockers: Blocker[] } | null>(null);
  const entry = row?.kind === 'entry' && !row.status.met && !row.status.unavailable ? row : null;
  const key = entry ? `${entry.profile}:${entry.entry}` : '';
  useEffect(() => {
    const checks = entry && opened?.checks[entry.profile];
    if (!checks || !entry) return;
    let current = true;
    checks.blockers(0, entry.entry).then(
      (blockers) => current && setLoaded({ key, config, blockers }),
      () => undefined,
    );
    return () => {
      current = false;
    };
    // The entry is named by its key: its status object is new after every evaluation.
  }, [opened, key, config]);
  if (!entry) return [];
  return loaded && loaded.key === key && loaded.config === config ? loaded.blockers : null;
}

/** What the checks pane knows now, read by its key handler and its work. */
export interface LiveChecks {
  context: PaneContext;
  opened: OpenedProfiles | null;
  plan: PlanOutcome;
  values: readonly string[];
}

export const valuesOf = (config: ConfigState): string[] => config.symbols.map((symbol) => symbol.value);

/** Runs what the checks pane's keys ask for: a fix planned or applied (queued like every engine request), or an intent for the App. */
export function useChecksIntents(
  live: MutableRefObject<LiveChecks>,
  setPlan: Dispatch<SetStateAction<PlanOutcome>>,
  reload: () => void,
): (intent: ChecksIntent) => void {
  return useCallback(
    (intent: ChecksIntent) => {
      const { context, opened, plan } = live.current;
      const say = (text: string, tone: 'info' | 'error' = 'info'): void => context.host.dispatch({ type: 'message', message: { text, tone } });
      const queue = (run: () => Promise<void>): void => {
        clearMessage(context.host);
        context.host.run({ kind: 'work', run });
      };
      switch (intent.kind) {
        case 'plan': {
          const checks = opened?.checks[intent.profile];
          if (!checks) return;
          const profile = checks.profiles[0]?.name ?? '?';
          setPlan({ kind: 'running', profile, recommended: intent.recommended });
          return queue(async () => {
            try {
              const fix = await checks.planFix({ recommended: intent.recommended });
              setPlan({ kind: 'ready', profile, index: intent.profile, fix, values: valuesOf(context.session.state) });
            } catch (cause) {
              setPlan({ kind: 'failed', profile, message: errorText(cause) });
            }
          });
        }
        case 'apply-plan': {
          if (plan.kind !== 'ready') return;
          const checks = opened?.checks[plan.index];
          if (!checks) return;
          return queue(async () => {
            const report = await checks.applyFix(plan.fix);
            setPlan({ kind: 'none' });
            if (!report.applied?.ok) return say(`The fix of ${plan.profile} did not hold in kconfig; nothing changed`, 'error');
            const left = report.unmet.length > 0 ? `; ${report.unmet.length} ${report.unmet.length === 1 ? 'entry' : 'entries'} cannot be had` : '';
            say(`Fixed ${plan.profile} in one step: ${plural(report.applied.changed.length, 'value')} changed (u undoes)${left}`);
          });
        }
        case 'reload':
          reload();
          return say('Reading the profiles again...');
        default:
          return runFromPane(context.host, intent, context.session);
      }
    },
    [live, setPlan, reload],
  );
}
