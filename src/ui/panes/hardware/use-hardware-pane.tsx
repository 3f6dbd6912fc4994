/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { primaryNode } from '../../../model/menu-path.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP, type KeymapMode } from '../../keymap.js';
import { clearMessage, type Pane, type PaneContext } from '../../shell/pane.js';
import { HardwareContent } from './content.js';
import { type HardwarePlanOutcome, planPageLines, reportPageLines } from './lines.js';
import { hardwarePaneKey, hardwarePaneLayout, type HardwarePaneState, initialHardwarePane, settleHardwarePane } from './state.js';
import { useHardwareReport } from './use-hardware-report.js';
import { type LiveHardware, useHardwareIntents } from './use-hardware-work.js';

const MODES: Record<HardwarePaneState['page'], KeymapMode> = {
  list: 'hardware.list',
  report: 'hardware.report',
  modules: 'hardware.modules',
  plan: 'hardware.plan',
};

/**
 * What the configuration lacks for a machine's hardware (`d`): the report (computed once the
 * pane is first opened, kept while it is closed, recomputed after changes), the cursor and the
 * marks; accepting shows the fix as a diff first, applied as one undoable step.
 */
export function useHardwarePane(context: PaneContext, source: HardwareSourceOptions): Pane {
  const { session, config, ui, layout } = context;
  const { status, refresh } = useHardwareReport(session, source, config, ui.pane.kind === 'hardware');
  const stateRef = useRef<HardwarePaneState>(initialHardwarePane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const [plan, setPlan] = useState<HardwarePlanOutcome>({ kind: 'none' });
  const report = status.kind === 'ready' ? status.report : null;
  const reportLines = useMemo(() => (report ? reportPageLines(report, layout.columns) : []), [report, layout.columns]);
  const planLines = useMemo(() => planPageLines(plan, session.model, layout.columns), [plan, session.model, layout.columns]);
  const stale = plan.kind === 'ready' && plan.config !== config;
  const applicable = plan.kind === 'ready' && !stale && plan.planned.plan.changes.length > 0;
  const sizes = hardwarePaneLayout(layout.page);
  const suggestions = report?.suggestions ?? null;
  stateRef.current = settleHardwarePane(stateRef.current, suggestions?.length ?? 0, sizes.list);

  const now = { context, plan, suggestions, lines: reportLines.length, planLines: planLines.length, applicable, refresh };
  const live = useRef<LiveHardware & typeof now>(now);
  live.current = now;
  const perform = useHardwareIntents(live, setPlan);

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { context: current, suggestions: list, lines, planLines: planCount, applicable: canApply, refresh: reread } = live.current;
      clearMessage(current.host);
      const before = stateRef.current;
      const layoutNow = hardwarePaneLayout(current.layout.page);
      const outcome = hardwarePaneKey(before, key, {
        suggestions: list,
        perPage: layoutNow.list,
        reportLines: lines,
        reportHeight: current.layout.page - layoutNow.header,
        nodeOf: (name) => {
          const symbol = current.session.symbol(name);
          return symbol ? primaryNode(current.session.model, symbol) : -1;
        },
        modulesOff: current.session.symbol('MODULES') !== undefined && current.session.value('MODULES') !== 'y',
        planLines: planCount,
        planHeight: current.layout.page - 1,
        planApplicable: canApply,
      });
      if (outcome.state !== before) {
        stateRef.current = outcome.state;
        rerender();
      }
      if (outcome.refresh) reread();
      perform(outcome.intent);
    },
    [perform],
  );

  const state = stateRef.current;
  const total = report?.suggestions.length ?? 0;
  const mode = state.page === 'plan' && !applicable ? 'hardware.plan-outcome' : MODES[state.page];
  return {
    title: () => hardwareTitle(state, total, planLines.length, layout.page),
    hints: () => hintsOf(KEYMAP[mode]),
    content: (height) => (
      <HardwareContent
        status={status}
        state={state}
        reportLines={reportLines}
        plan={plan}
        planLines={planLines}
        stale={stale}
        width={layout.columns}
        height={height}
      />
    ),
    onKey,
    takesText: () => false,
  };
}

function hardwareTitle(state: HardwarePaneState, total: number, planTotal: number, height: number) {
  if (state.page === 'plan') {
    const page = height - 1;
    const position = planTotal > page ? `${state.planTop + 1}-${Math.min(planTotal, state.planTop + page)}/${planTotal}` : '';
    return { text: 'Hardware suggestions: the fix that accepts them', position, keep: 'start' as const };
  }
  return { text: 'Hardware suggestions', position: total > 0 ? `${state.cursor + 1}/${total}` : '', keep: 'start' as const };
}
