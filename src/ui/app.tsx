/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box } from 'ink';
import { useCallback, useMemo, useRef } from 'react';
import type { Session } from '../engine/session.js';
import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import type { KeyEvent } from './input/key-event.js';
import { isCtrl } from './input/key-match.js';
import { typedRun } from './input/typed-text.js';
import { BuildView } from './panes/build/content.js';
import { HardwarePane } from './panes/hardware/content.js';
import { Header } from './components/header.js';
import { type Hint, HintsLine } from './components/hints-line.js';
import { InfoPane } from './components/info-pane.js';
import { MenuList, type MenuLine } from './components/menu-list.js';
import { PageView } from './components/page-view.js';
import { PresetsView } from './panes/presets/content.js';
import { SearchView as DefaultSearchView } from './panes/search/content.js';
import { Buttons, FieldView, Sheet } from './components/sheet.js';
import { StatusLine } from './components/status-line.js';
import { StyledTextLine } from './components/styled-text-line.js';
import { ThemeContext, themeFor } from './components/theme.js';
import { TitleBar } from './components/title-bar.js';
import { TooSmall } from './components/too-small.js';
import { type BuildViewOptions, useBuildPane } from './panes/build/use-build-pane.js';
import { useDraftOffer } from './panes/dialogs/use-draft-offer.js';
import { useExplanation } from './shell/use-explanation.js';
import { useHardwarePane } from './panes/hardware/use-hardware-pane.js';
import { useKeyEvents } from './input/use-key-events.js';
import { type PresetSourceOptions, usePresetsPane } from './panes/presets/use-presets-pane.js';
import { useSearchPane } from './panes/search/use-search-pane.js';
import { useSessionState } from './shell/use-session-state.js';
import { useSymbolSearch } from './panes/search/use-symbol-search.js';
import { useTerminalSize } from './shell/use-terminal-size.js';
import { useTuiController } from './shell/use-controller.js';
import { draftOfferLines } from './panes/dialogs/draft-offer.js';
import { infoBody, infoTitle } from './text/node-info.js';
import { helpPageLines, whyPageLines } from './panes/help/lines.js';
import { pendingLine } from './text/change-line.js';
import type { SearchFocus } from './panes/search/state.js';
import { formatRow } from './text/fit.js';
import { plainLine } from './text/styled-text.js';
import { QUIT_CHOICES, type Overlay, type UiState } from './shell/ui-state.js';
import { needsExplanation } from './text/why-text.js';
import type { SearchView } from './panes/search/extension.js';

export interface AppProps {
  session: Session;
  /** Called once, when the user quits; the caller unmounts and restores the terminal. */
  onExit(code: number): void;
  /** Environment for NO_COLOR (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** What the search pane `/` opens draws; default src/ui/components/search-view.tsx. */
  searchView?: SearchView;
  /** The machine the hardware pane (d) makes suggestions for; default this machine. */
  hardwareSource?: HardwareSourceOptions;
  /** Where the presets view (F) finds your presets: XDG_CONFIG_HOME from `env`, the project's in `cwd`; default this process's. */
  presetSource?: PresetSourceOptions;
  /** How the build view (B) runs make: targets, -j, the log file; default make's default goal with -j from the cores. */
  buildOptions?: BuildViewOptions;
  /** Ctrl-L in every view: clear the terminal and draw the whole screen again (src/ui/frame-writer.ts). */
  onRepaint?(): void;
}

const MENU_HINTS: readonly Hint[] = [
  ['⏎', 'open'],
  ['←', 'back'],
  ['y/m/n', 'set'],
  ['/', 'search'],
  ['?', 'help'],
  ['e', 'why'],
  ['u', 'undo'],
  ['s', 'save'],
  ['q', 'quit'],
  ['p', 'changes'],
  ['d', 'hardware'],
  ['F', 'presets'],
  ['B', 'build'],
  ['a', 'all'],
  ['c', 'names'],
  ['i', 'info'],
  ['w', 'save as'],
  ['o', 'load'],
];
const CHOICE_HINTS: readonly Hint[] = [
  ['⏎', 'choose'],
  ['←', 'back'],
  ['?', 'help'],
  ['e', 'why'],
  ['u', 'undo'],
  ['s', 'save'],
  ['q', 'quit'],
];
const SEARCH_QUERY_HINTS: readonly Hint[] = [['⏎', 'show in menu'], ['↓', 'results'], ['Esc', 'close'], ['^U', 'clear'], ['F1', 'help']];
const SEARCH_RESULT_HINTS: readonly Hint[] = [
  ['⏎', 'show in menu'],
  ['y/m/n', 'set'],
  ['?', 'help'],
  ['e', 'why'],
  ['/', 'query'],
  ['u', 'undo'],
  ['Esc', 'query'],
  ['Esc Esc', 'close'],
];
const HARDWARE_HINTS: readonly Hint[] = [
  ['⏎/y', 'accept'],
  ['space', 'mark'],
  ['A', 'accept all'],
  ['u', 'undo'],
  ['i', 'inputs'],
  ['→', 'in menu'],
  ['Esc', 'close'],
  ['?', 'help'],
  ['e', 'why'],
  ['r', 'read again'],
];

