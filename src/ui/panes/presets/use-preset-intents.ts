import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback } from 'react';
import type { AppliedLedger, Preset, PresetListing } from '../../../features/presets/index.js';
import type { ConfigState } from '../../../model/types.js';
import type { StyledLine } from '../../text/styled-text.js';
import { clearMessage, type PaneContext, runFromPane } from '../../shell/pane.js';
import { type PresetsOutcome, sameValues } from './lines.js';
import { applyWork, createWork, fixWork, type PresetWorkContext, previewWork, takeBackWork } from './preset-work.js';
import { presetKey, type PresetRow } from './rows.js';
import type { CreateForm, PresetsIntent, PresetsPaneLayout, PresetsPaneState } from './state.js';

/** What the presets pane knows now, read by its key handler and its work. */
export interface LivePresets {
  context: PaneContext;
  rows: PresetRow[] | null;
  listing: PresetListing[] | null;
  lines: StyledLine[];
  sizes: PresetsPaneLayout;
  outcome: PresetsOutcome;
  stale: boolean;
  applicable: boolean;
  fixable: boolean;
  defconfigPath: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

interface PresetIntentOptions {
  live: MutableRefObject<LivePresets>;
  ledger: AppliedLedger;
  request: MutableRefObject<number>;
  stateRef: MutableRefObject<PresetsPaneState>;
  focusKey: MutableRefObject<string | null>;
  setOutcome: Dispatch<SetStateAction<PresetsOutcome>>;
  setFrozen: Dispatch<SetStateAction<ConfigState | null>>;
  rerender(): void;
  reload(announce: boolean): void;
}

interface FixRun {
  work: PresetWorkContext;
  id: number;
  presetsFor(keys: readonly string[]): Preset[];
  setOutcome(outcome: PresetsOutcome): void;
  queue(run: () => Promise<void>): void;
}

/** f on the outcome page: the fix for the requests that do not stick, after applying the previewed presets first if asked. */
function fixRequests(shown: Extract<PresetsOutcome, { kind: 'ready' }>, applyFirst: boolean, run: FixRun): void {
  if (!applyFirst) return run.queue(() => fixWork(run.work, run.id, shown));
  const chosen = run.presetsFor(shown.keys);
  run.setOutcome({ kind: 'running', mode: 'apply', names: chosen.map((preset) => preset.name), keys: shown.keys });
  run.queue(async () => {
    const applied = await applyWork(run.work, run.id, chosen, shown.keys);
    if (applied && applied.outcome.notApplied.length > 0) await fixWork(run.work, run.id, applied);
  });
}

/** Runs what the presets pane's keys ask for: the presets feature's work, queued, or an intent for the App. */
export function usePresetIntents(options: PresetIntentOptions): (intent: PresetsIntent) => void {
  const { live, ledger, request, stateRef, focusKey, setOutcome, setFrozen, rerender, reload } = options;
  return useCallback(
    (intent: PresetsIntent) => {
      const { context: current, listing: presets, outcome: shownOutcome, stale: old, defconfigPath: defconfig } = live.current;
      const say = (text: string, tone: 'info' | 'error' = 'info'): void => current.host.dispatch({ type: 'message', message: { text, tone } });
      const work: PresetWorkContext = {
        session: current.session,
        ledger,
        setOutcome: (id, next) => request.current === id && setOutcome(next),
        freeze: setFrozen,
        say,
      };
      const queue = (run: () => Promise<void>): void => {
        clearMessage(current.host);
        current.host.run({ kind: 'work', run });
      };
      const presetsFor = (keys: readonly string[]) => keys.flatMap((key) => presets?.find((entry) => presetKey(entry) === key)?.preset ?? []);
      const start = (mode: 'preview' | 'apply', keys: string[]): void => {
        const chosen = presetsFor(keys);
        if (chosen.length === 0) return;
        const id = ++request.current;
        setOutcome({ kind: 'running', mode, names: chosen.map((preset) => preset.name), keys });
        queue(async () => void (await (mode === 'preview' ? previewWork : applyWork)(work, id, chosen, keys)));
      };
      switch (intent.kind) {
        case 'preview': {
          const same = (shownOutcome.kind === 'running' || shownOutcome.kind === 'ready') && sameValues(shownOutcome.keys, intent.keys);
          // The preview of the same presets is still under way, or still describes the config: show it again.
          if (same && (shownOutcome.kind === 'running' || (shownOutcome.mode === 'preview' && !old))) return;
          return start('preview', intent.keys);
        }
        case 'apply':
          return start('apply', intent.keys);
        case 'apply-previewed':
          return shownOutcome.kind === 'ready' && shownOutcome.mode === 'preview' ? start('apply', shownOutcome.keys) : undefined;
        case 'fix-requests':
          return shownOutcome.kind === 'ready'
            ? fixRequests(shownOutcome, intent.applyFirst, { work, id: ++request.current, presetsFor, setOutcome, queue })
            : undefined;
        case 'unapply': {
          const name = presets?.find((entry) => presetKey(entry) === intent.key)?.preset.name ?? intent.key;
          return queue(() => takeBackWork(work, intent.key, name));
        }
        case 'create': {
          const base = intent.against === 'defconfig' && defconfig ? ({ kind: 'defconfig', path: defconfig } as const) : ({ kind: 'loaded' } as const);
          const form = {
            update: (change: (form: CreateForm) => CreateForm) => {
              const open = stateRef.current.create;
              if (open) stateRef.current = { ...stateRef.current, create: change(open) };
              rerender();
            },
            created: (name: string) => {
              stateRef.current = { ...stateRef.current, create: null };
              focusKey.current = `user:${name}`;
              reload(false);
            },
          };
          return queue(() =>
            createWork(
              work,
              { name: intent.name, format: intent.format, base, overwrite: intent.overwrite, env: live.current.env, cwd: live.current.cwd },
              form,
            ),
          );
        }
        case 'reload':
          reload(true);
          return say('Reading the presets again...');
        default:
          return runFromPane(current.host, intent, current.session);
      }
    },
    [live, ledger, request, stateRef, focusKey, setOutcome, setFrozen, rerender, reload],
  );
}
