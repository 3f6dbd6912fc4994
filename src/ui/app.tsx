/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box } from 'ink';
import { useCallback, useMemo, useRef } from 'react';
import type { Session } from '../engine/session.js';
import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import { Header } from './components/header.js';
import { HintsLine } from './components/hints-line.js';
import { StatusLine } from './components/status-line.js';
import { ThemeContext, themeFor } from './components/theme.js';
import { TitleBar } from './components/title-bar.js';
import { TooSmall } from './components/too-small.js';
import { actionsFor } from './input/bindings.js';
import type { KeyEvent } from './input/key-event.js';
import { typedRun } from './input/typed-text.js';
import { useKeyEvents } from './input/use-key-events.js';
import { GLOBAL_KEYS } from './keymap.js';
import type { BuildPaneOptions } from './panes/build/build-work.js';
import { useBuildPane } from './panes/build/use-build-pane.js';
import { type ChecksSourceOptions, useChecksPane } from './panes/checks/use-checks-pane.js';
import { useChangesPane } from './panes/changes/use-changes-pane.js';
import { useSaveStatus } from './panes/changes/use-save-status.js';
import { isDialog } from './panes/dialogs/state.js';
import { useDialogsPane } from './panes/dialogs/use-dialogs-pane.js';
import { useDraftOffer } from './panes/dialogs/use-draft-offer.js';
import { useHardwarePane } from './panes/hardware/use-hardware-pane.js';
import { useHelpPane } from './panes/help/use-help-pane.js';
import { useMenuPane } from './panes/menu/use-menu-pane.js';
import { type PresetSourceOptions, usePresetsPane } from './panes/presets/use-presets-pane.js';
import { SearchContent } from './panes/search/content.js';
import type { SearchContentComponent } from './panes/search/extension.js';
import { useSearchPane } from './panes/search/use-search-pane.js';
import { useUpgradePane } from './panes/upgrade/use-upgrade-pane.js';
import { useWhyPane } from './panes/why/use-why-pane.js';
import type { Pane, PaneContext } from './shell/pane.js';
import { useController } from './shell/use-controller.js';
import { useSessionState } from './shell/use-session-state.js';
import { useTerminalSize } from './shell/use-terminal-size.js';

export interface AppProps {
  session: Session;
  /** Called once, when the user quits; the caller unmounts and restores the terminal. */
  onExit(code: number): void;
  /** Environment for NO_COLOR (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** What the search pane (`/`) draws; default src/ui/panes/search/content.tsx. */
  searchContent?: SearchContentComponent;
  /** The machine the hardware pane (d) makes suggestions for; default this machine. */
  hardwareSource?: HardwareSourceOptions;
  /** Where the presets pane (F) finds your presets: XDG_CONFIG_HOME from `env`, the project's in `cwd`; default this process's. */
  presetSource?: PresetSourceOptions;
  /** Where the checks pane (C) finds your profiles (XDG_CONFIG_HOME from `env`), and whether boot assumes an initrd; `boot` is made from `hardwareSource`. */
  checksSource?: ChecksSourceOptions;
  /** What the build pane (B) offers to build first, -j, the log file; default the last build's here, else make's default goal. */
  buildOptions?: BuildPaneOptions;
  /** Ctrl-L in every pane: clear the terminal and draw the whole screen again (src/ui/frame-writer.ts). */
  onRepaint?(): void;
}

const NO_HARDWARE_SOURCE: HardwareSourceOptions = {};
const NO_PRESET_SOURCE: PresetSourceOptions = {};
const NO_CHECKS_SOURCE: ChecksSourceOptions = {};

/**
 * The full-screen menu: the header, the open pane's title bar and content, the status line and
 * the pane's key hints. Every key goes to the open pane (src/ui/panes/<name>/), which says what
 * it does through the keymap (src/ui/keymap.ts).
 */
