import { formatConfigLine } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import { formatChain } from './reason-chain.js';
import type { InputStatus } from './hardware-inputs.js';
import type { HardwareReport, Suggestion } from './suggestions.js';
import type { TrimResult } from './apply-trim.js';

/**
 * Captured text (module names, device names, mount points, error messages of the captured machine)
 * reaches every line here: each line is made safe for a terminal. Tabs stay, as the Makefile
 * lines in reasons hold them.
 */
function safeLine(line: string): string {
  return escapeControl(line, { keepTabs: true });
}

/**
 * The input table: which inputs were read from where, which failed and why; those not asked for
 * (the machine was described another way) on one line per reason.
 */
export function describeInputs(report: Pick<HardwareReport, 'inputs' | 'origin' | 'kernelRelease' | 'notes'>): string[] {
  return inputParts(report).map((part) => part.text);
}

/** What a line of a report is: a heading, an input that failed, or the rest (the TUI styles them by this). */
export type ReportLineKind = 'heading' | 'failed' | 'plain';

export interface ReportLine {
  kind: ReportLineKind;
  /** The line, safe for a terminal. */
  text: string;
}

const part = (kind: ReportLineKind, text: string): ReportLine => ({ kind, text: safeLine(text) });

/**
 * Why an input was not read, its source named once: a reader's message that starts with the
 * source already (`/proc/modules: ...`) as it is, else `LABEL: message`.
 */
export function inputFailure(input: InputStatus, label: string): string {
  return input.detail.startsWith(input.source) ? input.detail : `${label}: ${input.detail}`;
}

function inputParts(report: Pick<HardwareReport, 'inputs' | 'origin' | 'kernelRelease' | 'notes'>): ReportLine[] {
  const lines = [part('heading', `Hardware: ${report.origin}${report.kernelRelease ? ` (kernel ${report.kernelRelease})` : ''}`)];
  const listed = report.inputs.filter((input) => input.state !== 'not-asked');
  const width = Math.max(0, ...listed.map((input) => input.name.length));
  for (const input of listed) {
    const read = input.state === 'read';
    const detail = input.ok ? `${input.source}: ${input.detail}` : inputFailure(input, input.source);
    lines.push(part(read ? 'plain' : 'failed', `  ${read ? 'ok    ' : 'failed'}  ${input.name.padEnd(width)}  ${detail}`));
  }
  const notAsked = new Map<string, string[]>();
  for (const input of report.inputs) if (input.state === 'not-asked') notAsked.set(input.detail, [...(notAsked.get(input.detail) ?? []), input.name]);
  for (const [why, names] of notAsked) lines.push(part('plain', `  not asked for: ${names.join(', ')} (${why})`));
  for (const note of report.notes) lines.push(part('plain', `  note: ${note}`));
  return lines;
}

export function describeSuggestion(suggestion: Suggestion, options: { allReasons?: boolean } = {}): string[] {
  const flags = [
    suggestion.rootPath ? 'root file system path' : '',
    suggestion.alternative ? 'alternative' : '',
    suggestion.settable ? '' : 'no prompt',
  ].filter(Boolean);
  const lines = [
    `CONFIG_${suggestion.name}=${suggestion.value}  (now ${suggestion.current})  ${suggestion.prompt ?? ''}${flags.length ? `  [${flags.join(', ')}]` : ''}`,
  ];
  const chains = options.allReasons ? suggestion.reasons : suggestion.reasons.slice(0, 1);
  for (const chain of chains) lines.push(`    because ${formatChain(chain)}`);
  if (!options.allReasons && suggestion.reasons.length > 1) lines.push(`    (and ${suggestion.reasons.length - 1} more reasons)`);
  for (const requirement of suggestion.requires) {
    lines.push(`    needs   CONFIG_${requirement.name}=${requirement.to} (now ${requirement.from}): ${requirement.because}`);
  }
  for (const text of suggestion.unresolved) lines.push(`    note    ${text}`);
  return lines.map(safeLine);
}

export function describeReport(report: HardwareReport, options: { verbose?: boolean } = {}): string {
  return `${reportParts(report, options)
    .map((line) => line.text)
    .join('\n')}\n`;
}

/** The report as `describeReport` prints it, line by line with what each line is. */
export function reportParts(report: HardwareReport, options: { verbose?: boolean } = {}): ReportLine[] {
  const lines = inputParts(report);
  const alternatives = report.suggestions.filter((suggestion) => suggestion.alternative).length;
  lines.push(part('plain', ''));
  lines.push(
    part(
      'heading',
      report.suggestions.length === 0
        ? 'Suggestions: none, the configuration has what this hardware needs.'
        : `Suggestions: ${report.suggestions.length}${alternatives ? ` (${alternatives} alternatives)` : ''}`,
    ),
  );
  for (const suggestion of report.suggestions) {
    lines.push(...describeSuggestion(suggestion, { allReasons: options.verbose }).map((line) => part('plain', `  ${line}`)));
  }
  lines.push(part('plain', ''), part('heading', `Already configured: ${report.satisfied.length} symbols`));
  for (const module of report.outOfTree) lines.push(part('heading', `Out of tree: ${module.module}: ${module.why}`));
  for (const module of report.notInTree) lines.push(part('heading', `Not built by this tree: ${module.module}: ${module.why}`));
  for (const missing of report.missingSymbols) {
    lines.push(part('heading', `Not for this architecture: ${missing.module} (${missing.symbols.map((name) => `CONFIG_${name}`).join(' ')}): ${missing.why}`));
  }
  if (report.unmatchedDevices.length > 0) {
    if (options.verbose) {
      for (const device of report.unmatchedDevices) lines.push(part('plain', `No module for: ${device.description} (${device.modalias}): ${device.why}`));
    } else lines.push(part('plain', `Devices without a module: ${report.unmatchedDevices.length} (--verbose lists them)`));
  }
  return lines;
}

/** The trim in localmodconfig's terms, plus why each kept module symbol stays. */
export function describeTrim(result: TrimResult, options: { verbose?: boolean; dryRun?: boolean } = {}): string {
  const { plan } = result;
  const verb = options.dryRun ? 'would turn off' : 'turned off';
  const lines = [`Trim: ${verb} ${plan.disable.length} module symbols, kept ${plan.keep.length}.`];
  for (const kept of plan.keep) lines.push(`  keep CONFIG_${kept.name}: ${kept.why}`);
  if (options.verbose) for (const name of plan.disable) lines.push(`  off  CONFIG_${name}`);
  for (const entry of plan.extra) {
    const builtIn = entry.name === 'IKCONFIG' && entry.text === 'y' ? '; built in, as modules are off' : '';
    lines.push(`  also ${formatConfigLine(entry)} (as localmodconfig does: the kernel keeps its config for the next trim${builtIn})`);
  }
  for (const lacking of plan.lacking) {
    lines.push(`module ${lacking.module} did not have configs ${lacking.symbols.map((name) => `CONFIG_${name}`).join(' ')} (see "tuxconf suggest")`);
  }
  for (const module of plan.cannotKeep) lines.push(`cannot keep module ${module.module}: ${module.why}`);
  for (const name of result.lost) lines.push(`warning: CONFIG_${name} lost its value in the trim`);
  return `${lines.map(safeLine).join('\n')}\n`;
}
