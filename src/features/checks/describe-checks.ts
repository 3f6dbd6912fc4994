import { escapeControl } from '../../model/escape-text.js';
import type { RefusedTarget } from '../fix/describe-fix.js';
import { type Blocker, describeBlocker } from './blockers.js';
import type { EntryStatus, ProfileStatus, Unavailability, Verdict } from './evaluate.js';
import { formatKernelVersion, type NotApplicable } from './kernel-version.js';
import type { FixReport } from './profile-checks.js';

/** Every line may quote a profile file's text: made safe for a terminal. */
function safe(line: string): string {
  return escapeControl(line);
}

export const MARK: Record<Verdict, string> = {
  met: 'ok',
  missing: 'MISSING',
  'wrong-state': 'WRONG',
  unavailable: 'CANNOT',
  'not-applicable': 'n/a',
};

export function describeUnavailable(reason: Unavailability, kernel: { version: string; srcArch: string }): string {
  const here = `Linux ${kernel.version} for ${kernel.srcArch}`;
  switch (reason.kind) {
    case 'unknown-symbol':
      return `CONFIG_${reason.symbol} does not exist in ${here}`;
    case 'not-a-switch':
      return `CONFIG_${reason.symbol} is a ${reason.type}, not something built in or as a module`;
    case 'other-architectures':
      return `no Makefile of ${here} builds ${reason.module}; only ${reason.arches.join(', ')} do`;
    case 'no-makefile':
      return `no Makefile of ${here} builds a module named ${reason.module}`;
    case 'symbols-undefined':
      return `the Makefile builds ${reason.module} with ${reason.symbols.map((name) => `CONFIG_${name}`).join(', ')}, which ${here} does not define`;
  }
}

export function describeNotApplicable(reason: NotApplicable): string {
  if (reason.kind === 'architecture') {
    const only = reason.arches.length > 0 ? `only on ${reason.arches.join(', ')}` : `not on ${reason.notArches.join(', ')}`;
    return `${only} (this is ${reason.srcArch})`;
  }
  const range = [reason.since ? `from ${formatKernelVersion(reason.since)}` : '', reason.before ? `before ${formatKernelVersion(reason.before)}` : '']
    .filter(Boolean)
    .join(' ');
  return `applies ${range} (this is ${formatKernelVersion(reason.version)})`;
}

/** `ahci (CONFIG_SATA_AHCI)`, `CONFIG_NAMESPACES`. */
export function entryLabel(status: EntryStatus): string {
  const { entry } = status;
  if (entry.kind === 'symbol' || status.symbols.length === 0) return entry.written;
  return `${entry.written} (${status.symbols.map((name) => `CONFIG_${name}`).join(', ')})`;
}

export interface DescribeOptions {
  /** List met and not-applicable entries too. */
  all: boolean;
  kernel: { version: string; srcArch: string };
  /** Blockers of unmet entries, by profile index and entry index. */
  blockers: Map<string, Blocker[]>;
  /** Values a fix could not reach for unmet entries, same keys. */
  refused?: Map<string, RefusedTarget[]>;
}

export function blockerKey(profileIndex: number, entryIndex: number): string {
  return `${profileIndex}:${entryIndex}`;
}

