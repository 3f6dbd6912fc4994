import { type MutableRefObject, useCallback } from 'react';
import type { MakePlan } from '../../../features/build/make-invocation.js';
import { runFromPane, type PaneContext } from '../../shell/pane.js';
import { type BuildPaneOptions, type BuildWorkContext, launch, openForm, planAndAsk } from './build-work.js';
import type { BuildIntent, BuildRequestChoice } from './state.js';

/** What the build pane's intents read now. */
export interface LiveBuild {
  context: PaneContext;
  work: BuildWorkContext;
  options: BuildPaneOptions;
}

export interface BuildMemory {
  /** The choice and plan of the build asked for last (r builds it again). */
  choice: MutableRefObject<BuildRequestChoice | null>;
  plan: MutableRefObject<MakePlan | null>;
  /** Ctrl+C (or c) was pressed a second time while make stopped: it was killed at once. */
  killed: MutableRefObject<boolean>;
}

/** Runs what the build pane's keys ask for: planning, saving and running make (queued), cancelling it, or an App intent. */
export function useBuildIntents(live: MutableRefObject<LiveBuild>, memory: BuildMemory, close: () => void): (intent: BuildIntent) => void {
  return useCallback(
    (intent: BuildIntent) => {
      const { context, work } = live.current;
      const queue = (run: () => Promise<void>): void => context.host.run({ kind: 'work', run });
      const plan = async (choice: BuildRequestChoice): Promise<void> => {
        memory.choice.current = choice;
        memory.plan.current = await planAndAsk(work, choice);
      };
      const handle = work.run.current();
      switch (intent.kind) {
        case 'plan':
          return queue(() => plan(intent.choice));
        case 'retry':
          return queue(() => (memory.choice.current ? plan(memory.choice.current) : openForm(work)));
        case 'save-answer':
          if (intent.answer !== 'cancel') return queue(() => launch(work, memory.plan.current!, intent.answer === 'save' ? 'save' : 'none'));
          close();
          return work.say('Not built; the changes are not saved');
        case 'overwrite-answer':
          if (intent.overwrite) return queue(() => launch(work, memory.plan.current!, 'force'));
          close();
          return work.say(`Not built: ${context.session.kernel.configPath} changed on disk (w in the menu saves elsewhere)`);
        case 'cancel-build': {
          if (!handle) return;
          const again = handle.snapshot().cancelling;
          memory.killed.current ||= again;
          void handle.cancel();
          return work.say(again ? 'Killing make and its compilers now' : 'Stopping make and every compiler it started (Ctrl+C again kills them at once)');
        }
        case 'stop-and-close':
          void handle?.cancel();
          close();
          return work.say('Stopped the build; the log keeps what make printed');
        case 'close-pane':
          return close();
        default:
          return runFromPane(context.host, intent, context.session);
      }
    },
    [live, memory, close],
  );
}
