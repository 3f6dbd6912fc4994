/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useRef } from 'react';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import { PageLines } from '../../components/page-lines.js';
import { nodeTitle } from '../../shell/node-name.js';
import { symbolOfNode } from '../../intents/context.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { useExplanation } from '../../shell/use-explanation.js';
import { helpPageLines } from './lines.js';
import { helpKey, pagePosition } from './state.js';

/** The help page of an entry: why it is locked, menuconfig's help text with its lists folded, and the keys. */
export function useHelpPane(context: PaneContext): Pane {
  const { session, config, ui, layout } = context;
  const pane = ui.pane.kind === 'help' ? ui.pane : null;
  const explanation = useExplanation(session, pane ? symbolOfNode(session, pane.node) : null, config);
  const lines = useMemo(
    () => (pane ? helpPageLines(session.model, config, pane.node, pane.text, pane.expanded, explanation, layout.columns) : []),
    [session, config, pane?.node, pane?.text, pane?.expanded, explanation, layout.columns],
  );
  const live = useRef({ context, lines });
  live.current = { context, lines };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, lines: page } = live.current;
    const state = current.host.current().pane;
    if (state.kind !== 'help') return;
    const outcome = helpKey(state, key, { lines: page.length, height: current.layout.page });
    if (outcome.state !== state) current.host.dispatch({ type: 'update', pane: outcome.state });
    current.host.run(outcome.intent);
  }, []);

  return {
    title: () => ({
      text: `Help: ${pane ? nodeTitle(session.model, pane.node) : ''}`,
      position: pagePosition(pane?.top ?? 0, lines.length, layout.page),
      keep: 'start',
    }),
    hints: () => hintsOf(KEYMAP.help),
    content: (height) => <PageLines lines={lines} top={pane?.top ?? 0} width={layout.columns} height={height} />,
    onKey,
    takesText: () => false,
  };
}
