import { basename } from 'node:path';
import { type Session, TuxconfError } from '../../../engine/session.js';
import {
  type AppliedLedger,
  applyPresets,
  type BaseChoice,
  createPreset,
  type ExportFormat,
  planFor,
  type Preset,
  PresetExistsError,
  previewPresets,
} from '../../../features/presets/index.js';
import { requestedValue } from '../../../model/config-text.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { ConfigState } from '../../../model/types.js';
import { plural } from '../../../model/plural.js';
import { errorText } from '../../intents/messages.js';
import type { PresetsOutcome } from './lines.js';
import type { CreateForm } from './state.js';

/** What the presets pane's work may change in the pane, and how it reports. */
export interface PresetWorkContext {
  session: Session;
  ledger: AppliedLedger;
  /** Sets the outcome page, unless a newer preview or apply was asked for meanwhile (`id`). */
  setOutcome(id: number, outcome: PresetsOutcome): void;
  /** While a preview holds presets in the session, the list keeps the values from before. */
  freeze(state: ConfigState | null): void;
  say(text: string, tone?: 'info' | 'error'): void;
}

const valuesOf = (config: ConfigState): string[] => config.symbols.map((symbol) => symbol.value);

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

export async function previewWork(context: PresetWorkContext, id: number, presets: Preset[], keys: string[]): Promise<void> {
  const { session } = context;
  const names = presets.map((preset) => preset.name);
  context.freeze(session.state);
  try {
    const previewed = await previewPresets(session, await planFor(session, presets));
    context.setOutcome(id, { kind: 'ready', mode: 'preview', names, keys, outcome: previewed, values: valuesOf(session.state) });
  } catch (cause) {
    context.setOutcome(id, failure('preview', names, cause));
  } finally {
    context.freeze(null);
  }
}

/** Applies presets as one step; the outcome page shows what happened (returned too, for a fix right after). */
export async function applyWork(context: PresetWorkContext, id: number, presets: Preset[], keys: string[]): Promise<ReadyOutcome | null> {
  const { session } = context;
  const names = presets.map((preset) => preset.name);
  try {
    const done = await applyPresets(session, await planFor(session, presets));
    context.ledger.record(keys, done);
    const ready: ReadyOutcome = { kind: 'ready', mode: 'applied', names, keys, outcome: done, values: valuesOf(session.state) };
    context.setOutcome(id, ready);
    const missed = done.notApplied.length > 0 ? `; ${done.notApplied.length} of ${done.requests.length} requests do not stick` : '';
    context.say(`Applied ${names.join(' + ')}: ${plural(done.changes.length, 'value')} changed (u undoes it)${missed}`);
    return ready;
  } catch (cause) {
    context.setOutcome(id, failure('apply', names, cause));
    context.say(`Not applied: ${errorText(cause)}`, 'error');
    return null;
  }
}

type ReadyOutcome = Extract<PresetsOutcome, { kind: 'ready' }>;

/**
 * "Fix them too": one fix for every request of the applied presets that does not stick, found by
 * the engine's search and applied as one undoable step right after them; what cannot be had is
 * listed on the outcome page with what blocks it.
 */
export async function fixWork(context: PresetWorkContext, id: number, shown: ReadyOutcome): Promise<void> {
  const { session } = context;
  const targets = shown.outcome.notApplied.map((missed) => ({ name: missed.request.name, value: requestedValue(missed.request.text) }));
  context.setOutcome(id, { ...shown, fix: { kind: 'searching', count: targets.length } });
  try {
    const plan = await session.planFix(targets);
    const applied = await session.applyFix(plan);
    if (!applied.ok) {
      const why = applied.unmet.length > 0 ? `${applied.unmet.join(', ')} would not hold` : (applied.refused[0]?.reason ?? 'kconfig refused it');
      context.setOutcome(id, { ...shown, fix: { kind: 'failed', error: `${why}; nothing changed` } });
      context.say(`The fix was not applied: ${escapeControl(why)}`, 'error');
      return;
    }
    context.setOutcome(id, { ...shown, values: valuesOf(session.state), fix: { kind: 'applied', plan, changed: applied.changed.length } });
    const fixed = plan.targets.filter((target) => target.status === 'fixable').length;
    const impossible = plan.targets.filter((target) => target.status === 'impossible').map((target) => target.name);
    const rest = impossible.length > 0 ? `; cannot be had: ${escapeControl(impossible.slice(0, 3).join(', '))}${impossible.length > 3 ? ' ...' : ''}` : '';
    context.say(`Fixed ${fixed} of ${targets.length} requests: ${plural(applied.changed.length, 'value')} changed (u undoes the fix)${rest}`);
  } catch (cause) {
    context.setOutcome(id, { ...shown, fix: { kind: 'failed', error: errorText(cause) } });
    context.say(`No fix: ${errorText(cause)}`, 'error');
  }
}

export async function takeBackWork(context: PresetWorkContext, key: string, name: string): Promise<void> {
  const outcome = await context.ledger.takeBack(context.session, key);
  if (outcome.kind === 'not-applied') {
    context.say(`${name} was not applied in this view (u undoes the last change of any kind)`, 'error');
    return;
  }
  const together = outcome.together.length > 0 ? ` (applied together: ${outcome.together.join(' + ')})` : '';
  context.say(`Took back ${name}${together}: ${plural(outcome.changes.length, 'value')} changed back`);
}

export interface CreateRequest {
  name: string;
  format: ExportFormat;
  base: BaseChoice;
  overwrite: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Saves the changes as a preset; the form learns what to fix or to confirm, or `created` the new preset's name. */
export async function createWork(
  context: PresetWorkContext,
  request: CreateRequest,
  form: { update(change: (form: CreateForm) => CreateForm): void; created(name: string): void },
): Promise<void> {
  const { session } = context;
  if (request.base.kind !== 'loaded') context.freeze(session.state);
  try {
    const created = await createPreset(session, { ...request, where: 'user' });
    form.created(request.name);
    context.say(`Saved ${plural(created.entries.length, 'option')} as preset ${request.name} (${created.path})`);
  } catch (cause) {
    if (cause instanceof PresetExistsError) {
      const file = basename(cause.path);
      form.update((current) => ({
        ...current,
        error: `${file} exists in your presets: Enter again overwrites it`,
        confirmOverwrite: `${request.name}:${request.format}`,
      }));
    } else {
      form.update((current) => ({ ...current, error: errorText(cause) }));
    }
  } finally {
    context.freeze(null);
  }
}
