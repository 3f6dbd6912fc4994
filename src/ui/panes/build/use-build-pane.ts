import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { makeArguments } from '../../../engine/kernel-tree.js';
import { ConfigChangedOnDiskError, type Session } from '../../../engine/session.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import type { LineKind } from '../../../features/build/log-classifier.js';
import { type BuildHandle, type BuildResult, type BuildSnapshot, DEFAULT_LOG_NAME, startBuild } from '../../../features/build/build-run.js';
import { formatCommand, formatProgressLine } from '../../../features/build/build-summary.js';
import type { CompilerWrapping } from '../../../features/build/compiler-wrapper.js';
import { makeGoals } from '../../../features/build/make-invocation.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { Intent } from '../menu/state.js';
import { errorText } from '../../intents/run-intent.js';
import {
  buildHints,
  buildPosition,
  buildTitle,
  detailLines,
  displayText,
  headline,
  plannedLines,
  summaryLines,
} from './lines.js';
import {
  type BuildCommand,
  type BuildViewEnv,
  type BuildViewLayout,
  type BuildViewState,
  buildViewKey,
  buildViewLayout,
  CLOSE_ANSWERS,
  initialBuildView,
  issueTop,
  logTop,
  logView,
  SAVE_ANSWERS,
  selectedIssue,
  settleBuildView,
} from './state.js';
import { plainLine, type StyledLine, type Tone } from '../../text/styled-text.js';
import { clearMessage, type PaneHost } from '../../shell/pane.js';
import { useIssueSource } from './use-issue-source.js';

