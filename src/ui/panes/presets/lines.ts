import { homedir } from 'node:os';
import { relative } from 'node:path';
import { describeConflict, describeNotApplied, type PresetListing, type PresetOutcome } from '../../../features/presets/index.js';
import type { FixPlan } from '../../../engine/session.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { MenuModel } from '../../../model/types.js';
import { plural } from '../../../model/plural.js';
import { changeLine, nameColumn } from '../../text/change-line.js';
import { countText, tildePath } from './rows.js';
import { plainLine, wrapLine, type StyledLine } from '../../text/styled-text.js';
import { planDiffLines } from '../why/fix-lines.js';

/** "Fix them too": the fix for the requests that do not stick, searched for, applied, or why not. */
export type PresetFix = { kind: 'searching'; count: number } | { kind: 'applied'; plan: FixPlan; changed: number } | { kind: 'failed'; error: string };

/** What the outcome page shows: nothing yet, work under way, a preview or an apply, or why it failed. */
export type PresetsOutcome =
  | { kind: 'none' }
  | { kind: 'running'; mode: 'preview' | 'apply'; names: string[]; keys: string[] }
  | {
      kind: 'ready';
      mode: 'preview' | 'applied';
      names: string[];
      keys: string[];
      outcome: PresetOutcome;
      /** The configuration's values when it was computed, to tell when it no longer describes the config. */
      values: readonly string[];
      /** The fix for the requests that do not stick (f), once asked for. */
      fix?: PresetFix;
    }
  | { kind: 'failed'; mode: 'preview' | 'apply'; names: string[]; message: string; details: string[]; hint: string | undefined };

/** Paths in the tree relative to it, the home directory as `~`: reasons name files, and a line is 80 columns. */
export function shortenPaths(text: string, srcTree: string, home = homedir()): string {
  const inTree = srcTree ? text.split(`${srcTree}/`).join('') : text;
  return home ? inTree.split(`${home}/`).join('~/') : inTree;
}

/** What the outcome page is about, for the title bar: `preview of A + B`, `applied A + B`, ... */
export function outcomeTitle(state: PresetsOutcome): string {
  switch (state.kind) {
    case 'none':
      return 'preview';
    case 'running':
      return `${state.mode === 'preview' ? 'previewing' : 'applying'} ${state.names.join(' + ')}`;
    case 'failed':
      return `cannot ${state.mode} ${state.names.join(' + ')}`;
    case 'ready':
      return `${state.mode === 'preview' ? 'preview of' : 'applied'} ${state.names.join(' + ')}`;
  }
}

/** The line over the outcome page: the counts, or that kconfig is still working. */
export function outcomeSummary(state: PresetsOutcome, stale: boolean): { text: string; tone: 'heading' | 'muted' | 'error' } {
  switch (state.kind) {
    case 'none':
      return { text: '', tone: 'muted' };
    case 'running':
      return { text: `${state.mode === 'preview' ? 'Previewing' : 'Applying'}: kconfig is working...`, tone: 'muted' };
    case 'failed':
      return { text: `Cannot ${state.mode} these presets as written; nothing was changed`, tone: 'error' };
    case 'ready': {
      const { outcome } = state;
      const changed = state.mode === 'applied' ? 'changed' : outcome.changes.length === 1 ? 'changes' : 'change';
      const parts = [
        outcome.changes.length === 0 ? 'no value changes' : `${plural(outcome.changes.length, 'value')} ${changed}`,
        outcome.notApplied.length === 0
          ? `all ${outcome.requests.length} requests stick`
          : `${outcome.notApplied.length} of ${outcome.requests.length} requests do not stick`,
      ];
      if (outcome.conflicts.length > 0) parts.push(`${plural(outcome.conflicts.length, 'conflict')}`);
      const tail = stale ? ' (the config changed since: Esc, then Enter previews again)' : '';
      return { text: `${parts.join(', ')}${tail}`, tone: stale ? 'muted' : 'heading' };
    }
  }
}

/**
 * The outcome page: warnings, the values asked for two ways (and which wins), each request
 * that does not stick with why, then every change; wrapped to `width`.
 */
