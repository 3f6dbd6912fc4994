/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import type { Carried } from '../../../features/upgrade/index.js';
import { primaryNode } from '../../../model/menu-path.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import { clearMessage, type Pane, type PaneContext, type PaneHost, runFromPane } from '../../shell/pane.js';
import { UpgradeContent } from './content.js';
import { type ReviewMarks, reviewRows } from './rows.js';
import { firstOpen, initialUpgradePane, settleUpgradePane, upgradePaneKey, type UpgradePaneState, type UpgradeWork, upgradePaneLayout } from './state.js';
import { offerUpgradeReview, runUpgradeWork, type WorkReply } from './upgrade-work.js';
import { useUpgradeReport } from './use-upgrade-report.js';

/** What fix work tells the pane: the blockers of an entry (kept in the review's marks) and the status line. */
function workReply(updateMarks: (change: (marks: ReviewMarks) => ReviewMarks) => void, host: PaneHost): WorkReply {
  return {
    blocked: (name, why) =>
      updateMarks((before) => {
        const blocked = { ...before.blocked };
        if (why === null) delete blocked[name];
        else blocked[name] = why;
        return { ...before, blocked };
      }),
    say: (text, tone = 'info') => host.dispatch({ type: 'message', message: { text, tone } }),
  };
}

/**
 * The upgrade review (`v`, and opened by itself when `o` loads a config written by another
 * kernel release): lost values first, then the new options menu by menu, then changed defaults.
 * Fixes are the session's steps (u undoes them); accepting a default changes nothing.
 */
export function useUpgradePane(context: PaneContext, hardware: HardwareSourceOptions): Pane {
  const { session, config, ui, layout, host } = context;
  const open = ui.pane.kind === 'upgrade';
  const status = useUpgradeReport(session, hardware, open, ui.pane.kind === 'upgrade' ? ui.pane.source : null);
  const carried = status.kind === 'ready' ? status.carried : null;
  const stateRef = useRef<UpgradePaneState>(initialUpgradePane());
  const reviewed = useRef<Carried | null>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const sizes = upgradePaneLayout(layout.page);
  const marks = stateRef.current.marks;
  // The rows follow the session: a fix or its undo shows at once.
  const rows = useMemo(() => (carried ? reviewRows(session, carried, marks) : []), [session, carried, marks, config]);
  if (carried && reviewed.current !== carried) {
    reviewed.current = carried;
    const fresh = initialUpgradePane();
    const first = reviewRows(session, carried, fresh.marks);
    const start = firstOpen(first);
    stateRef.current = settleUpgradePane({ ...fresh, cursor: start, top: Math.max(0, start - 1) }, first.length, sizes.list);
  }
  stateRef.current = settleUpgradePane(stateRef.current, rows.length, sizes.list);

  useEffect(() => {
    void offerUpgradeReview(session, host, session.kernel.configPath, false);
  }, [session, host]);

  const live = useRef({ context, rows, carried, sizes });
  live.current = { context, rows, carried, sizes };

  const updateMarks = useCallback((change: (marks: ReviewMarks) => ReviewMarks) => {
    stateRef.current = { ...stateRef.current, marks: change(stateRef.current.marks) };
    rerender();
  }, []);

  const startWork = useCallback(
    (work: UpgradeWork) => {
      const { context: current } = live.current;
      const reply = workReply(updateMarks, current.host);
      current.host.run({ kind: 'work', run: () => runUpgradeWork(current.session, work, reply) });
    },
    [updateMarks],
  );

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { context: current, rows: list, carried: report, sizes: now } = live.current;
      clearMessage(current.host);
      const before = stateRef.current;
      const outcome = upgradePaneKey(before, key, {
        rows: report ? list : null,
        perPage: now.list,
        nodeOf: (name) => {
          const symbol = current.session.symbol(name);
          return symbol ? primaryNode(current.session.model, symbol) : -1;
        },
      });
      if (outcome.state !== before) {
        stateRef.current = outcome.state;
        rerender();
      }
      if (outcome.work) startWork(outcome.work);
      runFromPane(current.host, outcome.intent, current.session);
    },
    [startWork],
  );

  const state = stateRef.current;
  const from = carried?.report.scope.from;
  return {
    title: () => ({
      text: `Upgrade review${from ? `: config of Linux ${from.version}` : ''}`,
      position: rows.length > 0 ? `${state.cursor + 1}/${rows.length}` : '',
      keep: 'start',
    }),
    hints: () => hintsOf(KEYMAP.upgrade),
    content: (height) => <UpgradeContent status={status} rows={rows} state={state} version={session.kernel.version} width={layout.columns} height={height} />,
    onKey,
    takesText: () => false,
  };
}