export function App({ session, onExit, env, searchContent = SearchContent, hardwareSource = NO_HARDWARE_SOURCE, presetSource = NO_PRESET_SOURCE, checksSource = NO_CHECKS_SOURCE, buildOptions, onRepaint }: AppProps) {
  const theme = useMemo(() => themeFor(env ?? process.env), [env]);
  const size = useTerminalSize();
  const config = useSessionState(session);
  const controller = useController({ session, config, size, onExit });
  const { ui, layout, host } = controller;
  useDraftOffer(session, host);
  const save = useSaveStatus(session, config);
  const context: PaneContext = { session, config, ui, layout, host };
  const checks = useChecksPane(context, checksSource, hardwareSource);
  const panes = {
    menu: useMenuPane(context, controller.rows, controller.rowsOf),
    search: useSearchPane(context, searchContent),
    hardware: useHardwarePane(context, hardwareSource),
    presets: usePresetsPane(context, presetSource),
    checks: checks.pane,
    build: useBuildPane(context, buildOptions),
    help: useHelpPane(context),
    why: useWhyPane(context),
    changes: useChangesPane(context, save.onSave),
    upgrade: useUpgradePane(context, hardwareSource),
  };
  const dialogs = useDialogsPane(context, ui.returnTo?.kind === 'search' ? panes.search : panes.menu, save.text);
  // Keys go to the pane open now: one opened by a key before them (`/` and a query typed at once) takes them.
  const paneNow = (): Pane => {
    const open = host.current().pane;
    return isDialog(open) ? live.current.dialogs : live.current.panes[open.kind];
  };
  const live = useRef({ panes, dialogs, tooSmall: layout.tooSmall });
  live.current = { panes, dialogs, tooSmall: layout.tooSmall };
  const pane = paneNow();

  const route = useCallback(
    (key: KeyEvent): void => {
      // As in every curses program: whatever garbled the screen, the next frame is whole.
      if (actionsFor(GLOBAL_KEYS, key).length > 0) return onRepaint?.();
      const { tooSmall } = live.current;
      // On a screen too small for the panes only quitting makes sense (and answering its question).
      if (tooSmall && host.current().pane.kind !== 'quit') {
        if (key.name === 'char' && (key.char === 'q' || (key.ctrl && key.char === 'c'))) host.run({ kind: 'quit' });
        return;
      }
      paneNow().onKey(key);
    },
    [host, onRepaint],
  );
  useKeyEvents(
    useCallback(
      (keys: KeyEvent[]) => {
        // Text read together for a text field (a paste, fast typing) is applied as one edit.
        for (let index = 0; index < keys.length; ) {
          const run = !live.current.tooSmall && paneNow().takesText() ? typedRun(keys, index) : null;
          route(run ? run.key : keys[index]!);
          index = run ? run.next : index + 1;
        }
      },
      [route],
    ),
  );

  if (layout.tooSmall) {
    const question = ui.pane.kind === 'quit' ? `Save ${save.text}? y saves and quits, n quits without saving, Esc stays.` : null;
    return (
      <ThemeContext.Provider value={theme}>
        <TooSmall columns={size.columns} rows={size.rows} question={question} />
      </ThemeContext.Provider>
    );
  }
  const title = pane.title();
  const kernel = session.kernel;
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={layout.columns} height={layout.height}>
        <Header width={layout.columns} version={kernel.version} arch={kernel.arch} tree={kernel.srcTree} demo={kernel.demo} configPath={kernel.configPath} status={save} warning={checks.warning} flags={[ui.showAll ? 'all' : '', ui.showNames ? 'names' : ''].filter(Boolean)} />
        <TitleBar width={layout.columns} title={title.text} position={title.position} keep={title.keep} />
        {pane.content(layout.page)}
        <StatusLine message={ui.message} busy={controller.busy} width={layout.columns} />
        <HintsLine hints={pane.hints()} width={layout.columns} />
      </Box>
    </ThemeContext.Provider>
  );
}
