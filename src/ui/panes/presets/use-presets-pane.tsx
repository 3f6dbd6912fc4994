/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { basename } from 'node:path';
import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { AppliedLedger, catalogDefconfig, type PresetListing, presetStatus } from '../../../features/presets/index.js';
import { projectPresetDir, userPresetDir } from '../../../features/presets/user-presets.js';
import type { ConfigState } from '../../../model/types.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { PresetsContent } from './content.js';
import { outcomeLines, outcomeTitle, type PresetsOutcome, sameValues } from './lines.js';
import { presetIndices, presetRows } from './rows.js';
import { cursorToPreset, initialPresetsPane, presetsMode, presetsPaneKey, presetsPaneLayout, type PresetsPaneState, settlePresetsPane } from './state.js';
import { usePresetCatalog } from './use-preset-catalog.js';
import { type LivePresets, usePresetIntents } from './use-preset-intents.js';

/** Where presets are looked for: `$XDG_CONFIG_HOME/tuxconf/presets` from `env`, `.tuxconf/presets` in `cwd`. */
export interface PresetSourceOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const valuesOf = (config: ConfigState): string[] => config.symbols.map((symbol) => symbol.value);

/**
 * Fragment presets (`F`): the catalog with each preset's status against the current values, the
 * marks, and the outcome of the last preview or apply. The work (previews, applies, taking back,
 * saving) is the presets feature's, queued like every other engine request, so keys stay live.
 */
export function usePresetsPane(context: PaneContext, source: PresetSourceOptions): Pane {
  const { session, config, ui, layout, host } = context;
  const env = source.env ?? process.env;
  const cwd = source.cwd ?? process.cwd();
  const dirs = useMemo(() => ({ user: userPresetDir(env), project: projectPresetDir(cwd) }), [env, cwd]);
  const catalog = usePresetCatalog(session, { env, cwd }, ui.pane.kind === 'presets', host);
  const [outcome, setOutcome] = useState<PresetsOutcome>({ kind: 'none' });
  const [frozen, setFrozen] = useState<ConfigState | null>(null);
  const [ledger] = useState(() => new AppliedLedger());
  const stateRef = useRef<PresetsPaneState>(initialPresetsPane());
  const focusKey = useRef<string | null>(null);
  const request = useRef(0);
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  const shown = frozen ?? config;
  const ready = catalog.last;
  const listing = useMemo<PresetListing[] | null>(
    () => ready && ready.presets.map((preset) => ({ preset, status: presetStatus(preset, session.model, (name) => shownValue(session, shown, name)) })),
    [ready, shown, session],
  );
  const rows = useMemo(() => (listing && ready ? presetRows(listing, ready.issues, dirs) : null), [listing, ready, dirs]);
  const defconfigPath = ready ? catalogDefconfig(ready, session.kbuildVariable('KBUILD_DEFCONFIG')) : undefined;
  const sizes = presetsPaneLayout(layout.page, stateRef.current.create !== null);
  let state = settlePresetsPane(stateRef.current, rows, sizes.list);
  if (rows && focusKey.current && catalog.status.kind === 'ready') {
    state = cursorToPreset(state, rows, focusKey.current, sizes.list);
    focusKey.current = null;
  }
  stateRef.current = state;
  // Every value of the tree, only to tell an outcome computed for other values (not at each toggle while none is shown).
  const comparing = outcome.kind === 'ready' && frozen === null;
  const currentValues = useMemo(() => (comparing ? valuesOf(config) : []), [comparing, config]);
  const stale = outcome.kind === 'ready' && frozen === null && !sameValues(outcome.values, currentValues);
  const lines = useMemo(() => outcomeLines(outcome, session.model, session.kernel.srcTree, layout.columns), [outcome, session, layout.columns]);
  const { applicable, fixable } = outcomeOffers(outcome, stale);

  const live = useRef<LivePresets>({ context, rows, listing, lines, sizes, outcome, stale, applicable, fixable, defconfigPath, env, cwd });
  live.current = { context, rows, listing, lines, sizes, outcome, stale, applicable, fixable, defconfigPath, env, cwd };

  const perform = usePresetIntents({ live, ledger, request, stateRef, focusKey, setOutcome, setFrozen, rerender, reload: catalog.reload });

  const onKey = useCallback(
    (key: KeyEvent) => {
      const before = stateRef.current;
      const result = presetsPaneKey(before, key, keyEnv(live.current));
      if (result.state !== before) {
        stateRef.current = result.state;
        rerender();
      }
      perform(result.intent);
    },
    [perform],
  );

  return {
    title: () => presetsTitle(state, lines.length, layout.page, outcome, rows),
    hints: () => hintsOf(KEYMAP[presetsMode(state, applicable, fixable)]),
    content: (height) => (
      <PresetsContent
        state={state}
        catalog={catalog.status}
        rows={rows}
        outcome={outcome}
        outcomeLines={lines}
        stale={stale}
        dirs={dirs}
        defconfig={defconfigPath ? basename(defconfigPath) : null}
        appliedKeys={ledger.appliedKeys(session.history)}
        srcTree={session.kernel.srcTree}
        width={layout.columns}
        height={height}
      />
    ),
    onKey,
    takesText: () => state.create?.focus === 'name',
  };
}

/** What the outcome page offers: a preview Enter applies; requests that do not stick, and no fix for them yet, f fixes. */
function outcomeOffers(outcome: PresetsOutcome, stale: boolean): { applicable: boolean; fixable: boolean } {
  const ready = outcome.kind === 'ready' ? outcome : null;
  return { applicable: ready?.mode === 'preview', fixable: ready !== null && ready.outcome.notApplied.length > 0 && !ready.fix && !stale };
}

/** What the pane's keys need to know besides its state: the rows, the page sizes, whether the outcome can be applied or fixed. */
function keyEnv(live: LivePresets): Parameters<typeof presetsPaneKey>[2] {
  const { rows, lines, sizes, applicable, fixable, defconfigPath, context } = live;
  return {
    rows,
    listHeight: sizes.list,
    outcomeLines: lines.length,
    outcomeHeight: context.layout.page - 1,
    outcomeApplicable: applicable,
    outcomeFixable: fixable,
    defconfig: defconfigPath ? basename(defconfigPath) : null,
  };
}

function shownValue(session: PaneContext['session'], shown: ConfigState, name: string): string | undefined {
  const info = session.model.byName.get(name);
  return info ? shown.symbols[info.index]?.value : undefined;
}

function presetsTitle(state: PresetsPaneState, total: number, height: number, outcome: PresetsOutcome, rows: ReturnType<typeof presetRows> | null) {
  if (state.page === 'outcome') {
    const page = height - 1;
    const position = total > page ? `${state.outcomeTop + 1}-${Math.min(total, state.outcomeTop + page)}/${total}` : '';
    return { text: `Presets: ${outcomeTitle(outcome)}`, position, keep: 'start' as const };
  }
  const presets = rows ? presetIndices(rows) : [];
  const at = presets.indexOf(state.cursor);
  return { text: 'Presets', position: presets.length > 0 && at >= 0 ? `${at + 1}/${presets.length}` : '', keep: 'start' as const };
}
