import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { createFile } from '../../engine/files/write-atomic.js';
import type { Session, ValueChange } from '../../engine/session.js';
import { type ConfigAssignment, configValueText, readConfigAssignments } from '../../model/config-text.js';
import type { ConfigState } from '../../model/types.js';
import { allnoConfigText } from './allno-config.js';
import type { Conflict, PlannedStep, PresetPlan, Request, RequestNote } from './preset-plan.js';
import { kernelWouldReport, reasonNotApplied, valueMatches } from './request-outcome.js';

export interface RequestOutcome {
  request: Request;
  applied: boolean;
  /** The value after the presets, or undefined for a symbol this configuration does not have. */
  actual: string | undefined;
  /** Why it did not stick; set whenever `applied` is false. */
  reason?: string;
  /** merge_config.sh would print "Value requested for CONFIG_X not in final .config". */
  kernelReports: boolean;
}

export interface PresetOutcome {
  presets: string[];
  /** Every value that changes, against the configuration before the presets. */
  changes: ValueChange[];
  requests: RequestOutcome[];
  notApplied: RequestOutcome[];
  conflicts: Conflict[];
  warnings: string[];
  /** The .config the kernel writes after the presets. */
  configText: string;
}

/** What `applyPresets` did, for un-applying it later. */
export interface AppliedPresets extends PresetOutcome {
  label: string;
  /** Values before and after, of the symbols the presets changed. */
  before: Map<string, string>;
  after: Map<string, string>;
  /** How many undoable steps the apply added to the session. */
  steps: number;
  /** The session's history right after applying, to tell whether anything happened since. */
  history: string[];
}

function stepLabel(step: PlannedStep): string {
  return step.kind === 'merge' ? `apply ${step.preset}` : `load ${step.preset}`;
}

/** Runs the planned configuration runs on the session as one undoable step; returns how many steps it added (1). */
async function runSteps(session: Session, plan: PresetPlan, workDir: string): Promise<number> {
  const start = session.history.length;
  try {
    for (const step of plan.steps) {
      if (step.kind === 'merge') {
        await session.mergeFragmentFile(step.text, stepLabel(step));
      } else {
        await session.loadConfig(await stepConfigFile(session, step, workDir), stepLabel(step));
      }
    }
  } catch (error) {
    await undoSteps(session, session.history.length - start);
    throw error;
  }
  session.combineLastSteps(session.history.length - start, `apply ${[...new Set(plan.steps.map((step) => step.preset))].join(' + ')}`);
  return session.history.length - start;
}

let stepFiles = 0;

/** The file a whole-configuration step loads: the defconfig itself, or the allnoconfig equivalent. */
async function stepConfigFile(session: Session, step: PlannedStep, workDir: string): Promise<string> {
  if (step.kind === 'defconfig' && step.path) return step.path;
  // The work directory is tuxconf's own; the name is not the preset's (which may hold a `/`).
  const path = join(workDir, `step-${++stepFiles}.config`);
  await createFile(path, step.kind === 'allno' ? allnoConfigText(session.model, step.text) : step.text, { what: 'configuration step' });
  return path;
}

async function undoSteps(session: Session, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await session.undo();
}

function diffStates(session: Session, before: ConfigState, after: ConfigState): ValueChange[] {
  const changes: ValueChange[] = [];
  after.symbols.forEach((symbol, index) => {
    const from = before.symbols[index]?.value;
    if (from !== undefined && from !== symbol.value) changes.push({ name: session.model.symbols[index]!.name, from, to: symbol.value });
  });
  return changes;
}

/** Compares every winning request with the configuration now on the session. */
async function assess(session: Session, plan: PresetPlan, before: ConfigState): Promise<PresetOutcome> {
  const configText = await session.configText();
  const finalAssignments = readConfigAssignments(configText);
  const notes = new Map<Request, RequestNote>(plan.notes.map((note) => [note.request, note]));
  const requests: RequestOutcome[] = [];
  for (const request of plan.requests) {
    const info = session.symbol(request.name);
    const actual = session.value(request.name);
    const kernelReports = kernelWouldReport(request, finalAssignments);
    const note = notes.get(request);
    if (!info || note) {
      requests.push({ request, applied: false, actual, reason: note?.message ?? `CONFIG_${request.name} is unknown here`, kernelReports });
      continue;
    }
    if (valueMatches(info, request.text, actual)) {
      requests.push({ request, applied: true, actual, kernelReports });
      continue;
    }
    const explanation = await session.explain(info.name);
    const reason = reasonNotApplied({ info, request, actual: actual ?? '', explanation, model: session.model, state: session.state, requests: plan.requests });
    requests.push({ request, applied: false, actual, reason, kernelReports });
  }
  return {
    presets: plan.presets,
    changes: diffStates(session, before, session.state),
    requests,
    notApplied: requests.filter((outcome) => !outcome.applied),
    conflicts: plan.conflicts,
    warnings: plan.warnings,
    configText,
  };
}

async function withWorkDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tuxconf-presets-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What applying the presets would do to the session's configuration, computed by the kernel
 * itself: the presets are applied, assessed and undone. The session ends as it was (checked).
 */
export async function previewPresets(session: Session, plan: PresetPlan): Promise<PresetOutcome> {
  const beforeText = await session.configText();
  const before = session.state;
  return withWorkDir(async (dir) => {
    const ran = await runSteps(session, plan, dir);
    let outcome: PresetOutcome;
    try {
      outcome = await assess(session, plan, before);
    } finally {
      await undoSteps(session, ran);
    }
    if ((await session.configText()) !== beforeText) {
      throw new TuxconfError('the preview could not restore the configuration it started from', {
        hint: 'undo the last steps (u) and report this as a tuxconf bug',
      });
    }
    return outcome;
  });
}

/**
 * Applies the presets and says which requests did not stick, and why. Each configuration run
 * (one per preset, as `make A.config B.config` runs them) is an undoable step of the session;
 * `unapplyPresets` takes them all back at once.
 */
export async function applyPresets(session: Session, plan: PresetPlan): Promise<AppliedPresets> {
  const before = session.state;
  const label = `apply ${plan.presets.join(' + ')}`;
  return withWorkDir(async (dir) => {
    const steps = await runSteps(session, plan, dir);
    const outcome = await assess(session, plan, before);
    const previous = new Map<string, string>();
    const after = new Map<string, string>();
    for (const change of outcome.changes) {
      previous.set(change.name, change.from);
      after.set(change.name, change.to);
    }
    const history = session.history;
    return { ...outcome, label, before: previous, after, steps, history };
  });
}

/**
 * Takes applied presets back. When nothing happened since, that is the session's undo of their
 * steps; otherwise the values the presets changed, and nothing changed since, return to what they
 * were before, as one merge (an undoable step).
 */
export async function unapplyPresets(session: Session, applied: AppliedPresets): Promise<ValueChange[]> {
  const before = session.state;
  if (sameHistory(session.history, applied.history)) {
    await undoSteps(session, applied.steps);
    return diffStates(session, before, session.state);
  }
  const entries: ConfigAssignment[] = [];
  for (const [name, from] of applied.before) {
    const info = session.symbol(name);
    if (!info || info.prompt === null || session.value(name) !== applied.after.get(name)) continue;
    entries.push({ name, text: configValueText(info.type, from) });
  }
  if (entries.length === 0) return [];
  const outcome = await session.mergeFragment(entries, `un-apply ${applied.presets.join(' + ')}`);
  return outcome.changed;
}

function sameHistory(now: string[], then: string[]): boolean {
  return now.length === then.length && now.every((label, index) => label === then[index]);
}
