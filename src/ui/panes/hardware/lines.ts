import type { SuggestionPlan } from '../../../features/hardware/suggestion-targets.js';
import { inputFailure, reportParts } from '../../../features/hardware/describe-report.js';
import { formatChain } from '../../../features/hardware/reason-chain.js';
import type { HardwareReport, Suggestion } from '../../../features/hardware/suggestions.js';
import { escapeControl } from '../../../model/escape-text.js';
import { plural } from '../../../model/plural.js';
import type { ConfigState, MenuModel } from '../../../model/types.js';
import { fit, fitLeft } from '../../text/fit.js';
import { plainLine, wrapLine, type StyledLine, type Tone } from '../../text/styled-text.js';
import { planDiffLines } from '../why/fix-lines.js';

/** Makefile lines in reasons keep their tabs: a terminal would draw them wider than they count. Captured text is escaped. */
function oneLine(text: string): string {
  return escapeControl(text.replace(/\s+/g, ' '));
}

/** Short flags after a suggestion's prompt. */
export function suggestionFlags(suggestion: Suggestion): string[] {
  return [
    suggestion.rootPath ? 'root fs' : '',
    suggestion.alternative ? 'alternative' : '',
    suggestion.settable ? '' : 'no prompt',
    suggestion.requires.length > 0 ? `needs ${suggestion.requires.length}` : '',
    !suggestion.possibleNow && suggestion.requires.length === 0 && suggestion.unresolved.length > 0 ? 'blocked' : '',
  ].filter(Boolean);
}

/** `[x] E1000E         n -> m  Intel(R) PRO/1000 ...   needs 2`, `width` columns. */
export function suggestionRow(suggestion: Suggestion, marked: boolean, nameWidth: number, width: number): string {
  const flags = suggestionFlags(suggestion);
  const right = flags.length > 0 ? `  ${flags.join(', ')}` : '';
  const head = `${marked ? '[x]' : '[ ]'} ${fit(suggestion.name, nameWidth)}  ${suggestion.current} -> ${suggestion.value}  ${suggestion.prompt ?? ''}`;
  return fit(head, Math.max(1, width - right.length)) + right;
}

export function nameColumn(suggestions: readonly Suggestion[]): number {
  return Math.min(26, Math.max(8, ...suggestions.map((suggestion) => suggestion.name.length)));
}

/** The highlighted suggestion: its reason chain, what else must change, what tuxconf cannot decide. */
export function suggestionDetail(suggestion: Suggestion, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  const [first, ...others] = suggestion.reasons;
  if (first)
    lines.push([
      { text: 'because ', tone: 'heading' },
      { text: oneLine(formatChain(first)), tone: 'plain' },
    ]);
  if (others.length > 0) lines.push(plainLine(`  (and ${others.length} more reason${others.length === 1 ? '' : 's'}: i shows them all)`, 'muted'));
  if (suggestion.possibleNow) lines.push(plainLine(`can be set to ${suggestion.value} now`, 'true'));
  for (const requirement of suggestion.requires) {
    lines.push([
      { text: 'needs ', tone: 'heading' },
      { text: `CONFIG_${requirement.name}=${requirement.to} (now ${requirement.from})`, tone: 'false' },
      { text: `: ${oneLine(requirement.because)}`, tone: 'plain' },
    ]);
  }
  for (const text of suggestion.unresolved)
    lines.push([
      { text: 'note ', tone: 'heading' },
      { text: oneLine(text), tone: 'muted' },
    ]);
  if (suggestion.alternative) lines.push(plainLine('another symbol builds the same module and comes first: "accept all" leaves this one out', 'muted'));
  return lines.flatMap((line) => wrapLine(line, width));
}

/** The pane's first line: how many suggestions, and whose hardware (its end kept when long). */
export function originLine(report: HardwareReport, marked: number, width: number): string {
  const count = `${report.suggestions.length} suggestion${report.suggestions.length === 1 ? '' : 's'}`;
  const marks = marked > 0 ? `, ${marked} marked` : '';
  const head = `${count}${marks} (${report.satisfied.length} already configured) for `;
  const release = report.kernelRelease ? ` (kernel ${report.kernelRelease})` : '';
  return head + fitLeft(oneLine(`${report.origin}${release}`), Math.max(10, width - head.length));
}

/**
 * The second and third lines: which inputs could not be read, and why the first was not (i shows
 * all); inputs not asked for (`--lsmod FILE` alone describes another machine) are not failures.
 */