export function describeStatus(status: ProfileStatus, profileIndex: number, options: DescribeOptions): string[] {
  const { counts } = status;
  const unmetRequired = counts.required.total - counts.required.met;
  const summary =
    unmetRequired === 0 ? `all ${counts.required.total} required entries met` : `${unmetRequired} of ${counts.required.total} required entries unmet`;
  const others = `recommended ${counts.recommended.met}/${counts.recommended.total}, optional ${counts.optional.met}/${counts.optional.total}${status.notApplicable > 0 ? `, ${status.notApplicable} not applicable` : ''}`;
  const lines = [`${status.profile.name} (${status.profile.origin}${status.profile.path ? ` ${status.profile.path}` : ''}): ${summary}; ${others}`];
  const width = Math.min(40, Math.max(0, ...status.entries.map((entry) => entryLabel(entry).length)));
  status.entries.forEach((entry, entryIndex) => {
    if (!options.all && (entry.met || entry.verdict === 'not-applicable')) return;
    const state = entry.verdict === 'not-applicable' ? '' : `is ${entry.state}`;
    lines.push(
      `  ${MARK[entry.verdict].padEnd(7)} ${entryLabel(entry).padEnd(width)}  ${entry.entry.want.padEnd(3)} ${entry.entry.level.padEnd(11)} ${state.padEnd(4)}  ${entry.entry.reason}`,
    );
    if (entry.unavailable && entry.verdict !== 'met') lines.push(`          cannot be had: ${describeUnavailable(entry.unavailable, options.kernel)}`);
    if (entry.notApplicable && options.all) lines.push(`          ${describeNotApplicable(entry.notApplicable)}`);
    for (const refused of options.refused?.get(blockerKey(profileIndex, entryIndex)) ?? [])
      lines.push(`          cannot be had: CONFIG_${refused.name}=${refused.value}: ${refused.why}`);
    for (const blocker of options.blockers.get(blockerKey(profileIndex, entryIndex)) ?? []) lines.push(`          why: ${describeBlocker(blocker)}`);
  });
  return lines.map(safe);
}

export function describeFix(report: FixReport): string[] {
  const { fix, applied } = report;
  const { summary } = fix;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const verb = applied?.ok ? 'changed' : 'would change';
  const lines = [
    `Fix: ${count(fix.targets.length, 'target value')}; ${verb} ${count(summary.lines.length, 'symbol')}${applied?.ok ? ' in one undoable step' : ''}${summary.effects.length > 0 ? ` (and ${summary.effects.length} other values follow)` : ''}`,
  ];
  for (const line of summary.lines) lines.push(`  CONFIG_${line.name}: ${line.from} -> ${line.to}   ${line.why}`);
  if (applied && !applied.ok) {
    for (const refusal of applied.refused) lines.push(`  refused: ${refusal.reason}`);
    if (applied.unmet.length > 0) lines.push(`  the fix did not make ${applied.unmet.join(', ')} hold; nothing changed`);
  }
  for (const refused of summary.refused) lines.push(`  cannot be had: CONFIG_${refused.name}=${refused.value}: ${refused.why}`);
  for (const conflict of fix.conflicts) {
    lines.push(
      `  conflict: CONFIG_${conflict.name} wanted on by ${conflict.on.map((from) => `${from.profile}:${from.entry}`).join(', ')} and off by ${conflict.off.map((from) => `${from.profile}:${from.entry}`).join(', ')}; left as it is`,
    );
  }
  if (report.unmet.length > 0) {
    const names = report.unmet.map((unmet) => `${unmet.profile}:${unmet.status.entry.written}`);
    lines.push(`Still unmet ${applied ? 'after' : 'with'} the fix (${report.unmet.length}, each below with why): ${names.join(', ')}`);
  }
  return lines.map(safe);
}

/** An entry as `tuxconf check --json` prints it: at least entry, state, met and level. */
export function entryJson(
  status: EntryStatus,
  profile: string,
  blockers: Blocker[] | undefined,
  kernel: { version: string; srcArch: string },
  refused: RefusedTarget[] = [],
): Record<string, unknown> {
  return {
    profile,
    entry: status.entry.written,
    kind: status.entry.kind,
    state: status.state,
    met: status.met,
    verdict: status.verdict,
    level: status.entry.level,
    want: status.entry.want,
    reason: status.entry.reason,
    symbols: status.symbols,
    unavailable: status.unavailable ? { ...status.unavailable, text: describeUnavailable(status.unavailable, kernel) } : null,
    notApplicable: status.notApplicable ? { kind: status.notApplicable.kind, text: describeNotApplicable(status.notApplicable) } : null,
    blockers: (blockers ?? []).map((blocker) => ({ ...blocker, text: describeBlocker(blocker) })),
    refused: refused.map((target) => ({ name: target.name, value: target.value, blocker: target.blocker, text: target.why })),
    at: status.entry.at,
  };
}