const HARDWARE_REPORT_HINTS: readonly Hint[] = [['↑↓', 'scroll'], ['Esc', 'back to the list'], ['d', 'close']];

function hintsFor(overlay: Overlay, inChoice: boolean, panes: { searchFocus: SearchFocus; hardwareView: 'list' | 'report'; presets?: readonly Hint[]; build?: readonly Hint[] }): readonly Hint[] {
  switch (overlay.kind) {
    case 'none':
      return inChoice ? CHOICE_HINTS : MENU_HINTS;
    case 'help':
      return [['↑↓', 'scroll'], ['f', 'fold/unfold lists'], ['e', 'why'], ['Esc', 'close']];
    case 'why':
      return [['↑↓', 'scroll'], ['Esc', 'close']];
    case 'restore':
      return [['r/⏎', 'restore'], ['d', 'discard'], ['Esc', 'decide later'], ['↑↓', 'scroll']];
    case 'pending':
      return [['↑↓', 'move'], ['r', 'revert'], ['⏎', 'show in menu'], ['u', 'undo'], ['s', 'save'], ['Esc', 'close']];
    case 'editor':
      return [['⏎', 'set'], ['Esc', 'cancel'], ['←→', 'move'], ['^U', 'clear to start']];
    case 'file':
      return [['⏎', overlay.purpose === 'load' ? 'load' : 'save'], ['Esc', 'cancel'], ['^U', 'clear to start']];
    case 'quit':
      return [['y', 'save and quit'], ['n', 'quit without saving'], ['Esc', 'cancel']];
    case 'overwrite':
      return [['y', 'overwrite'], ['n', 'cancel']];
    case 'search':
      return panes.searchFocus === 'query' ? SEARCH_QUERY_HINTS : SEARCH_RESULT_HINTS;
    case 'hardware':
      return panes.hardwareView === 'list' ? HARDWARE_HINTS : HARDWARE_REPORT_HINTS;
    case 'presets':
      return panes.presets ?? [];
    case 'build':
      return panes.build ?? [];
  }
}

const NO_HARDWARE_SOURCE: HardwareSourceOptions = {};
const NO_PRESET_SOURCE: PresetSourceOptions = {};

