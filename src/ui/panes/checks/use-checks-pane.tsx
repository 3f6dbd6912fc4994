/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { escapeControl } from '../../../model/escape-text.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext, PaneTitle } from '../../shell/pane.js';
import { ChecksContent } from './content.js';
import { type PlanOutcome, planLines } from './lines.js';
import { type ChecksRow, checksRows } from './rows.js';
import { checksMode, checksPaneKey, checksPaneLayout, type ChecksPaneState, initialChecksPane, settleChecksPane } from './state.js';
import { type ChecksSourceOptions, useChecksProfiles } from './use-checks-profiles.js';
import { type LiveChecks, useChecksIntents, useEntryBlockers, valuesOf } from './use-checks-work.js';

export type { ChecksSourceOptions } from './use-checks-profiles.js';

const sameValues = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * Requirement checks (`C`): every profile with its status, its entries with the reason each is
 * wanted and why it is off, a fix planned as a diff and applied as one undoable step. Also the
 * header's warning: a loaded profile that was met and is not any more.
 */
export function useChecksPane(context: PaneContext, source: ChecksSourceOptions, hardware: HardwareSourceOptions): { pane: Pane; warning: string | null } {
  const { session, config, ui, layout } = context;
  const open = ui.pane.kind === 'checks';
  const profiles = useChecksProfiles(session, config, open || hardware.hwFrom !== undefined, source, hardware);
  const [plan, setPlan] = useState<PlanOutcome>({ kind: 'none' });
  const stateRef = useRef<ChecksPaneState>(initialChecksPane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  const rows = useMemo(
    () => (profiles.statuses && profiles.opened ? checksRows(profiles.statuses, profiles.opened.problems) : null),
    [profiles.statuses, profiles.opened],
  );
  const sizes = checksPaneLayout(layout.page);
  const state = settleChecksPane(stateRef.current, rows, sizes.list);
  stateRef.current = state;
  // Every value of the tree, only to tell a plan made for other values (not at each toggle while none is shown).
  const values = useMemo(() => (plan.kind === 'ready' ? valuesOf(config) : []), [plan.kind, config]);
  const stale = plan.kind === 'ready' && !sameValues(plan.values, values);
  const applicable = plan.kind === 'ready' && !stale && plan.fix.summary.lines.length > 0;
  const lines = useMemo(() => planLines(plan, layout.columns), [plan, layout.columns]);
  const blockers = useEntryBlockers(profiles.opened, rows?.[state.cursor], config);

  const live = useRef<LiveChecks>({ context, opened: profiles.opened, plan, values });
  live.current = { context, opened: profiles.opened, plan, values };
  const perform = useChecksIntents(live, setPlan, profiles.reload);
  const env = useRef({ rows, listHeight: sizes.list, planLines: lines.length, planHeight: layout.page - 1, planApplicable: applicable });
  env.current = { rows, listHeight: sizes.list, planLines: lines.length, planHeight: layout.page - 1, planApplicable: applicable };

  const onKey = useCallback(
    (key: KeyEvent) => {
      const before = stateRef.current;
      const result = checksPaneKey(before, key, env.current);
      if (result.state !== before) {
        stateRef.current = result.state;
        rerender();
      }
      perform(result.intent);
    },
    [perform],
  );

  const pane: Pane = {
    title: () => checksTitle(state, rows, plan, lines.length, layout.page),
    hints: () => hintsOf(KEYMAP[checksMode(state, applicable)]),
    content: (height) => (
      <ChecksContent
        state={state}
        loading={profiles.status}
        rows={rows}
        blockers={blockers}
        plan={plan}
        planLines={lines}
        stale={stale}
        kernel={{ version: session.kernel.version, srcArch: session.kernel.srcArch }}
        width={layout.columns}
        height={height}
      />
    ),
    onKey,
    takesText: () => false,
  };
  return { pane, warning: profiles.warning };
}

function checksTitle(state: ChecksPaneState, rows: ChecksRow[] | null, plan: PlanOutcome, total: number, height: number): PaneTitle {
  if (state.page === 'plan') {
    const page = height - 1;
    const position = total > page ? `${state.planTop + 1}-${Math.min(total, state.planTop + page)}/${total}` : '';
    const name = plan.kind === 'none' ? '' : plan.profile;
    return { text: escapeControl(`Checks: the fix of ${name}`), position, keep: 'start' };
  }
  return { text: 'Requirement checks', position: rows && rows.length > 0 ? `${state.cursor + 1}/${rows.length}` : '', keep: 'start' };
}