/** How the TUI's build runs make: targets and options (as after `tuxconf build --`), -j, the log file, a CC wrapper. */
export interface BuildViewOptions {
  /** Make arguments and targets; none builds make's default goal. */
  makeArgs?: string[];
  /** Default: the core count. */
  jobs?: number;
  /** Default: .tuxconf-build.log in the output directory. */
  logPath?: string;
  wrapping?: CompilerWrapping;
  /** make's environment; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/** One row of the log (or of the warnings and errors list) on screen. */
export interface BuildLogRow {
  index: number;
  text: string;
  kind: LineKind;
  selected: boolean;
}

/** A question under the page: the buttons of the quit dialog's pattern, or a line when there is nothing to choose. */
export interface BuildQuestion {
  title: string;
  labels: string[];
  chosen: number;
  note: string;
}

export interface BuildPane {
  state: BuildViewState;
  layout: BuildViewLayout;
  /** The progress line while make runs, its result once it has ended. */
  headline: { text: string; tone: Tone };
  logPath: string;
  rows: BuildLogRow[];
  summary: StyledLine[];
  /** A page instead of the log: before make starts, when it could not, and a warning or error in full. */
  page: StyledLine[] | null;
  question: BuildQuestion | null;
  title: { title: string; position: string };
  hints: ReturnType<typeof buildHints>;
  onKey(key: KeyEvent): void;
}

const NO_OPTIONS: BuildViewOptions = {};
const NO_ISSUES: readonly LogIssue[] = [];

function subscribeTo(handle: BuildHandle | null): (notify: () => void) => () => void {
  return (notify) => (handle ? handle.subscribe(() => notify()) : () => {});
}

/**
 * The build started from the TUI: save first (asking when there are unsaved changes), run the
 * tree's make, and follow it. Only the log rows on screen are read from the build's ring buffer.
 */
export function useBuildPane(options: {
  session: Session;
  open: boolean;
  width: number;
  height: number;
  host: PaneHost;
  build?: BuildViewOptions;
}): BuildPane {
  const { session, open, width, height } = options;
  const build = options.build ?? NO_OPTIONS;
  const kernel = session.kernel;
  const stateRef = useRef<BuildViewState>(initialBuildView());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const [handle, setHandle] = useState<BuildHandle | null>(null);
  const handleRef = useRef<BuildHandle | null>(null);
  const [result, setResult] = useState<BuildResult | null>(null);
  const subscribe = useMemo(() => subscribeTo(handle), [handle]);
  const snapshot: BuildSnapshot | null = useSyncExternalStore(subscribe, () => handle?.snapshot() ?? null);

  const setState = useCallback((next: BuildViewState) => {
    if (next === stateRef.current) return;
    stateRef.current = next;
    rerender();
  }, []);

  const running = snapshot?.status === 'running';
  const issues = handle?.issues() ?? NO_ISSUES;
  const logPath = handle?.logPath ?? build.logPath ?? join(kernel.objTree, DEFAULT_LOG_NAME);
  const makeArgs = build.makeArgs ?? [];
  const plannedCommand = formatCommand(['make', ...makeArguments(kernel), `-j${build.jobs ?? availableParallelism()}`, ...makeArgs]);
  const command = handle ? formatCommand([handle.plan.command, ...handle.plan.args]) : plannedCommand;

  const summary = result ? summaryLines(result, kernel.objTree) : [];
  const state = settleBuildView(stateRef.current, running);
  stateRef.current = state;
  const layout = buildViewLayout(height, summary.length, state.closing !== null);
  const env: BuildViewEnv = {
    running,
    total: snapshot?.counts.lines ?? 0,
    firstHeld: snapshot?.firstHeldLine ?? 0,
    issues,
    rows: layout.log,
    firstError: snapshot?.firstError,
  };

  const live = useRef({ options, env, build, kernel });
  live.current = { options, env, build, kernel };

  /** Save as asked, then start make; runs in the controller's queue, after the changes before it. */
  const launch = useCallback(
    (save: 'save' | 'force' | 'none') => {
      const { options: current, build: buildOptions } = live.current;
      const work = async (): Promise<void> => {
        const say = (text: string, tone: 'info' | 'error' = 'info'): void => current.host.dispatch({ type: 'message', message: { text, tone } });
        setState({ ...stateRef.current, stage: { kind: 'starting', step: save === 'none' ? 'Starting make…' : 'Saving the configuration…' } });
        if (save !== 'none') {
          try {
            const saved = await current.session.save({ force: save === 'force' });
            say(`Saved ${saved.path}; building`);
          } catch (cause) {
            if (save === 'save' && cause instanceof ConfigChangedOnDiskError) {
              setState({ ...stateRef.current, stage: { kind: 'ask-overwrite' } });
            } else {
              setState({ ...stateRef.current, stage: { kind: 'not-started', error: `Not saved, so not built: ${errorText(cause)}` } });
            }
            return;
          }
        }
        setState({ ...stateRef.current, stage: { kind: 'starting', step: 'Starting make…' } });
        // A build stopped a moment ago may still be ending: never two makes in one output directory.
        await handleRef.current?.cancel();
        let started: BuildHandle;
        try {
          started = await startBuild({
            tree: current.session.kernel,
            makeArgs: buildOptions.makeArgs ?? [],
            ...(buildOptions.jobs !== undefined ? { jobs: buildOptions.jobs } : {}),
            ...(buildOptions.logPath !== undefined ? { logPath: buildOptions.logPath } : {}),
            ...(buildOptions.wrapping !== undefined ? { wrapping: buildOptions.wrapping } : {}),
            ...(buildOptions.env !== undefined ? { env: buildOptions.env } : {}),
          });
        } catch (cause) {
          setState({ ...stateRef.current, stage: { kind: 'not-started', error: `make was not started: ${errorText(cause)}` } });
          return;
        }
        handleRef.current = started;
        setResult(null);
        setHandle(started);
        setState(logView());
        void started.result.then((ended) => {
          if (handleRef.current === started) setResult(ended);
        });
      };
      current.host.run({ kind: 'build-work', run: work } satisfies Intent);
    },
    [setState],
  );

  /** B: build now when everything is saved, else ask first. */
  const begin = useCallback(() => {
    const { options: current } = live.current;
    setState({ ...initialBuildView(), stage: { kind: 'starting', step: 'Waiting for the changes before it…' } });
    current.host.run({
      kind: 'build-work',
      run: async () => {
        if (current.session.kernel.demo) {
          setState({ ...stateRef.current, stage: { kind: 'not-started', error: 'The demo tree has no kernel to build: open a kernel tree (-C DIR) to build it' } });
        } else if (current.session.unsavedCount > 0) {
          setState({ ...stateRef.current, stage: { kind: 'ask-save', choice: 'save' } });
        } else {
          launch('none');
        }
      },
    } satisfies Intent);
  }, [launch, setState]);

  useEffect(() => {
    if (open && stateRef.current.stage.kind === 'idle') begin();
    // Closed (or replaced by the quit dialog) once make has ended: the next B starts a new build.
    if (!open && stateRef.current.stage.kind !== 'idle' && !(handleRef.current && handleRef.current.snapshot().status === 'running')) {
      setState(initialBuildView());
    }
  }, [open, begin, setState]);

  // Leaving tuxconf stops the build (the build runner's exit hook is the last resort).
  useEffect(
    () => () => {
      void handleRef.current?.cancel();
    },
    [],
  );

  const close = useCallback(() => {
    const { options: current } = live.current;
    setState(initialBuildView());
    current.host.dispatch({ type: 'close' });
  }, [setState]);

  const perform = useCallback(
    (command: BuildCommand) => {
      const { options: current } = live.current;
      const say = (text: string, tone: 'info' | 'error' = 'info'): void => current.host.dispatch({ type: 'message', message: { text, tone } });
      const buildHandle = handleRef.current;
      switch (command.kind) {
        case 'none':
          return;
        case 'message':
          say(command.text, command.tone);
          return;
        case 'save-answer':
          if (command.answer === 'cancel') {
            close();
            say('Not built; the changes are not saved');
          } else {
            launch(command.answer === 'save' ? 'save' : 'none');
          }
          return;
        case 'overwrite-answer':
          if (command.overwrite) {
            launch('force');
          } else {
            close();
            say(`Not built: ${current.session.kernel.configPath} changed on disk (w in the menu saves elsewhere)`);
          }
          return;
        case 'cancel-build': {
          if (!buildHandle) return;
          const again = buildHandle.snapshot().cancelling;
          void buildHandle.cancel();
          say(again ? 'Killing make and its compilers now' : 'Stopping make and every compiler it started (Ctrl+C again kills them at once)');
          return;
        }
        case 'stop-and-close':
          void buildHandle?.cancel();
          close();
          say('Stopped the build; the log keeps what make printed');
          return;
        case 'close':
          close();
          return;
        case 'quit':
          current.host.run({ kind: 'quit' });
          return;
        case 'retry':
          begin();
          return;
      }
    },
    [begin, close, launch],
  );

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { options: current, env: buildEnv } = live.current;
      clearMessage(current.host);
      const outcome = buildViewKey(stateRef.current, key, buildEnv);
      setState(outcome.state);
      perform(outcome.command);
    },
    [perform, setState],
  );

  const shownIssue = selectedIssue(state, env);
  const source = useIssueSource(state.detail ? shownIssue : undefined, kernel);

  let page: StyledLine[] | null = null;
  const stage = state.stage;
  if (stage.kind === 'idle' || stage.kind === 'starting' || stage.kind === 'ask-save' || stage.kind === 'ask-overwrite') {
    page = plannedLines(kernel, plannedCommand, logPath, width);
    if (stage.kind === 'starting') page.push(plainLine(''), plainLine(stage.step, 'muted'));
  } else if (stage.kind === 'not-started') {
    page = [...plannedLines(kernel, plannedCommand, logPath, width), plainLine(''), plainLine(stage.error, 'error'), plainLine('r tries again, Esc closes.', 'muted')];
  } else if (state.detail && shownIssue) {
    page = detailLines(shownIssue, source, width);
  }

  const rows: BuildLogRow[] = [];
  if (stage.kind === 'log' && handle && page === null) {
    if (state.issuesOnly) {
      const top = issueTop(state, env);
      for (const issue of issues.slice(top, top + layout.log)) {
        rows.push({ index: issue.index, text: displayText(issue.text), kind: issue.kind, selected: issue.index === state.selected });
      }
    } else {
      const top = logTop(state, env);
      for (const line of handle.lines(top, Math.min(env.total, top + layout.log))) {
        rows.push({ index: line.index, text: displayText(line.text), kind: line.kind, selected: line.index === state.selected });
      }
    }
  }

  let question: BuildQuestion | null = null;
  if (stage.kind === 'ask-save') {
    const count = session.unsavedCount;
    question = {
      title: `${count} unsaved change${count === 1 ? '' : 's'}. Save ${count === 1 ? 'it' : 'them'} before building?`,
      labels: ['Save and build', 'Build the saved file', 'Cancel'],
      chosen: SAVE_ANSWERS.indexOf(stage.choice),
      note: 'y saves and builds, n builds the file as it is on disk, Esc goes back.',
    };
  } else if (stage.kind === 'ask-overwrite') {
    question = {
      title: 'The config file changed on disk since tuxconf loaded it.',
      labels: [],
      chosen: -1,
      note: 'Overwrite it with this configuration and build? y overwrites and builds, n builds nothing (w saves elsewhere).',
    };
  } else if (state.closing) {
    question = {
      title: 'make is still running. Stop it and close the log?',
      labels: ['Stop the build', 'Keep building'],
      chosen: CLOSE_ANSWERS.indexOf(state.closing),
      note: 'y stops make and every compiler it started, n goes back to the log.',
    };
  }

  const progress = snapshot ? headline(snapshot, result, formatProgressLine(snapshot)) : { text: command, tone: 'muted' as Tone };
  const targets = handle ? handle.plan.targets : makeGoals(makeArgs);
  return {
    state,
    layout,
    headline: progress,
    logPath,
    rows,
    summary,
    page,
    question,
    title: { title: buildTitle(targets), position: stage.kind === 'log' && !state.detail ? buildPosition(state, env) : '' },
    hints: buildHints(state, running),
    onKey,
  };
}
