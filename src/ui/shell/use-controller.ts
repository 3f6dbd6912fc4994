import { type MutableRefObject, useCallback, useMemo, useReducer, useRef } from 'react';
import type { Session } from '../../engine/session.js';
import { choiceRows, menuRows, type MenuRow } from '../../model/menu-rows.js';
import type { ConfigState } from '../../model/types.js';
import type { Intent } from '../intents/intent.js';
import { errorText } from '../intents/messages.js';
import { type IntentContext, runIntent } from '../intents/run-intent.js';
import { layoutFor, type Layout } from './layout.js';
import type { PaneHost } from './pane.js';
import { uiReducer, type UiAction } from './ui-reducer.js';
import { useBusyStatus } from './use-busy-status.js';
import { currentFrame, initialUiState, type MenuFrame, type UiState, type MenuEnv } from './ui-state.js';
import type { TerminalSize } from './use-terminal-size.js';

export interface ControllerOptions {
  session: Session;
  config: ConfigState;
  size: TerminalSize;
  onExit(code: number): void;
}

export interface Controller {
  /** Stable across renders: what panes run intents and change the UI state through. */
  host: PaneHost;
  ui: UiState;
  layout: Layout;
  frame: MenuFrame;
  /** The rows of the menu on screen. */
  rows: readonly MenuRow[];
  /** The rows of the menu on screen in a UI state (the state now, in a key handler). */
  rowsOf(ui: UiState): readonly MenuRow[];
  /** An engine request is running. */
  busy: boolean;
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
 * Runs intents in order: UI changes at once, engine work one at a time after the work before it
 * (a failure is said in the status line). After the user quit, nothing more runs.
 */
function useIntentQueue(session: Session, uiRef: MutableRefObject<UiState>, dispatch: (action: UiAction) => void, onExit: (code: number) => void) {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const busy = useBusyStatus(rerender);
  const exited = useRef(false);
  const context = useMemo<IntentContext>(
    () => ({
      session,
      ui: () => uiRef.current,
      dispatch,
      exit: (code) => {
        if (exited.current) return;
        exited.current = true;
        onExit(code);
      },
    }),
    [session, uiRef, dispatch, onExit],
  );
  const run = useCallback(
    (intent: Intent) => {
      if (intent.kind === 'none' || exited.current) return;
      if (intent.kind === 'ui') return dispatch(intent.action);
      // Opening a pane is a UI change: done now, so that keys typed right after it reach the pane.
      if (intent.kind === 'open') return void runIntent(intent, context);
      busy.started(intent.kind === 'work');
      queue.current = queue.current
        .then(() => runIntent(intent, context))
        .catch((cause: unknown) => dispatch({ type: 'message', message: { text: errorText(cause), tone: 'error' } }))
        .finally(() => {
          busy.finished(() => dispatch({ type: 'settle' }));
        });
    },
    [dispatch, context, busy],
  );
  return { run, busy: busy.shown() };
}

/**
 * The TUI's state: UI state in a ref updated synchronously (so fast key sequences always see
 * the state their predecessors left), and intents run in order: UI changes at once, engine
 * work one at a time after the work before it.
 */
export function useController(options: ControllerOptions): Controller {
  const { session, config, size } = options;
  const uiRef = useRef<UiState>(initialUiState());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const env = useCallback((): MenuEnv => {
    const ui = uiRef.current;
    const { columns, rows } = optionsRef.current.size;
    const listHeight = layoutFor(columns, rows, ui.pane, ui.infoPane).list;
    return { model: session.model, rowsOf: (frame, showAll) => rowsFor(session, session.state, frame, showAll), listHeight };
  }, [session]);

  const dispatch = useCallback(
    (action: UiAction) => {
      const before = uiRef.current;
      const after = uiReducer(before, action, env());
      if (after !== before) {
        uiRef.current = after;
        rerender();
      }
    },
    [env],
  );

  const exit = useCallback((code: number) => optionsRef.current.onExit(code), []);
  const { run, busy } = useIntentQueue(session, uiRef, dispatch, exit);

  const host = useMemo<PaneHost>(() => ({ run, dispatch, current: () => uiRef.current }), [run, dispatch]);
  const rowsOf = useCallback((ui: UiState) => rowsFor(session, session.state, currentFrame(ui), ui.showAll), [session]);

  // Rows change with the config, show-all and the terminal size: keep the cursor placed.
  const settled = uiReducer(uiRef.current, { type: 'settle' }, env());
  if (settled !== uiRef.current) uiRef.current = settled;
  const ui = uiRef.current;
  const frame = currentFrame(ui);
  return {
    host,
    ui,
    layout: layoutFor(size.columns, size.rows, ui.pane, ui.infoPane),
    frame,
    rows: rowsFor(session, config, frame, ui.showAll),
    rowsOf,
    busy,
  };
}
