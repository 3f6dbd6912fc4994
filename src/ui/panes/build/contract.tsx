/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { KernelTree } from '../../../engine/session.js';
import { PageLines } from '../../components/page-lines.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane } from '../../shell/pane.js';
import { BuildContent, buildFormLines } from './content.js';
import { buildPosition, buildTitle } from './lines.js';
import type { BuildPaneEnv } from './log-state.js';
import type { BuildScreen } from './screen.js';
import { buildMode, type BuildPaneState } from './state.js';

export interface BuildPaneView {
  state: BuildPaneState;
  env: BuildPaneEnv;
  running: boolean;
  targets: string[];
  screen: BuildScreen | null;
  command: string | null;
  logPath: string;
  kernel: KernelTree;
  columns: number;
  onKey: (key: KeyEvent) => void;
}

/** The build pane's contract: the question before a build, or the log it follows. */
export function buildPaneContract(view: BuildPaneView): Pane {
  const { state, env, screen, logPath, columns } = view;
  const stage = state.stage;
  return {
    title: () => ({ text: buildTitle(view.targets), position: stage.kind === 'log' && !state.detail ? buildPosition(state, env) : '', keep: 'start' }),
    hints: () => hintsOf(KEYMAP[buildMode(state, view.running)]),
    content: (height) =>
      stage.kind === 'form' ? (
        <PageLines lines={buildFormLines(stage.form, view.kernel, view.command, logPath, columns)} top={0} width={columns} height={height} />
      ) : (
        screen && (
          <BuildContent screen={screen} logPath={logPath} issuesOnly={state.issuesOnly} started={stage.kind === 'log'} width={columns} height={height} />
        )
      ),
    onKey: view.onKey,
    takesText: () => stage.kind === 'form',
  };
}
