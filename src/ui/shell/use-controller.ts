import { useCallback, useMemo, useReducer, useRef } from 'react';
import type { Session } from '../../engine/session.js';
import { choiceRows, menuRows, type MenuRow } from '../../model/menu-rows.js';
import type { ConfigState } from '../../model/types.js';
import type { KeyEvent } from '../input/key-event.js';
import { intentFor, type Intent } from '../panes/menu/state.js';
import { layoutFor, type Layout } from './layout.js';
import { errorText, runIntent, type IntentContext } from '../intents/run-intent.js';
import { uiReducer, type UiAction } from './ui-reducer.js';
import { currentFrame, initialUiState, type MenuFrame, type UiState, type ViewEnv } from './ui-state.js';
import type { TerminalSize } from './use-terminal-size.js';

export interface ControllerOptions {
  session: Session;
  config: ConfigState;
  size: TerminalSize;
  /** Lines of the help or why view at the current width, for scrolling. */
  pageLineCount(): number;
  searchAvailable: boolean;
  onExit(code: number): void;
}

export interface Controller {
  ui: UiState;
  layout: Layout;
  frame: MenuFrame;
  rows: readonly MenuRow[];
  /** An engine request is running. */
  busy: boolean;
  onKey(key: KeyEvent): void;
  /** Runs an intent: UI changes at once, engine work queued after the work before it. */
  run(intent: Intent): void;
  dispatch(action: UiAction): void;
  /** The UI state now, including changes not rendered yet. */
  current(): UiState;
  rowsOf(frame: MenuFrame, showAll: boolean): readonly MenuRow[];
}

const rowCache = new WeakMap<ConfigState, Map<string, readonly MenuRow[]>>();

function rowsFor(session: Session, config: ConfigState, frame: MenuFrame, showAll: boolean): readonly MenuRow[] {
  const key = `${frame.menu}:${showAll}`;
  let perState = rowCache.get(config);
  if (!perState) rowCache.set(config, (perState = new Map()));
  let rows = perState.get(key);
  if (!rows) {
    const isChoice = session.model.nodes[frame.menu]?.kind === 'choice';
    rows = isChoice ? choiceRows(session.model, config, frame.menu) : menuRows(session.model, config, frame.menu, { showAll });
    perState.set(key, rows);
  }
  return rows;
}

/**
 * The TUI's state machine: UI state in a ref updated synchronously (so fast key sequences
 * always see the state their predecessors left), intents from keys, and engine work run one
 * at a time in order.
 */
export function useTuiController(options: ControllerOptions): Controller {
  const { session, config, size } = options;
  const uiRef = useRef<UiState | null>(null);
  if (uiRef.current === null) uiRef.current = initialUiState();
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pendingWork = useRef(0);
  const exited = useRef(false);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const rowsOf = useCallback(
    (frame: MenuFrame, showAll: boolean) => rowsFor(session, session.state, frame, showAll),
    [session],
  );

  const env = useCallback((): ViewEnv => {
    const ui = uiRef.current ?? initialUiState();
    const { size: currentSize, pageLineCount } = optionsRef.current;
    const layout = layoutFor(currentSize.columns, currentSize.rows, ui.overlay, ui.infoPane);
    return {
      model: session.model,
      rowsOf,
      listHeight: layout.list,
      pageHeight: layout.page,
      pageLineCount: pageLineCount(),
      pendingCount: session.pending().length,
    };
  }, [session, rowsOf]);

  const dispatch = useCallback(
    (action: UiAction) => {
      const before = uiRef.current ?? initialUiState();
      const after = uiReducer(before, action, env());
      if (after !== before) {
        uiRef.current = after;
        rerender();
      }
    },
    [env],
  );

  const context = useMemo<IntentContext>(
    () => ({
      session,
      ui: () => uiRef.current ?? initialUiState(),
      dispatch,
      exit: (code) => {
        if (exited.current) return;
        exited.current = true;
        optionsRef.current.onExit(code);
      },
    }),
    [session, dispatch],
  );

  const run = useCallback(
    (intent: Intent) => {
      if (intent.kind === 'none') return;
      if (intent.kind === 'ui') {
        dispatch(intent.action);
        return;
      }
      if (intent.kind === 'search' || intent.kind === 'hardware') {
        // Opening a pane is a UI change: done now, so keys typed right after `/` reach the pane.
        void runIntent(intent, context);
        return;
      }
      pendingWork.current++;
      rerender();
      queue.current = queue.current
        .then(() => runIntent(intent, context))
        .catch((cause: unknown) => dispatch({ type: 'message', message: { text: errorText(cause), tone: 'error' } }))
        .finally(() => {
          pendingWork.current--;
          dispatch({ type: 'settle' });
          rerender();
        });
    },
    [dispatch, context],
  );

  const onKey = useCallback(
    (key: KeyEvent) => {
      if (exited.current) return;
      const ui = uiRef.current ?? initialUiState();
      const { size: currentSize } = optionsRef.current;
      if (layoutFor(currentSize.columns, currentSize.rows, ui.overlay, ui.infoPane).tooSmall && ui.overlay.kind !== 'quit') {
        // Only quitting makes sense on a screen too small to show the menu.
        const quit = key.name === 'char' && (key.char === 'q' || (key.ctrl && key.char === 'c'));
        if (quit) run({ kind: 'quit' });
        return;
      }
      if (ui.message && ui.overlay.kind === 'none') dispatch({ type: 'message', message: null });
      const frame = currentFrame(ui);
      const rowAtCursor = rowsOf(frame, ui.showAll)[frame.cursor];
      run(
        intentFor(ui, key, {
          model: session.model,
          config: session.state,
          rowAtCursor,
          searchAvailable: optionsRef.current.searchAvailable,
        }),
      );
    },
    [session, rowsOf, dispatch, run],
  );

  // Rows change with the config, show-all and the terminal size: keep the cursor placed.
  const ui = uiRef.current;
  const layout = layoutFor(size.columns, size.rows, ui.overlay, ui.infoPane);
  const settled = uiReducer(ui, { type: 'settle' }, env());
  if (settled !== ui) uiRef.current = settled;
  const frame = currentFrame(uiRef.current);
  return {
    ui: uiRef.current,
    layout,
    frame,
    rows: rowsFor(session, config, frame, uiRef.current.showAll),
    busy: pendingWork.current > 0,
    onKey,
    run,
    dispatch,
    current: () => uiRef.current ?? initialUiState(),
    rowsOf,
  };
}
