/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useEffect, useRef } from 'react';
import type { MenuRow } from '../../../model/menu-rows.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { currentFrame } from '../../shell/ui-state.js';
import { prefetchExplanations, useExplanation } from '../../shell/use-explanation.js';
import { needsExplanation } from '../../text/why-text.js';
import { MenuContent } from './content.js';
import { explainedNeighbours } from './prefetch.js';
import { menuTitle } from './lines.js';
import { inChoice, menuKey } from './state.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

/**
 * The menu as menuconfig shows it: the entries of the menu on screen with their values, the
 * info pane under them, and menuconfig's keys (and tuxconf's: search, changes, presets ...).
 */
export function useMenuPane(context: PaneContext, rows: readonly MenuRow[], rowsOf: (ui: PaneContext['ui']) => readonly MenuRow[]): Pane {
  const { session, config, ui, layout } = context;
  const frame = currentFrame(ui);
  const choice = inChoice(ui, session.model);
  const cursorNode = rows[frame.cursor]?.node ?? -1;
  const node = session.model.nodes[cursorNode];
  const info = nodeSymbol(session.model, node);
  const state = info ? config.symbols[info.index] : undefined;
  const shown = ui.pane.kind === 'menu' && ui.infoPane && info && state && needsExplanation(info, state);
  const explanation = useExplanation(session, shown ? info.name : null, config);
  const prefetch = ui.pane.kind === 'menu' && ui.infoPane;
  useEffect(() => {
    if (!prefetch) return;
    // After this frame is written (the frame writer flushes on the same queue, first).
    const later = setImmediate(() => prefetchExplanations(session, explainedNeighbours(session.model, config, rows, frame.cursor), config));
    return () => clearImmediate(later);
  }, [prefetch, session, config, rows, frame.cursor]);
  const live = useRef({ context, rowsOf });
  live.current = { context, rowsOf };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, rowsOf: rowsNow } = live.current;
    const now = current.host.current();
    if (now.message) current.host.dispatch({ type: 'message', message: null });
    const rowAtCursor = rowsNow(now)[currentFrame(now).cursor];
    current.host.run(menuKey(now, key, { model: current.session.model, config: current.session.state, rowAtCursor }));
  }, []);

  return {
    title: () => ({
      ...menuTitle(
        session.model,
        ui.stack.map((entry) => entry.menu),
        frame.cursor,
        rows.length,
      ),
      keep: 'end',
    }),
    hints: () => hintsOf(choice ? KEYMAP.choice : KEYMAP.menu),
    content: (height) => (
      <MenuContent
        model={session.model}
        config={config}
        rows={rows}
        frame={frame}
        showNames={ui.showNames}
        showAll={ui.showAll}
        inChoice={choice}
        listHeight={Math.max(1, height - layout.info)}
        infoHeight={layout.info}
        explanation={explanation}
        width={layout.columns}
      />
    ),
    onKey,
    takesText: () => false,
  };
}