export function App({ session, onExit, env, searchView: SearchViewComponent = DefaultSearchView, hardwareSource = NO_HARDWARE_SOURCE, presetSource = NO_PRESET_SOURCE, buildOptions, onRepaint }: AppProps) {
  const theme = useMemo(() => themeFor(env ?? process.env), [env]);
  const size = useTerminalSize();
  const config = useSessionState(session);
  const pageLineCount = useRef(0);

  const controller = useTuiController({
    session,
    config,
    size,
    pageLineCount: () => pageLineCount.current,
    searchAvailable: true,
    onExit,
  });
  const { ui, layout, frame, rows } = controller;
  useDraftOffer(session, controller.run, controller.dispatch);
  const width = layout.columns;
  const model = session.model;
  const overlay = ui.overlay;

  const symbolSearch = useSymbolSearch(model);
  const searchPane = useSearchPane({
    session,
    search: symbolSearch.kind === 'ready' ? symbolSearch.search : null,
    config,
    height: layout.page,
    visible: overlay.kind === 'search' || (overlay.kind === 'editor' && ui.returnTo === 'search'),
    host: controller,
  });
  const hardwarePane = useHardwarePane({
    session,
    source: hardwareSource,
    config,
    open: overlay.kind === 'hardware',
    width,
    height: layout.page,
    host: controller,
  });

  const presetsPane = usePresetsPane({
    session,
    config,
    source: presetSource,
    open: overlay.kind === 'presets',
    width,
    height: layout.page,
    host: controller,
  });

  const buildPane = useBuildPane({
    session,
    open: overlay.kind === 'build',
    width,
    height: layout.page,
    host: controller,
    ...(buildOptions ? { build: buildOptions } : {}),
  });

  useKeyEvents(
    useCallback(
      (keys: KeyEvent[]) => {
        const route = (key: KeyEvent): void => {
          if (isCtrl(key, 'l')) {
            // As in every curses program: whatever garbled the screen, the next frame is whole.
            onRepaint?.();
            return;
          }
          const pane = controller.current().overlay.kind;
          // On a screen too small for the panes, the controller only lets q quit.
          if (!controller.layout.tooSmall && pane === 'search') searchPane.onKey(key);
          else if (!controller.layout.tooSmall && pane === 'hardware') hardwarePane.onKey(key);
          else if (!controller.layout.tooSmall && pane === 'presets') presetsPane.onKey(key);
          else if (!controller.layout.tooSmall && pane === 'build') buildPane.onKey(key);
          else controller.onKey(key);
        };
        // Text read together for a text field (a paste, fast typing) is applied as one edit.
        const takesText = (): boolean => {
          if (controller.layout.tooSmall) return false;
          const kind = controller.current().overlay.kind;
          return kind === 'editor' || kind === 'file' || (kind === 'search' && searchPane.focus() === 'query');
        };
        for (let index = 0; index < keys.length; ) {
          const run = takesText() ? typedRun(keys, index) : null;
          route(run ? run.key : keys[index]!);
          index = run ? run.next : index + 1;
        }
      },
      [controller, searchPane.onKey, searchPane.focus, hardwarePane.onKey, presetsPane.onKey, buildPane.onKey, onRepaint],
    ),
  );

  // The explanation the screen needs: of the open help/why page, else of the entry under the
  // cursor, or of the highlighted search result.
  const cursorNode = rows[frame.cursor]?.node ?? -1;
  const searchNode = searchPane.selected?.node ?? -1;
  const paneUnder = overlay.kind === 'editor' ? ui.returnTo : null;
  const explainedNode =
    overlay.kind === 'help' || overlay.kind === 'why'
      ? overlay.node
      : overlay.kind === 'search' || paneUnder === 'search'
        ? searchNode
        : ui.infoPane
          ? cursorNode
          : -1;
  const explainedSymbol = symbolToExplain(session, config, explainedNode, overlay.kind === 'why');
  const explanation = useExplanation(session, explainedSymbol, config);

  const pageLines = useMemo(() => {
    if (overlay.kind === 'help') {
      return helpPageLines(model, config, overlay.node, overlay.text, overlay.expanded, explanation, width);
    }
    if (overlay.kind === 'why') return whyPageLines(model, config, overlay.node, explanation, width);
    if (overlay.kind === 'restore') return draftOfferLines(session, overlay.offer).map((line, index) => plainLine(line, index === 0 ? 'heading' : 'plain'));
    return [];
  }, [model, config, overlay, explanation, width]);
  pageLineCount.current = pageLines.length;

  const pending = useMemo(() => (overlay.kind === 'pending' ? session.pending() : []), [session, config, overlay.kind]);

  const content = (() => {
    if (layout.tooSmall) return null;
    const page = layout.page;
    if (overlay.kind === 'help' || overlay.kind === 'why' || overlay.kind === 'restore') {
      return <PageView lines={pageLines} top={overlay.top} width={width} height={page} />;
    }
    if (overlay.kind === 'pending') {
      const nameWidth = Math.min(32, Math.max(12, ...pending.map((change) => change.name.length)));
      const lines: MenuLine[] = pending.slice(overlay.top, overlay.top + page).map((change, index) => ({
        key: overlay.top + index,
        text: pendingLine(model, change, nameWidth),
        hidden: false,
        cursor: overlay.top + index === overlay.cursor,
      }));
      return <MenuList lines={lines} width={width} height={page} empty="No changes against the loaded config." />;
    }
    const searchView = (height: number) => (
      <SearchViewComponent
        model={model}
        config={config}
        state={searchPane.state}
        results={searchPane.results}
        searching={searchPane.searching}
        error={symbolSearch.kind === 'failed' ? symbolSearch.error : null}
        explanation={explanation}
        width={width}
        height={height}
      />
    );
    if (overlay.kind === 'search') return searchView(page);
    if (overlay.kind === 'build') {
      return (
        <BuildView
          layout={buildPane.layout}
          headline={buildPane.headline}
          logPath={buildPane.logPath}
          issuesOnly={buildPane.state.issuesOnly}
          rows={buildPane.rows}
          summary={buildPane.summary}
          page={buildPane.page}
          started={buildPane.state.stage.kind === 'log'}
          question={buildPane.question}
          width={width}
          height={page}
        />
      );
    }
    if (overlay.kind === 'presets') {
      return (
        <PresetsView
          state={presetsPane.state}
          catalog={presetsPane.catalog}
          rows={presetsPane.rows}
          outcome={presetsPane.outcome}
          outcomeLines={presetsPane.outcomeLines}
          stale={presetsPane.stale}
          dirs={presetsPane.dirs}
          defconfig={presetsPane.defconfig}
          appliedKeys={presetsPane.appliedKeys}
          srcTree={session.kernel.srcTree}
          width={width}
          height={page}
        />
      );
    }
    if (overlay.kind === 'hardware') {
      return (
        <HardwarePane
          status={hardwarePane.status}
          state={hardwarePane.state}
          reportLines={hardwarePane.reportLines}
          width={width}
          height={page}
        />
      );
    }
    if (paneUnder === 'search' && layout.sheet > 0) {
      // The value editor opened from a search result: the results stay above it.
      return (
        <>
          {searchView(page - layout.sheet)}
          <SheetFor ui={ui} session={session} width={width} height={layout.sheet} />
        </>
      );
    }
    const inChoice = model.nodes[frame.menu]?.kind === 'choice';
    const lines: MenuLine[] = rows.slice(frame.top, frame.top + layout.list).map((row, index) => ({
      key: row.node * 2 + (row.header ? 1 : 0),
      text: formatRow(model, config, row, { showNames: ui.showNames, inChoice }),
      hidden: row.hidden,
      cursor: frame.top + index === frame.cursor,
    }));
    return (
      <>
        <MenuList lines={lines} width={width} height={layout.list} empty={ui.showAll ? 'This menu has no entries.' : 'Nothing visible here (a shows hidden entries).'} />
        {layout.info > 0 && cursorNode >= 0 ? (
          <InfoPane
            title={infoTitle(model, config, cursorNode)}
            lines={infoBody(model, config, cursorNode, explanation, width, layout.info - 1)}
            width={width}
            height={layout.info}
          />
        ) : layout.info > 0 ? (
          <InfoPane title="" lines={[]} width={width} height={layout.info} />
        ) : null}
        {layout.sheet > 0 ? <SheetFor ui={ui} session={session} width={width} height={layout.sheet} /> : null}
      </>
    );
  })();

  if (layout.tooSmall) {
    const question = overlay.kind === 'quit' ? `Save ${session.unsavedCount} unsaved changes? y saves and quits, n quits without saving, Esc stays.` : null;
    return (
      <ThemeContext.Provider value={theme}>
        <TooSmall columns={size.columns} rows={size.rows} question={question} />
      </ThemeContext.Provider>
    );
  }

  const flags = [ui.showAll ? 'all' : '', ui.showNames ? 'names' : ''].filter(Boolean);
  const inChoice = model.nodes[frame.menu]?.kind === 'choice';
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={width} height={layout.height}>
        <Header
          width={width}
          version={session.kernel.version}
          arch={session.kernel.arch}
          tree={session.kernel.srcTree}
          demo={session.kernel.demo}
          configPath={session.kernel.configPath}
          unsaved={session.unsavedCount}
          flags={flags}
        />
        <TitleBar
          width={width}
          {...titleFor(session, ui, rows.length, pending.length, pageLines.length, layout.page, {
            search: searchPane.results ? { cursor: searchPane.state.cursor, total: searchPane.results.total } : null,
            hardware: hardwarePane.status.kind === 'ready' ? { cursor: hardwarePane.state.cursor, total: hardwarePane.status.report.suggestions.length } : null,
          })}
          {...(overlay.kind === 'presets' ? { ...presetsPane.title, keep: 'start' as const } : {})}
          {...(overlay.kind === 'build' ? { ...buildPane.title, keep: 'start' as const } : {})}
        />
        {content}
        <StatusLine message={ui.message} busy={controller.busy} width={width} />
        <HintsLine hints={hintsFor(overlay, inChoice, { searchFocus: searchPane.state.focus, hardwareView: hardwarePane.state.view, presets: presetsPane.hints, build: buildPane.hints })} width={width} />
      </Box>
    </ThemeContext.Provider>
  );
}

