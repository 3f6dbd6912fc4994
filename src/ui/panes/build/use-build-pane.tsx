/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { type MutableRefObject, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BuildResult } from '../../../features/build/build-run.js';
import { type MakePlan, makeGoals, planCommandLine } from '../../../features/build/make-invocation.js';
import type { KeyEvent } from '../../input/key-event.js';
import { clearMessage, type Pane, type PaneContext } from '../../shell/pane.js';
import { type BuildPaneOptions, type BuildWorkContext, logPathOf, openForm } from './build-work.js';
import { type BuildPaneEnv, selectedIssue } from './log-state.js';
import { buildScreen } from './screen.js';
import { buildPaneKey, type BuildPaneState, initialBuildPane, logPane, settleBuildPane } from './state.js';
import { type BuildMemory, useBuildIntents } from './use-build-intents.js';
import { useBuildRun } from './use-build-run.js';
import { useIssueSource } from './use-issue-source.js';
import { useFormPlan } from './use-form-plan.js';
import { buildPaneContract } from './contract.js';

const NO_OPTIONS: BuildPaneOptions = {};

/**
 * The build started with B: ask for the target and -j (the last build's, remembered per output
 * directory), save (asking first), run the plan whose command line was shown, and follow it.
 */
export function useBuildPane(context: PaneContext, options: BuildPaneOptions = NO_OPTIONS): Pane {
  const { session, ui, layout, host } = context;
  const open = ui.pane.kind === 'build';
  const stateRef = useRef<BuildPaneState>(initialBuildPane());
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const setState = useCallback((next: BuildPaneState) => {
    if (next === stateRef.current) return;
    stateRef.current = next;
    rerender();
  }, []);
  const { memory, run, work } = useBuildWork(context, options, stateRef, setState);
  const live = useRef({ context, work, options, env: {} as BuildPaneEnv });
  const close = useCallback(() => {
    setState(initialBuildPane());
    live.current.context.host.dispatch({ type: 'close' });
  }, [setState]);
  const perform = useBuildIntents(live, memory, close);

  const running = run.snapshot?.status === 'running';
  useEffect(() => {
    if (open && stateRef.current.stage.kind === 'idle') {
      // Asked once: the pane is no longer idle while the question waits for the work before it.
      setState({ ...initialBuildPane(), stage: { kind: 'starting', step: 'Waiting for the changes before it…' } });
      host.run({ kind: 'work', run: () => openForm(live.current.work) });
    }
    // Closed (or replaced by the quit dialog) once make has ended: the next B asks again.
    if (!open && stateRef.current.stage.kind !== 'idle' && !running) setState(initialBuildPane());
  }, [open, running, host, setState]);

  const state = settleBuildPane(stateRef.current, running);
  stateRef.current = state;
  const formPlan = useFormPlan(context, options, state);
  const env = paneEnv(run, running);
  const shownIssue = selectedIssue(state, env);
  const source = useIssueSource(state.detail ? shownIssue : undefined, session.kernel);
  const logPath = run.handle?.logPath ?? logPathOf(session, options);
  const command = shownCommand(run.handle?.plan, state, formPlan, memory.plan.current);
  // Worked out only while the pane is open: a key in another pane costs the build pane nothing.
  const screen = open
    ? buildScreen({
        state,
        env,
        ...run,
        kernel: session.kernel,
        command,
        logPath,
        unsaved: session.unsavedCount,
        shownIssue,
        source,
        width: layout.columns,
        height: layout.page,
      })
    : null;
  env.rows = screen?.layout.log ?? 0;
  live.current = { context, work, options, env };

  const onKey = useCallback(
    (key: KeyEvent) => {
      clearMessage(live.current.context.host);
      const outcome = buildPaneKey(stateRef.current, key, live.current.env);
      setState(outcome.state);
      perform(outcome.intent);
    },
    [perform, setState],
  );

  const targets = run.handle ? run.handle.plan.targets : makeGoals(memory.choice.current?.makeArgs ?? options.makeArgs ?? []);
  return buildPaneContract({ state, env, running, targets, screen, command, logPath, kernel: session.kernel, columns: layout.columns, onKey });
}

/** What the pane's keys need to know of the build (rows: set once the screen is laid out). */
function paneEnv(run: ReturnType<typeof useBuildWork>['run'], running: boolean): BuildPaneEnv {
  const snapshot = run.snapshot;
  return {
    running,
    total: snapshot?.counts.lines ?? 0,
    firstHeld: snapshot?.firstHeldLine ?? 0,
    issues: run.handle?.issues() ?? [],
    rows: 0,
    firstError: snapshot?.firstError,
  };
}

/** The command line on screen: the running build's, the form's as it is filled in, or the last plan's. */
function shownCommand(running: MakePlan | undefined, state: BuildPaneState, formPlan: string | null, last: MakePlan | null | undefined): string | null {
  if (running) return planCommandLine(running);
  if (state.stage.kind === 'form') return formPlan;
  return last ? planCommandLine(last) : null;
}

/** The build the pane follows, what it remembers of the last one, and what its work may change. */
function useBuildWork(context: PaneContext, options: BuildPaneOptions, stateRef: MutableRefObject<BuildPaneState>, setState: (next: BuildPaneState) => void) {
  const { session, host } = context;
  const [memory] = useState<BuildMemory>(() => ({ choice: { current: null }, plan: { current: null }, killed: { current: false } }));
  const run = useBuildRun((result: BuildResult) => {
    if (result.status !== 'cancelled') return;
    // The "Stopping make..." line is done with: say how the build ended instead.
    const how = memory.killed.current ? 'make and its compilers were killed at once' : 'make and every compiler it started were stopped';
    host.dispatch({ type: 'message', message: { text: `Build cancelled: ${how}`, tone: 'info' } });
  });
  const work: BuildWorkContext = {
    session,
    options,
    run,
    stage: (stage) => setState({ ...stateRef.current, stage }),
    started: () => {
      memory.killed.current = false;
      setState(logPane());
    },
    say: (text, tone = 'info') => host.dispatch({ type: 'message', message: { text, tone } }),
  };
  return { memory, run, work };
}