export function inputsLines(report: HardwareReport): { text: string; tone: 'false' | 'muted' }[] {
  const failed = report.inputs.filter((input) => input.state === 'failed');
  const notAsked = report.inputs.filter((input) => input.state === 'not-asked');
  const skipped = notAsked.length > 0 ? `not asked for: ${notAsked.map((input) => input.name).join(', ')}` : '';
  if (failed.length === 0) {
    const read = report.inputs.length - notAsked.length;
    const note = report.notes[0];
    return [
      { text: skipped ? `${read} input${read === 1 ? '' : 's'} read, ${skipped} (i: details)` : `All ${read} inputs read (i: details)`, tone: 'muted' },
      { text: note ? `note: ${note}` : '', tone: 'muted' },
    ];
  }
  const first = failed[0]!;
  const detail = inputFailure(first, first.name);
  return [
    { text: `Failed inputs: ${failed.map((input) => input.name).join(', ')}${skipped ? `; ${skipped}` : ''}`, tone: 'false' },
    { text: `  ${oneLine(detail)}`, tone: 'muted' },
  ];
}

/** The whole report, as `tuxconf suggest --verbose` prints it, wrapped to `width`. */
export function reportPageLines(report: HardwareReport, width: number): StyledLine[] {
  return reportParts(report, { verbose: true }).flatMap((line) => {
    const tone = line.kind === 'failed' ? 'false' : line.kind;
    return wrapLine(plainLine(line.text.replace(/\t/g, ' '), tone), width);
  });
}

/** The question before accepting drivers on a config without module support. */
export function modulesQuestion(count: number, width: number): StyledLine[] {
  const what = count === 1 ? 'the suggestion' : `the ${count} suggestions`;
  return [
    plainLine(''),
    plainLine('Loadable module support is off (CONFIG_MODULES is not set):', 'heading'),
    plainLine(`accepting ${what} would build every driver into the kernel.`),
    plainLine(''),
    plainLine('  m or Enter: turn MODULES on and build the drivers as modules,'),
    plainLine('              as localmodconfig does (one fix, one undoable step)'),
    plainLine('  y:          build them into the kernel'),
    plainLine('  Esc:        back to the list, nothing changed'),
  ].flatMap((line) => wrapLine(line, width));
}

/** What the plan page shows: kconfig planning, the fix that accepting would apply, or why there is none. */
export type HardwarePlanOutcome =
  | { kind: 'none' }
  | { kind: 'running'; count: number }
  /** `config`: the state it was planned on (a plan for other values is not applied). */
  | { kind: 'ready'; planned: SuggestionPlan; config: ConfigState }
  | { kind: 'failed'; message: string };

const what = (count: number): string => (count === 1 ? 'the suggestion' : `the ${count} suggestions`);

/** The fix as a diff, each change with its reason (the why view's and the presets' diff), what cannot be had and why. */
export function planPageLines(outcome: HardwarePlanOutcome, model: MenuModel, width: number): StyledLine[] {
  if (outcome.kind !== 'ready') return [];
  const { planned } = outcome;
  const lines: StyledLine[] = [];
  if (planned.turnsModulesOn) {
    lines.push(plainLine('Loadable module support is off: this turns CONFIG_MODULES on and builds the drivers as modules.', 'heading'));
  }
  const diff = planDiffLines(planned.plan, model, (count) => `To accept ${what(planned.asked.length)}: ${count}`);
  lines.push(...diff.map((entry) => entry.line));
  return lines.flatMap((line) => wrapLine(line, width));
}

/** The line over the plan page. */
export function planSummary(outcome: HardwarePlanOutcome, stale: boolean): { text: string; tone: Tone } {
  switch (outcome.kind) {
    case 'none':
      return { text: '', tone: 'muted' };
    case 'running':
      return { text: `Searching for one fix that accepts ${what(outcome.count)}: kconfig is working... (Esc goes back)`, tone: 'muted' };
    case 'failed':
      return { text: `No fix: ${escapeControl(outcome.message)}`, tone: 'error' };
    case 'ready': {
      const { plan, impossible } = outcome.planned;
      if (stale) return { text: 'The config changed since this was planned: Esc, then accept again', tone: 'error' };
      const refused = impossible.length > 0 ? `; ${impossible.length} cannot be had` : '';
      if (plan.changes.length === 0) return { text: `Nothing to change${refused}`, tone: 'heading' };
      return { text: `${plural(plan.changes.length, 'change')}; Enter applies them as one step (u undoes)${refused}`, tone: 'heading' };
    }
  }
}