function symbolToExplain(session: Session, config: Session['state'], nodeId: number, always: boolean): string | null {
  const node = session.model.nodes[nodeId];
  if (!node || node.symbol < 0) return null;
  const info = session.model.symbols[node.symbol];
  const state = config.symbols[node.symbol];
  if (!info || !state) return null;
  return always || needsExplanation(info, state) ? info.name : null;
}

function titleFor(
  session: Session,
  ui: UiState,
  rowCount: number,
  pendingCount: number,
  pageLines: number,
  pageHeight: number,
  panes: { search: { cursor: number; total: number } | null; hardware: { cursor: number; total: number } | null },
): { title: string; position: string; keep: 'start' | 'end' } {
  const model = session.model;
  const overlay = ui.overlay;
  const nameOf = (nodeId: number): string => {
    const node = model.nodes[nodeId];
    const info = node && node.symbol >= 0 ? model.symbols[node.symbol] : undefined;
    return info ? `CONFIG_${info.name}  ${node?.prompt ?? ''}` : (node?.prompt ?? '');
  };
  const pagePosition = (top: number): string =>
    pageLines <= pageHeight ? '' : `${top + 1}-${Math.min(pageLines, top + pageHeight)}/${pageLines}`;
  switch (overlay.kind) {
    case 'help':
      return { title: `Help: ${nameOf(overlay.node)}`, position: pagePosition(overlay.top), keep: 'start' };
    case 'why':
      return { title: `Why: ${nameOf(overlay.node)}`, position: pagePosition(overlay.top), keep: 'start' };
    case 'restore':
      return { title: 'Restore unsaved changes?', position: pagePosition(overlay.top), keep: 'start' };
    case 'pending':
      return {
        title: `Pending changes against the loaded config: ${pendingCount}`,
        position: pendingCount > 0 ? `${overlay.cursor + 1}/${pendingCount}` : '',
        keep: 'start',
      };
    case 'search': {
      const found = panes.search;
      return { title: 'Search every symbol', position: found && found.total > 0 ? `${found.cursor + 1}/${found.total}` : '', keep: 'start' };
    }
    case 'hardware': {
      const found = panes.hardware;
      return { title: 'Hardware suggestions', position: found && found.total > 0 ? `${found.cursor + 1}/${found.total}` : '', keep: 'start' };
    }
    default: {
      const path = ui.stack.length === 1 ? [model.nodes[0]?.prompt ?? 'Main menu'] : ui.stack.slice(1).map((frame) => model.nodes[frame.menu]?.prompt ?? '');
      const frame = ui.stack.at(-1);
      return { title: path.join(' > '), position: rowCount > 0 && frame ? `${frame.cursor + 1}/${rowCount}` : '', keep: 'end' };
    }
  }
}

