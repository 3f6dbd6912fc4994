import { join } from 'node:path';
import { ConfigChangedOnDiskError, type Session } from '../../../engine/session.js';
import { DEFAULT_LOG_NAME } from '../../../features/build/build-run.js';
import { historyPath, readBuildChoice, rememberBuildChoice } from '../../../features/build/build-history.js';
import type { CompilerWrapping } from '../../../features/build/compiler-wrapper.js';
import { type MakePlan, planBuild } from '../../../features/build/make-invocation.js';
import { errorText } from '../../intents/messages.js';
import type { BuildRunHandle } from './use-build-run.js';
import { type BuildRequestChoice, type BuildStage, buildForm } from './state.js';

/** How the TUI's build runs make: defaults for the target (as after `tuxconf build --`) and -j, the log file, a CC wrapper. */
export interface BuildPaneOptions {
  /** Make arguments and targets offered first; default what the last build here asked for, else make's default goal. */
  makeArgs?: string[];
  /** -j offered first; default the last build's, else the core count. */
  jobs?: number;
  /** Default: .tuxconf-build.log in the output directory. */
  logPath?: string;
  wrapping?: CompilerWrapping;
  /** make's environment; default this process's. */
  env?: NodeJS.ProcessEnv;
}

/** What the build pane's work changes and reads. */
export interface BuildWorkContext {
  session: Session;
  options: BuildPaneOptions;
  run: BuildRunHandle;
  stage(stage: BuildStage): void;
  /** A fresh log: the build started. */
  started(): void;
  say(text: string, tone?: 'info' | 'error'): void;
}

export function logPathOf(session: Session, options: BuildPaneOptions): string {
  return options.logPath ?? join(session.kernel.objTree, DEFAULT_LOG_NAME);
}

/** B: the form, filled in with the caller's choice, else what the last build in this output directory asked for. */
export async function openForm(context: BuildWorkContext): Promise<void> {
  const { session, options } = context;
  if (session.kernel.demo) {
    context.stage({ kind: 'not-started', error: 'The demo tree has no kernel to build: open a kernel tree (-C DIR) to build it' });
    return;
  }
  const last = await readBuildChoice(historyPath(session.kernel.objTree));
  const choice: BuildRequestChoice = { makeArgs: options.makeArgs ?? last?.makeArgs ?? [], jobs: options.jobs ?? last?.jobs ?? null };
  context.stage({ kind: 'form', form: buildForm(choice) });
}

/** The plan of a build as the features plan it: its command line is the one shown and the one run. */
export function planFor(session: Session, options: BuildPaneOptions, choice: BuildRequestChoice): Promise<MakePlan> {
  return planBuild({
    tree: session.kernel,
    makeArgs: choice.makeArgs,
    ...(choice.jobs !== null ? { jobs: choice.jobs } : {}),
    ...(options.wrapping !== undefined ? { wrapping: options.wrapping } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
}

/** Plans the build, remembers the choice for the next one, then asks to save or starts it. Returns the plan. */
export async function planAndAsk(context: BuildWorkContext, choice: BuildRequestChoice): Promise<MakePlan | null> {
  const { session } = context;
  context.stage({ kind: 'starting', step: 'Planning the make command…' });
  let plan: MakePlan;
  try {
    plan = await planFor(session, context.options, choice);
  } catch (cause) {
    context.stage({ kind: 'not-started', error: `make was not started: ${errorText(cause)}` });
    return null;
  }
  await rememberBuildChoice(historyPath(session.kernel.objTree), choice).catch(() => undefined);
  if (session.unsavedValues().length > 0) context.stage({ kind: 'ask-save', choice: 'save' });
  else await launch(context, plan, 'none');
  return plan;
}

/** Saves as asked, then starts make; runs in the controller's queue, after the changes before it. */
export async function launch(context: BuildWorkContext, plan: MakePlan, save: 'save' | 'force' | 'none'): Promise<void> {
  const { session } = context;
  context.stage({ kind: 'starting', step: save === 'none' ? 'Starting make…' : 'Saving the configuration…' });
  if (save !== 'none') {
    try {
      const saved = await session.save({ force: save === 'force' });
      context.say(`Saved ${saved.path}; building`);
    } catch (cause) {
      if (save === 'save' && cause instanceof ConfigChangedOnDiskError) context.stage({ kind: 'ask-overwrite' });
      else context.stage({ kind: 'not-started', error: `Not saved, so not built: ${errorText(cause)}` });
      return;
    }
  }
  context.stage({ kind: 'starting', step: 'Starting make…' });
  try {
    await context.run.start(plan, session.kernel, { logPath: logPathOf(session, context.options) });
  } catch (cause) {
    context.stage({ kind: 'not-started', error: `make was not started: ${errorText(cause)}` });
    return;
  }
  context.started();
}
