import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { TuxconfError } from '../../../engine/errors.js';
import type { Session } from '../../../engine/session.js';
import {
  type AppliedPresets,
  applyPresets,
  catalogFor,
  changedOptions,
  createPreset,
  type Preset,
  type PresetCatalog,
  type PresetListing,
  planFor,
  presetStatus,
  previewPresets,
  unapplyPresets,
} from '../../../features/presets/index.js';
import { projectPresetDir, userPresetDir } from '../../../features/presets/user-presets.js';
import type { ConfigState } from '../../../model/types.js';
import type { KeyEvent } from '../../input/key-event.js';
import type { Intent } from '../menu/state.js';
import { presetsHints } from '../../state/presets-hints.js';
import { outcomeLines, outcomeTitle, type PresetsOutcome } from './lines.js';
import {
  cursorToPreset,
  initialPresetsPane,
  type PresetsCommand,
  presetsPaneKey,
  presetsPaneLayout,
  type PresetsPaneState,
  settlePresetsPane,
} from './state.js';
import { type PresetDirs, type PresetRow, presetIndices, presetKey, presetRows } from './rows.js';
import { errorText } from '../../intents/run-intent.js';
import type { StyledLine } from '../../text/styled-text.js';
import { type PaneHost, runFromPane } from '../../shell/pane.js';

/** Where presets are looked for: `$XDG_CONFIG_HOME/tuxconf/presets` from `env`, `.tuxconf/presets` in `cwd`. */
export interface PresetSourceOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export type CatalogStatus =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; catalog: PresetCatalog }
  | { kind: 'failed'; error: string };

export interface PresetsPane {
  state: PresetsPaneState;
  catalog: CatalogStatus;
  /** null until the presets are read. */
  rows: PresetRow[] | null;
  outcome: PresetsOutcome;
  /** The outcome page, wrapped to the pane's width. */
  outcomeLines: StyledLine[];
  /** The outcome was computed on other values than the config has now. */
  stale: boolean;
  dirs: PresetDirs;
  /** The defconfig a new preset can be saved against (KBUILD_DEFCONFIG, else the arch's first). */
  defconfig: string | null;
  /** Presets applied from this view whose step is still in the session's history (x takes them back). */
  appliedKeys: ReadonlySet<string>;
  title: { title: string; position: string };
  hints: ReturnType<typeof presetsHints>;
  onKey(key: KeyEvent): void;
}

interface AppliedRecord {
  keys: string[];
  applied: AppliedPresets;
}

/** The outcome page shows a preview that Enter or `a` applies. */
function applicable(outcome: PresetsOutcome): boolean {
  return outcome.kind === 'ready' && outcome.mode === 'preview';
}