export function outcomeLines(state: PresetsOutcome, model: MenuModel, srcTree: string, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  const short = (text: string): string => shortenPaths(text, srcTree);
  if (state.kind === 'running') {
    lines.push(plainLine('The kernel applies the presets to the current config, and a preview takes them back.', 'muted'));
    lines.push(plainLine('Keys still work: Esc goes back to the list; the outcome appears here when ready.', 'muted'));
  } else if (state.kind === 'failed') {
    lines.push(plainLine(escapeControl(state.message), 'error'));
    for (const detail of state.details) lines.push(plainLine(`  ${escapeControl(short(detail))}`, 'false'));
    if (state.hint) lines.push(plainLine(`hint: ${escapeControl(state.hint)}`, 'muted'));
  } else if (state.kind === 'ready') {
    const { outcome } = state;
    if (state.fix) lines.push(...fixLines(state.fix, model));
    for (const warning of outcome.warnings) lines.push(plainLine(`warning: ${escapeControl(short(warning))}`, 'false'));
    if (outcome.conflicts.length > 0) {
      lines.push(plainLine(`Requested two ways (${outcome.conflicts.length}); the last request wins:`, 'heading'));
      for (const conflict of outcome.conflicts) lines.push(plainLine(short(describeConflict(conflict)), 'plain'));
    }
    if (outcome.notApplied.length > 0) {
      const offer = state.fix ? '' : state.mode === 'preview' ? '; f applies and fixes them too' : '; f fixes them too';
      lines.push(plainLine(`Requested values that do not stick (${outcome.notApplied.length} of ${outcome.requests.length})${offer}:`, 'heading'));
      for (const missed of outcome.notApplied) {
        const [request, reason] = describeNotApplied(missed);
        lines.push(plainLine(short(request ?? ''), 'false'), plainLine(short(reason ?? ''), 'plain'));
      }
    } else {
      lines.push(plainLine(`All ${outcome.requests.length} requested values stick.`, 'true'));
    }
    const nameWidth = nameColumn(outcome.changes);
    lines.push(plainLine(outcome.changes.length === 0 ? 'No value changes.' : `Changes (${outcome.changes.length}):`, 'heading'));
    for (const change of outcome.changes) lines.push(plainLine(` ${changeLine(model, change, nameWidth)}`));
    lines.push(
      plainLine(
        state.mode === 'preview'
          ? 'Enter or a applies these presets as one step (u undoes it); Esc goes back to the list.'
          : 'Applied as one step: u undoes it, x on the preset in the list takes it back.',
        'muted',
      ),
    );
  }
  return lines.flatMap((line) => wrapLine(line, width));
}

/** The fix part of the outcome page: under way, its diff with a reason a line and what cannot be had, or why it failed. */
function fixLines(fix: PresetFix, model: MenuModel): StyledLine[] {
  if (fix.kind === 'searching')
    return [plainLine(`Searching for one fix for the ${plural(fix.count, 'request')} that do not stick... (keys still work)`, 'muted')];
  if (fix.kind === 'failed') return [plainLine(`No fix applied: ${escapeControl(fix.error)}`, 'error')];
  const diff = planDiffLines(fix.plan, model, (count) => `Fixed them too: ${count}, one step (u undoes it; ${plural(fix.changed, 'value')} changed):`);
  return [...diff.map((entry) => entry.line), plainLine('')];
}

const ORIGINS: Record<string, string> = {
  tree: 'fragment of this tree',
  base: 'whole configuration',
  user: 'your preset',
  project: "this project's preset",
  file: 'file',
};

export function detailTitle(listing: PresetListing): string {
  return `${listing.preset.name}  (${ORIGINS[listing.preset.origin] ?? listing.preset.origin})`;
}

/** The highlighted preset: its description, its files, and which of its requests the config does not meet yet. */
export function detailLines(listing: PresetListing, srcTree: string, applied: boolean, width: number): StyledLine[] {
  const { preset, status } = listing;
  const lines: StyledLine[] = [plainLine(preset.description)];
  const unknown = status.unknown > 0 ? `; ${status.unknown} unknown to this configuration` : '';
  if (status.satisfaction === 'empty') {
    lines.push(plainLine(`asks for no value of its own${unknown}`, 'muted'));
  } else if (status.satisfaction === 'full') {
    lines.push(plainLine(`satisfied: all ${countText(listing)} requested values hold now${unknown}`, 'true'));
  } else {
    const names = status.unmet.slice(0, 4).map((name) => `CONFIG_${name}`);
    const more = status.unmet.length > names.length ? ` (+${status.unmet.length - names.length})` : '';
    lines.push([
      { text: `${status.met} of ${status.total} hold; not yet: `, tone: 'heading' },
      { text: `${names.join(', ')}${more}${unknown}`, tone: 'false' },
    ]);
  }
  if (applied) lines.push(plainLine('applied in this view: x takes it back', 'muted'));
  const files = [...new Set(preset.steps.flatMap((step) => step.files.map((file) => file.path)))];
  if (files.length > 0) {
    const shown = files.map((path) => (srcTree && path.startsWith(`${srcTree}/`) ? relative(srcTree, path) : tildePath(path)));
    lines.push([
      { text: 'files: ', tone: 'heading' },
      { text: escapeControl(shown.join(', ')), tone: 'muted' },
    ]);
  }
  return lines.flatMap((line) => wrapLine(line, width));
}

/** The line over the list: how many presets, the marks, and what the marks in the second column mean. */
export function listSummary(presets: number, marked: number): string {
  const marks = marked > 0 ? `, ${marked} marked (they apply in the order marked)` : '';
  return `${presets} presets${marks}   [x] met  [~] partly  [ ] not yet`;
}

/** Whether two lists of values (or keys) are the same, in the same order. */
export function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