function SheetFor({ ui, session, width, height }: { ui: UiState; session: Session; width: number; height: number }) {
  const overlay = ui.overlay;
  const inner = width - 4;
  switch (overlay.kind) {
    case 'editor': {
      const node = session.model.nodes[overlay.node];
      const info = node && node.symbol >= 0 ? session.model.symbols[node.symbol] : undefined;
      const range = info?.ranges.map((range) => range.name.replace(/^\[|\]$/g, '') + (range.condition ? ` if ${range.condition}` : '')).join('; ');
      const title = `${node?.prompt ?? ''} (CONFIG_${info?.name ?? ''}, ${info?.type ?? ''}${range ? `, range ${range}` : ''})`;
      return (
        <Sheet title={title} width={width} height={height}>
          <FieldView text={overlay.field.text} caret={overlay.field.caret} width={inner} />
          <StyledTextLine line={overlay.error ? plainLine(overlay.error, 'error') : plainLine('Enter sets the value, Esc cancels.', 'muted')} width={inner} />
        </Sheet>
      );
    }
    case 'file':
      return (
        <Sheet title={overlay.purpose === 'load' ? 'Load a config file (replaces the current values; u undoes it):' : 'Save a copy of the config as:'} width={width} height={height}>
          <FieldView text={overlay.field.text} caret={overlay.field.caret} width={inner} />
          <StyledTextLine line={overlay.error ? plainLine(overlay.error, 'error') : plainLine('Enter confirms, Esc cancels.', 'muted')} width={inner} />
        </Sheet>
      );
    case 'quit': {
      const count = session.unsavedCount;
      return (
        <Sheet title={`${count} unsaved change${count === 1 ? '' : 's'} to ${session.kernel.configPath}. Save before quitting?`} width={width} height={height}>
          <Buttons labels={['Save and quit', 'Quit without saving', 'Cancel']} chosen={QUIT_CHOICES.indexOf(overlay.choice)} />
          <StyledTextLine line={plainLine('y saves and quits, n quits without saving, Esc goes back.', 'muted')} width={inner} />
        </Sheet>
      );
    }
    case 'overwrite':
      return (
        <Sheet title={`${overlay.path} changed on disk since tuxconf loaded it.`} width={width} height={height}>
          <StyledTextLine line={plainLine('y overwrites it with this configuration, r reads it again and applies your changes to it,', 'heading')} width={inner} />
          <StyledTextLine line={plainLine('n keeps the file as it is (w saves elsewhere).', 'heading')} width={inner} />
        </Sheet>
      );
    default:
      return null;
  }
}
