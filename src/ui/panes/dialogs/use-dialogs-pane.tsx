/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useRef } from 'react';
import { PageLines } from '../../components/page-lines.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { plainLine } from '../../text/styled-text.js';
import { pagePosition } from '../help/state.js';
import { DialogSheet } from './content.js';
import { draftOfferLines } from './lines.js';
import { dialogKey, dialogMode, isDialog } from './state.js';

/**
 * The dialogs: the value editor, the file name, quit and overwrite as sheets under the pane
 * they were opened over (`under`), and the offer of an earlier session's unsaved changes.
 */
export function useDialogsPane(context: PaneContext, under: Pane, unsaved: string): Pane {
  const { session, ui, layout } = context;
  const dialog = isDialog(ui.pane) ? ui.pane : null;
  const offer = dialog?.kind === 'restore' ? dialog.offer : null;
  const lines = useMemo(
    () => (offer ? draftOfferLines(session.model, offer).map((line, index) => plainLine(line, index === 0 ? 'heading' : 'plain')) : []),
    [session, offer],
  );
  const live = useRef({ context, lines });
  live.current = { context, lines };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, lines: page } = live.current;
    const state = current.host.current().pane;
    if (!isDialog(state)) return;
    const outcome = dialogKey(state, key, { lines: page.length, height: current.layout.page });
    if (outcome.state !== state) current.host.dispatch({ type: 'update', pane: outcome.state });
    current.host.run(outcome.intent);
  }, []);

  const content = (height: number) => {
    if (!dialog) return null;
    if (dialog.kind === 'restore') return <PageLines lines={lines} top={dialog.top} width={layout.columns} height={height} />;
    const sheet = Math.min(layout.sheet, height);
    return (
      <>
        {under.content(height - sheet)}
        {sheet > 0 ? <DialogSheet dialog={dialog} session={session} unsaved={unsaved} width={layout.columns} height={sheet} /> : null}
      </>
    );
  };
  return {
    title: () =>
      dialog?.kind === 'restore'
        ? { text: 'Restore unsaved changes?', position: pagePosition(dialog.top, lines.length, layout.page), keep: 'start' }
        : under.title(),
    hints: () => (dialog ? hintsOf(KEYMAP[dialogMode(dialog)]) : []),
    content,
    onKey,
    takesText: () => dialog?.kind === 'editor' || dialog?.kind === 'file',
  };
}
