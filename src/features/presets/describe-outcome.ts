import { formatConfigLine, requestedValue } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import type { PresetOutcome, RequestOutcome } from './apply-presets.js';
import type { Conflict, Request } from './preset-plan.js';
import type { PresetStatus } from './preset-status.js';
import { plural } from '../../model/plural.js';

/**
 * Text for the CLI and for logs: what a preview or an apply found, one fact a line. Values, file
 * names and preset names come from files: every line has its control characters escaped.
 */

export function where(request: Request): string {
  return escapeControl(`${request.preset}, ${request.path}:${request.line}`);
}

export function describeRequest(request: Request): string {
  return escapeControl(formatConfigLine(request));
}

export function describeNotApplied(outcome: RequestOutcome): string[] {
  return [`  ${describeRequest(outcome.request)}  (${where(outcome.request)})`, `      ${escapeControl(outcome.reason ?? '')}`];
}

export function describeConflict(conflict: Conflict): string {
  const asks = conflict.requests.map((request) => `${where(request)} asks ${requestedValue(request.text)}`).join('; ');
  return escapeControl(`  CONFIG_${conflict.name}: ${asks}; the last wins: ${requestedValue(conflict.winner.text)} from ${conflict.winner.preset}`);
}

export function describeOutcome(outcome: PresetOutcome, options: { listChanges: boolean }): string[] {
  const lines: string[] = [];
  for (const warning of outcome.warnings) lines.push(`warning: ${escapeControl(warning)}`);
  const count = outcome.changes.length;
  lines.push(escapeControl(`${outcome.presets.join(' + ')}: ${count === 0 ? 'no value changes' : `${plural(count, 'value')} change`}`));
  if (options.listChanges) for (const change of outcome.changes) lines.push(escapeControl(`  CONFIG_${change.name}: ${change.from || '""'} -> ${change.to || '""'}`));
  if (outcome.conflicts.length > 0) {
    lines.push(`Requested two ways (${outcome.conflicts.length}):`);
    for (const conflict of outcome.conflicts) lines.push(describeConflict(conflict));
  }
  if (outcome.notApplied.length > 0) {
    lines.push(`Requested values that do not stick (${outcome.notApplied.length} of ${outcome.requests.length}):`);
    for (const missed of outcome.notApplied) lines.push(...describeNotApplied(missed));
  } else {
    lines.push(`All ${outcome.requests.length} requested values stick.`);
  }
  return lines;
}

const MARKS: Record<PresetStatus['satisfaction'], string> = { full: '[x]', partial: '[~]', none: '[ ]', empty: '[-]' };

export function satisfactionMark(status: PresetStatus): string {
  return MARKS[status.satisfaction];
}
