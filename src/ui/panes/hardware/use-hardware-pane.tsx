/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { primaryNode } from '../../../model/menu-path.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import { clearMessage, type Pane, type PaneContext, runFromPane } from '../../shell/pane.js';
import { HardwareContent } from './content.js';
import { reportPageLines } from './lines.js';
import { hardwarePaneKey, hardwarePaneLayout, type HardwarePaneState, initialHardwarePane, settleHardwarePane } from './state.js';
import { useHardwareReport } from './use-hardware-report.js';

/**
 * What the configuration lacks for a machine's hardware (`d`): the report (computed once the
 * pane is first opened, kept while it is closed, recomputed after changes), the cursor and the marks.
 */
export function useHardwarePane(context: PaneContext, source: HardwareSourceOptions): Pane {
  const { session, config, ui, layout } = context;
  const { status, refresh } = useHardwareReport(session, source, config, ui.pane.kind === 'hardware');
  const stateRef = useRef<HardwarePaneState>(initialHardwarePane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const report = status.kind === 'ready' ? status.report : null;
  const reportLines = useMemo(() => (report ? reportPageLines(report, layout.columns) : []), [report, layout.columns]);
  const sizes = hardwarePaneLayout(layout.page);
  const suggestions = report?.suggestions ?? null;
  stateRef.current = settleHardwarePane(stateRef.current, suggestions?.length ?? 0, sizes.list);

  const live = useRef({ context, suggestions, reportLines, sizes, refresh });
  live.current = { context, suggestions, reportLines, sizes, refresh };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, suggestions: list, reportLines: lines, sizes: layoutNow, refresh: reread } = live.current;
    clearMessage(current.host);
    const before = stateRef.current;
    const outcome = hardwarePaneKey(before, key, {
      suggestions: list,
      perPage: layoutNow.list,
      reportLines: lines.length,
      reportHeight: current.layout.page - layoutNow.header,
      nodeOf: (name) => {
        const symbol = current.session.symbol(name);
        return symbol ? primaryNode(current.session.model, symbol) : -1;
      },
      modulesOff: current.session.symbol('MODULES') !== undefined && current.session.value('MODULES') !== 'y',
    });
    if (outcome.state !== before) {
      stateRef.current = outcome.state;
      rerender();
    }
    if (outcome.refresh) reread();
    runFromPane(current.host, outcome.intent, current.session);
  }, []);

  const state = stateRef.current;
  const total = report?.suggestions.length ?? 0;
  return {
    title: () => ({ text: 'Hardware suggestions', position: total > 0 ? `${state.cursor + 1}/${total}` : '', keep: 'start' }),
    hints: () => hintsOf(KEYMAP[state.page === 'list' ? 'hardware.list' : state.page === 'report' ? 'hardware.report' : 'hardware.modules']),
    content: (height) => <HardwareContent status={status} state={state} reportLines={reportLines} width={layout.columns} height={height} />,
    onKey,
    takesText: () => false,
  };
}
