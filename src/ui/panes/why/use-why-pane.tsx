/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useRef } from 'react';
import { primaryNode } from '../../../model/menu-path.js';
import { PageLines } from '../../components/page-lines.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import { nodeTitle } from '../../shell/node-name.js';
import { symbolOfNode } from '../../intents/context.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { useExplanation } from '../../shell/use-explanation.js';
import { pagePosition } from '../help/state.js';
import { whyPage, withCursor } from './lines.js';
import { selectedReason, whyKey } from './state.js';

/** "Why can't I change this?": only the terms that hold the value; Enter on one shows its symbol in its menu. */
export function useWhyPane(context: PaneContext): Pane {
  const { session, config, ui, layout } = context;
  const pane = ui.pane.kind === 'why' ? ui.pane : null;
  const explanation = useExplanation(session, pane ? symbolOfNode(session, pane.node) : null, config);
  const page = useMemo(
    () => (pane ? whyPage(session.model, config, pane.node, explanation, layout.columns) : { lines: [], reasons: [] }),
    [session, config, pane?.node, explanation, layout.columns],
  );
  const live = useRef({ context, page });
  live.current = { context, page };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, page: shown } = live.current;
    const state = current.host.current().pane;
    if (state.kind !== 'why') return;
    const nodeOf = (name: string): number => {
      const symbol = current.session.symbol(name);
      return symbol ? primaryNode(current.session.model, symbol) : -1;
    };
    const outcome = whyKey(state, key, { lines: shown.lines.length, height: current.layout.page, reasons: shown.reasons, nodeOf });
    if (outcome.state !== state) current.host.dispatch({ type: 'update', pane: outcome.state });
    current.host.run(outcome.intent);
  }, []);

  const content = (height: number) => {
    const at = pane ? page.reasons[selectedReason(pane, page)]?.line : undefined;
    const lines = at === undefined ? page.lines : page.lines.map((line, index) => (index === at ? withCursor(line) : line));
    return <PageLines lines={lines} top={pane?.top ?? 0} width={layout.columns} height={height} />;
  };
  return {
    title: () => ({
      text: `Why: ${pane ? nodeTitle(session.model, pane.node) : ''}`,
      position: pagePosition(pane?.top ?? 0, page.lines.length, layout.page),
      keep: 'start',
    }),
    hints: () => hintsOf(page.reasons.length > 0 ? KEYMAP.why : KEYMAP['why.page']),
    content,
    onKey,
    takesText: () => false,
  };
}