function valuesOf(config: ConfigState): string[] {
  return config.symbols.map((symbol) => symbol.value);
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Whether `then` (the history right after an apply) still leads the session's history: the apply was not undone. */
function stillApplied(record: AppliedRecord, history: readonly string[]): boolean {
  const then = record.applied.history;
  return then.length <= history.length && then.every((label, index) => label === history[index]);
}

/** The defconfig preset "against the defconfig" means: make defconfig's, else the arch's first defconfig. */
function defconfigPreset(catalog: PresetCatalog): Preset | undefined {
  const bases = catalog.presets.filter((preset) => preset.origin === 'base' && preset.steps[0]?.kind === 'defconfig');
  return bases.find((preset) => preset.name === 'defconfig') ?? bases[0];
}

function defconfigName(preset: Preset): string {
  const path = preset.steps[0]?.files[0]?.path;
  return path ? basename(path) : preset.name;
}

function failure(mode: 'preview' | 'apply', names: string[], cause: unknown): PresetsOutcome {
  const known = cause instanceof TuxconfError;
  return {
    kind: 'failed',
    mode,
    names,
    message: known ? cause.message : errorText(cause),
    details: known ? cause.details : [],
    hint: known ? cause.hint : undefined,
  };
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The presets view's state: the catalog (read when the view first opens, again on `r` and after
 * saving a preset), each preset's status against the current values, the marks, and the outcome
 * of the last preview or apply. Engine work (previews, applies, saving) is queued through the
 * controller like every other change, so keys stay live while the kernel works.
 */
export function usePresetsPane(options: {
  session: Session;
  config: ConfigState;
  source: PresetSourceOptions;
  /** The pane is on screen. */
  open: boolean;
  width: number;
  height: number;
  host: PaneHost;
}): PresetsPane {
  const { session, config, open, width, height, host } = options;
  const env = options.source.env ?? process.env;
  const cwd = options.source.cwd ?? process.cwd();
  const dirs = useMemo<PresetDirs>(() => ({ user: userPresetDir(env), project: projectPresetDir(cwd) }), [env, cwd]);

  const [catalog, setCatalog] = useState<CatalogStatus>({ kind: 'idle' });
  const [outcome, setOutcome] = useState<PresetsOutcome>({ kind: 'none' });
  // While a preview runs, the session holds the presets for a moment: the list keeps the values from before.
  const [frozen, setFrozen] = useState<ConfigState | null>(null);
  const stateRef = useRef<PresetsPaneState>(initialPresetsPane());
  const applied = useRef<AppliedRecord[]>([]);
  const focusKey = useRef<string | null>(null);
  const request = useRef(0);
  const loads = useRef(0);
  /** `r` asked to read the presets again: say when they are. */
  const announce = useRef(false);
  const [, rerender] = useReducer((count: number) => count + 1, 0);

  useEffect(() => () => {
    loads.current++;
    request.current++;
  }, []);

  useEffect(() => {
    if (!open || catalog.kind !== 'idle') return;
    const run = ++loads.current;
    setCatalog({ kind: 'loading' });
    catalogFor(session, { env, cwd, kbuildDefconfig: session.kbuildVariable('KBUILD_DEFCONFIG') }).then(
      (loaded) => {
        if (loads.current !== run) return;
        setCatalog({ kind: 'ready', catalog: loaded });
        if (announce.current) {
          const broken = loaded.issues.length > 0 ? `; ${plural(loaded.issues.length, 'file')} cannot be read` : '';
          host.dispatch({ type: 'message', message: { text: `Read ${plural(loaded.presets.length, 'preset')} again${broken}`, tone: 'info' } });
        }
        announce.current = false;
      },
      (cause: unknown) => {
        if (loads.current !== run) return;
        setCatalog({ kind: 'failed', error: errorText(cause) });
        if (announce.current) host.dispatch({ type: 'message', message: { text: `Cannot read the presets: ${errorText(cause)}`, tone: 'error' } });
        announce.current = false;
      },
    );
  }, [open, catalog.kind, session, env, cwd, host]);

  const shown = frozen ?? config;
  // While the presets are read again, the list stays as it was.
  const lastCatalog = useRef<PresetCatalog | null>(null);
  if (catalog.kind === 'ready') lastCatalog.current = catalog.catalog;
  const ready = lastCatalog.current;
  const listing = useMemo<PresetListing[] | null>(() => {
    if (!ready) return null;
    const valueOf = (name: string): string | undefined => {
      const info = session.model.byName.get(name);
      return info ? shown.symbols[info.index]?.value : undefined;
    };
    return ready.presets.map((preset) => ({ preset, status: presetStatus(preset, session.model, valueOf) }));
  }, [ready, shown, session]);
  const rows = useMemo(() => (listing && ready ? presetRows(listing, ready.issues, dirs) : null), [listing, ready, dirs]);
  const basePreset = ready ? defconfigPreset(ready) : undefined;
  const defconfig = basePreset ? defconfigName(basePreset) : null;

  const creating = stateRef.current.create !== null;
  const layout = presetsPaneLayout(height, creating);
  let state = settlePresetsPane(stateRef.current, rows, layout.list);
  if (rows && focusKey.current && catalog.kind === 'ready') {
    state = cursorToPreset(state, rows, focusKey.current, layout.list);
    focusKey.current = null;
  }
  stateRef.current = state;

  const currentValues = useMemo(() => valuesOf(config), [config]);
  const stale = outcome.kind === 'ready' && frozen === null && !sameValues(outcome.values, currentValues);
  const lines = useMemo(() => outcomeLines(outcome, session.model, session.kernel.srcTree, width), [outcome, session, width]);
  const history = session.history;
  const appliedKeys = new Set(applied.current.filter((record) => stillApplied(record, history)).flatMap((record) => record.keys));

  const live = useRef({ options, rows, listing, lines, layout, outcome, stale, basePreset, defconfig, env, cwd });
  live.current = { options, rows, listing, lines, layout, outcome, stale, basePreset, defconfig, env, cwd };

  const setForm = useCallback((change: (form: NonNullable<PresetsPaneState['create']>) => PresetsPaneState['create']) => {
    const form = stateRef.current.create;
    if (!form) return;
    stateRef.current = { ...stateRef.current, create: change(form) };
    rerender();
  }, []);

  const command = useCallback(
    (next: PresetsCommand) => {
      const { options: current, listing: presets } = live.current;
      const { host } = current;
      const work = (run: () => Promise<void>): void => {
        if (host.current().message) host.dispatch({ type: 'message', message: null });
        host.run({ kind: 'presets-work', run } satisfies Intent);
      };
      const say = (text: string, tone: 'info' | 'error' = 'info'): void => host.dispatch({ type: 'message', message: { text, tone } });
      const presetsFor = (keys: readonly string[]): Preset[] =>
        keys.flatMap((key) => presets?.find((entry) => presetKey(entry) === key)?.preset ?? []);

      const apply = (keys: string[]): void => {
        const chosen = presetsFor(keys);
        if (chosen.length === 0) return;
        const names = chosen.map((preset) => preset.name);
        const id = ++request.current;
        setOutcome({ kind: 'running', mode: 'apply', names, keys });
        work(async () => {
          try {
            const plan = await planFor(current.session, chosen);
            const done = await applyPresets(current.session, plan);
            applied.current.push({ keys, applied: done });
            if (request.current === id) {
              setOutcome({ kind: 'ready', mode: 'applied', names, keys, outcome: done, values: valuesOf(current.session.state) });
            }
            const missed = done.notApplied.length > 0 ? `; ${done.notApplied.length} of ${done.requests.length} requests do not stick` : '';
            say(`Applied ${names.join(' + ')}: ${plural(done.changes.length, 'value')} changed (u undoes it)${missed}`);
          } catch (cause) {
            if (request.current === id) setOutcome(failure('apply', names, cause));
            say(`Not applied: ${errorText(cause)}`, 'error');
          }
        });
      };

      switch (next.kind) {
        case 'none':
          return;
        case 'intent':
          runFromPane(host, next.intent, (node) => {
            const symbol = current.session.model.nodes[node]?.symbol ?? -1;
            return current.session.model.symbols[symbol]?.name ?? null;
          });
          return;
        case 'reload':
          loads.current++;
          announce.current = true;
          setCatalog({ kind: 'idle' });
          say('Reading the presets again...');
          return;
        case 'preview': {
          const shownOutcome = live.current.outcome;
          const same = (shownOutcome.kind === 'running' || shownOutcome.kind === 'ready') && 'keys' in shownOutcome && sameValues(shownOutcome.keys, next.keys);
          // The preview of the same presets is still under way, or still describes the config: show it again.
          if (same && (shownOutcome.kind === 'running' || (shownOutcome.mode === 'preview' && !live.current.stale))) return;
          const chosen = presetsFor(next.keys);
          if (chosen.length === 0) return;
          const names = chosen.map((preset) => preset.name);
          const id = ++request.current;
          setOutcome({ kind: 'running', mode: 'preview', names, keys: next.keys });
          work(async () => {
            setFrozen(current.session.state);
            try {
              const plan = await planFor(current.session, chosen);
              const previewed = await previewPresets(current.session, plan);
              if (request.current === id) {
                setOutcome({ kind: 'ready', mode: 'preview', names, keys: next.keys, outcome: previewed, values: valuesOf(current.session.state) });
              }
            } catch (cause) {
              if (request.current === id) setOutcome(failure('preview', names, cause));
            } finally {
              setFrozen(null);
            }
          });
          return;
        }
        case 'apply':
          apply(next.keys);
          return;
        case 'apply-previewed': {
          const shownOutcome = live.current.outcome;
          if (shownOutcome.kind === 'ready' && shownOutcome.mode === 'preview') apply(shownOutcome.keys);
          return;
        }
        case 'unapply': {
          const name = presets?.find((entry) => presetKey(entry) === next.key)?.preset.name ?? next.key;
          work(async () => {
            const history = current.session.history;
            const record = [...applied.current].reverse().find((entry) => entry.keys.includes(next.key) && stillApplied(entry, history));
            if (!record) {
              say(`${name} was not applied in this view (u undoes the last change of any kind)`, 'error');
              return;
            }
            const changes = await unapplyPresets(current.session, record.applied);
            applied.current = applied.current.filter((entry) => entry !== record);
            const together = record.keys.length > 1 ? ` (applied together: ${record.applied.presets.join(' + ')})` : '';
            say(`Took back ${name}${together}: ${plural(changes.length, 'value')} changed back`);
          });
          return;
        }
        case 'create': {
          const { basePreset: base, defconfig: baseName, env: presetEnv, cwd: presetCwd } = live.current;
          const path = join(userPresetDir(presetEnv), `${next.name}${next.format === 'guix' ? '.scm' : '.config'}`);
          work(async () => {
            try {
              if (!next.overwrite && (await exists(path))) {
                setForm((form) => ({ ...form, error: `${basename(path)} exists in your presets: Enter again overwrites it`, confirmOverwrite: `${next.name}:${next.format}` }));
                return;
              }
              let baseText: string;
              let against: string;
              if (next.against === 'defconfig' && base) {
                setFrozen(current.session.state);
                try {
                  baseText = (await previewPresets(current.session, await planFor(current.session, [base]))).configText;
                } finally {
                  setFrozen(null);
                }
                against = baseName ?? base.name;
              } else {
                baseText = await current.session.loadedConfigText();
                against = 'the loaded config';
              }
              const count = changedOptions(current.session.model, baseText, await current.session.configText()).length;
              const created = await createPreset(current.session, {
                name: next.name,
                format: next.format,
                where: 'user',
                env: presetEnv,
                cwd: presetCwd,
                baseText,
                overwrite: next.overwrite,
                description: `${plural(count, 'option')} changed against ${against} (saved by tuxconf)`,
              });
              stateRef.current = { ...stateRef.current, create: null };
              focusKey.current = `user:${next.name}`;
              loads.current++;
              setCatalog({ kind: 'idle' });
              say(`Saved ${plural(created.entries.length, 'option')} as preset ${next.name} (${created.path})`);
            } catch (cause) {
              setForm((form) => ({ ...form, error: errorText(cause) }));
            }
          });
          return;
        }
      }
    },
    [setForm],
  );

  const onKey = useCallback(
    (key: KeyEvent) => {
      const { rows: list, lines: page, layout: sizes, outcome: shownOutcome, defconfig: base, options: current } = live.current;
      const before = stateRef.current;
      const outcomeHeight = current.height - 1;
      const result = presetsPaneKey(before, key, {
        rows: list,
        listHeight: sizes.list,
        outcomeLines: page.length,
        outcomeHeight,
        outcomeApplicable: applicable(shownOutcome),
        defconfig: base,
      });
      if (result.state !== before) {
        stateRef.current = result.state;
        rerender();
      }
      command(result.command);
    },
    [command],
  );

  const title = (() => {
    if (state.view === 'outcome') {
      const total = lines.length;
      const page = height - 1;
      const position = total > page ? `${state.outcomeTop + 1}-${Math.min(total, state.outcomeTop + page)}/${total}` : '';
      return { title: `Presets: ${outcomeTitle(outcome)}`, position };
    }
    const presets = rows ? presetIndices(rows) : [];
    const at = presets.indexOf(state.cursor);
    return { title: 'Presets', position: presets.length > 0 && at >= 0 ? `${at + 1}/${presets.length}` : '' };
  })();

  const hints = presetsHints(state, applicable(outcome));
  return { state, catalog, rows, outcome, outcomeLines: lines, stale, dirs, defconfig, appliedKeys, title, hints, onKey };
}
