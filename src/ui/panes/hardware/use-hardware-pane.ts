import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { Session } from '../../../engine/session.js';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { primaryNode } from '../../../model/menu-path.js';
import type { ConfigState } from '../../../model/types.js';
import type { KeyEvent } from '../../input/key-event.js';
import { reportPageLines } from './lines.js';
import {
  hardwarePaneKey,
  hardwarePaneLayout,
  initialHardwarePane,
  settleHardwarePane,
  type HardwarePaneState,
} from './state.js';
import type { StyledLine } from '../../text/styled-text.js';
import { clearMessage, runFromPane, type PaneHost } from '../../shell/pane.js';
import { useHardwareReport, type HardwareReportState } from './use-hardware-report.js';

export interface HardwarePane {
  state: HardwarePaneState;
  status: HardwareReportState;
  /** The whole report for the `i` view, wrapped to the pane's width. */
  reportLines: StyledLine[];
  onKey(key: KeyEvent): void;
}

/**
 * The hardware pane's state: the report (computed once the pane is first opened, kept while it
 * is closed, recomputed after changes), the cursor and the marks.
 */
export function useHardwarePane(options: {
  session: Session;
  source: HardwareSourceOptions;
  config: ConfigState;
  /** The pane is on screen. */
  open: boolean;
  width: number;
  height: number;
  host: PaneHost;
}): HardwarePane {
  const { session, config, width, height } = options;
  const { status, refresh } = useHardwareReport(session, options.source, config, options.open);
  const stateRef = useRef<HardwarePaneState>(initialHardwarePane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const report = status.kind === 'ready' ? status.report : null;
  const reportLines = useMemo(() => (report ? reportPageLines(report, width) : []), [report, width]);
  const layout = hardwarePaneLayout(height);
  const suggestions = report?.suggestions ?? null;
  stateRef.current = settleHardwarePane(stateRef.current, suggestions?.length ?? 0, layout.list);

  const live = useRef({ options, suggestions, reportLines, layout, refresh });
  live.current = { options, suggestions, reportLines, layout, refresh };

  const onKey = useCallback((key: KeyEvent) => {
    const { options: current, suggestions: list, reportLines: lines, layout: sizes, refresh: reread } = live.current;
    clearMessage(current.host);
    const before = stateRef.current;
    const outcome = hardwarePaneKey(before, key, {
      suggestions: list,
      perPage: sizes.list,
      reportLines: lines.length,
      reportHeight: current.height - sizes.header,
      nodeOf: (name) => {
        const symbol = current.session.symbol(name);
        return symbol ? primaryNode(current.session.model, symbol) : -1;
      },
    });
    if (outcome.state !== before) {
      stateRef.current = outcome.state;
      rerender();
    }
    if (outcome.refresh) reread();
    if (outcome.intent.kind !== 'none') {
      runFromPane(current.host, outcome.intent, (node) => {
        const symbol = current.session.model.nodes[node]?.symbol ?? -1;
        return current.session.model.symbols[symbol]?.name ?? null;
      });
    }
  }, []);

  return { state: stateRef.current, status, reportLines, onKey };
}
