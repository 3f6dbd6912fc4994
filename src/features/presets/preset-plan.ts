import { mergeFragmentText, requestedValue } from '../../model/config-text.js';
import { closestNames } from '../../model/similar-names.js';
import type { MenuModel } from '../../model/types.js';
import { invalidForType } from './check-entry.js';
import { formatFragment } from './fragment-format.js';
import { PresetError } from './preset-error.js';
import type { Preset, PresetFile, PresetFormat, PresetOrigin, PresetStep, SourceIssue } from './preset-types.js';

/** One requested value with where it was asked for. */
export interface Request {
  name: string;
  text: string | null;
  preset: string;
  path: string;
  line: number;
  format: PresetFormat;
}

export interface PlannedStep {
  kind: PresetStep['kind'];
  preset: string;
  /** merge: the fragment text merge_config.sh appends; defconfig: the file; allno: KCONFIG_ALLCONFIG's text. */
  text: string;
  path: string | undefined;
  /** What this step asks for, one per symbol, the last request of the step winning. */
  requests: Request[];
}

/** One symbol asked for with different values; the last request wins, as in merge_config.sh. */
export interface Conflict {
  name: string;
  requests: Request[];
  winner: Request;
}

/** A request that cannot stick whatever the configuration: decided from the sources and the tree alone. */
export interface RequestNote {
  request: Request;
  kind: 'undefined' | 'other-arch' | 'invalid';
  message: string;
}

export interface PresetPlan {
  presets: string[];
  steps: PlannedStep[];
  /** The winning request of every symbol asked for, in the order they were asked for. */
  requests: Request[];
  conflicts: Conflict[];
  notes: RequestNote[];
  warnings: string[];
}

export interface PlanContext {
  model: MenuModel;
  arch: string;
  /** Where symbols unknown to this configuration are defined in the tree (other arches). */
  definitions: Map<string, string[]>;
}

/** The kernel's own fragments and defconfigs are applied as make applies them, stale symbols and all. */
const LENIENT: ReadonlySet<PresetOrigin> = new Set(['tree', 'base']);

/** Symbols the presets name that this configuration does not know, to look up in the tree. */
export function unknownNames(presets: Preset[], model: MenuModel): string[] {
  const names = new Set<string>();
  for (const preset of presets) {
    for (const step of preset.steps) {
      for (const file of step.files) for (const entry of file.entries) if (!model.byName.has(entry.name)) names.add(entry.name);
    }
  }
  return [...names];
}

function lastWins(requests: Request[]): Request[] {
  const last = new Map<string, number>();
  requests.forEach((request, index) => last.set(request.name, index));
  return requests.filter((request, index) => last.get(request.name) === index);
}

function fileRequests(preset: Preset, file: PresetFile): Request[] {
  return file.entries.map((entry) => ({ ...entry, preset: preset.name, path: file.path, format: file.format }));
}

/** What merge_config.sh -m leaves to append after merging the files in order into one another. */
function stepText(step: PresetStep): string {
  const texts = step.files.map((file) => (file.format === 'guix' ? formatFragment(file.entries) : file.text));
  if (step.kind !== 'merge') return texts.join('\n');
  return texts.reduce((merged, text) => (merged === '' ? text : mergeFragmentText(merged, text)), '');
}

/**
 * Orders the presets into the kernel configuration runs they stand for, finds the values asked
 * for twice, and checks every request against the tree. Problems in the user's own files are
 * errors (thrown, before anything changes); in the kernel's own files they are notes, since
 * `make NAME.config` applies those as they are.
 */
export function planPresets(presets: Preset[], context: PlanContext): PresetPlan {
  const steps: PlannedStep[] = [];
  const warnings: string[] = [];
  const notes: RequestNote[] = [];
  const errors: SourceIssue[] = [];
  let asked: Request[] = [];

  for (const preset of presets) {
    for (const step of preset.steps) {
      if (step.kind !== 'merge' && asked.length > 0) {
        const dropped = [...new Set(asked.map((request) => request.preset))];
        warnings.push(`${preset.name} replaces the whole configuration: what ${dropped.join(', ')} asked for before it is not kept`);
        asked = [];
      }
      const requests = step.files.flatMap((file) => fileRequests(preset, file));
      asked.push(...requests);
      steps.push({ kind: step.kind, preset: preset.name, text: stepText(step), path: step.files[0]?.path, requests: lastWins(requests) });
      for (const request of requests) {
        const note = noteFor(request, context);
        if (!note) continue;
        if (LENIENT.has(preset.origin) || note.kind === 'other-arch') notes.push(note);
        else errors.push({ path: request.path, line: request.line, message: note.message });
      }
    }
  }
  if (errors.length > 0) {
    throw new PresetError(
      `${errors.length === 1 ? 'a request' : `${errors.length} requests`} cannot be applied as written; nothing was changed`,
      errors,
      'fix the lines above (a misspelt name, or a value of the wrong type) and run again',
    );
  }
  return { presets: presets.map((preset) => preset.name), steps, requests: lastWins(asked), conflicts: conflictsIn(asked), notes, warnings };
}

function noteFor(request: Request, context: PlanContext): RequestNote | undefined {
  const info = context.model.byName.get(request.name);
  if (!info) {
    const elsewhere = context.definitions.get(request.name);
    if (elsewhere && elsewhere.length > 0) {
      return { request, kind: 'other-arch', message: `CONFIG_${request.name} does not exist for ARCH=${context.arch} (it is defined in ${elsewhere.join(', ')})` };
    }
    const similar = closestNames(request.name, context.model.byName.keys());
    return {
      request,
      kind: 'undefined',
      message: `CONFIG_${request.name} is not defined by any Kconfig file in this tree${similar.length > 0 ? ` (did you mean ${similar.map((name) => `CONFIG_${name}`).join(', ')}?)` : ''}`,
    };
  }
  const invalid = invalidForType(info, request.text, request.format);
  return invalid ? { request, kind: 'invalid', message: invalid } : undefined;
}

function conflictsIn(requests: Request[]): Conflict[] {
  const byName = new Map<string, Request[]>();
  for (const request of requests) byName.set(request.name, [...(byName.get(request.name) ?? []), request]);
  const conflicts: Conflict[] = [];
  for (const [name, list] of byName) {
    const values = new Set(list.map((request) => requestedValue(request.text)));
    if (values.size > 1) conflicts.push({ name, requests: list, winner: list.at(-1)! });
  }
  return conflicts;
}

