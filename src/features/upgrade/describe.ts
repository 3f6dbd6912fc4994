import { escapeControl } from '../../model/escape-text.js';
import type { ExplainedTerm } from '../../model/types.js';
import type { AcceptOutcome, EntryFix } from './fix-lost.js';
import { lostMatters } from './machine-flags.js';
import { listnewconfigLine } from './new-symbols.js';
import { describeHeader } from './old-config.js';
import type { ChangedDefault, LostCategory, LostEntry, NewMenuGroup, Successor, UpgradeReport } from './types.js';

/** Headings of the lost categories, in the order they are listed. */
export const CATEGORY_TITLES: Record<LostCategory, string> = {
  removed: 'no longer in this tree',
  dependency: 'dependencies not met here',
  selected: 'forced higher by a select',
  choice: 'another member of its choice is picked',
  'no-prompt': 'no prompt here: set by defaults and selects only',
  'type-changed': 'the old value does not fit its type here',
  range: 'out of the range allowed here',
  unexplained: 'changed for another reason',
};

const SHOWN_TERMS = 4;

/** Every line shown quotes the old config or the tree: each is made safe for a terminal. */
function safe(lines: string[]): string[] {
  return lines.map((line) => escapeControl(line));
}

export function describeSummary(report: UpgradeReport): string[] {
  const { scope } = report;
  const lines = [
    `${describeHeader(scope.from)} config carried to Linux ${scope.to.version} (ARCH=${scope.to.arch}): ` +
      `${report.lost.length} lost, ${report.new.length} new, ${report.changedDefaults.length} changed defaults`,
  ];
  if (scope.oldTree) lines.push(`old tree: ${scope.oldTree}`);
  else
    lines.push(
      "no old tree given (--old-tree DIR): successors from names, positions and this tree's Kconfig only; changed defaults of prompted symbols not known",
    );
  if (scope.hardware) lines.push(`machine: ${scope.hardware} (* marks what matters for it)`);
  return safe(lines);
}

export function describeLost(report: UpgradeReport): string[] {
  const lines: string[] = [];
  if (report.lost.length === 0) return ['Lost: nothing; every value the old config set survives.'];
  lines.push(`Lost (${report.lost.length}): values the old config set that this tree does not keep`);
  for (const category of Object.keys(CATEGORY_TITLES) as LostCategory[]) {
    const entries = report.lost.filter((entry) => entry.category === category);
    if (entries.length === 0) continue;
    lines.push(`  ${CATEGORY_TITLES[category]} (${entries.length}):`);
    for (const entry of entries) lines.push(...lostLines(entry, report));
  }
  return safe(lines);
}

function lostLines(entry: LostEntry, report: UpgradeReport): string[] {
  const mark = lostMatters(entry, report.machine) ? '*' : ' ';
  const now = entry.now === null ? 'not set' : `now ${entry.now}`;
  const head = `   ${mark}CONFIG_${entry.name}=${entry.old}  (${now}, line ${entry.line})${entry.prompt ? `  ${entry.prompt}` : ''}`;
  const detail = lostDetail(entry);
  return detail ? [head, `        ${detail}`] : [head];
}

function lostDetail(entry: LostEntry): string | null {
  switch (entry.category) {
    case 'removed':
      return entry.successors.length > 0 ? `successors: ${entry.successors.map(describeSuccessor).join(', ')}` : 'no successor found';
    case 'dependency':
      return entry.blocking.length > 0 ? `needs: ${terms(entry.blocking)}` : 'its prompt is not visible';
    case 'selected':
    case 'no-prompt':
      return entry.selects.length > 0 ? `selected by: ${terms(entry.selects)}` : null;
    case 'choice':
      return `choice "${entry.choice?.prompt ?? ''}" picks ${entry.choice?.selected ?? 'nothing'}`;
    case 'type-changed':
      return `now a ${entry.type}${entry.oldType ? ` (was ${entry.oldType})` : ''}`;
    case 'range':
      return entry.ranges.length > 0
        ? `ranges: ${entry.ranges.map((range) => `${range.name}${range.condition ? ` if ${range.condition}` : ''}`).join('; ')}`
        : null;
    case 'unexplained':
      return null;
  }
}

export function describeSuccessor(successor: Successor): string {
  return `${successor.name}=${successor.value} [${successor.methods.join('+')}${successor.confident ? '' : '?'}]`;
}

function terms(list: ExplainedTerm[]): string {
  const shown = list.slice(0, SHOWN_TERMS).map((term) => term.expr);
  return `${shown.join(', ')}${list.length > SHOWN_TERMS ? ` ... and ${list.length - SHOWN_TERMS} more` : ''}`;
}

export function describeNew(report: UpgradeReport, groups: NewMenuGroup[], options: { help?: boolean } = {}): string[] {
  if (report.new.length === 0) return ['New: nothing; the old config has a value for every visible option.'];
  const lines = [`New (${report.new.length}): options the old config has no value for, with the default each gets, by menu`];
  for (const group of groups) {
    lines.push(`  ${group.path.length > 0 ? group.path.join(' > ') : group.title} (${group.entries.length})`);
    for (const entry of group.entries) {
      const mark = report.machine.has(entry.name) ? '*' : ' ';
      lines.push(`   ${mark}${listnewconfigLine(entry)}  ${entry.prompt ?? ''}`);
      if (options.help && entry.help.trim() !== '') for (const line of entry.help.trimEnd().split('\n')) lines.push(`        ${line}`);
    }
  }
  return safe(lines);
}

export function describeChangedDefaults(report: UpgradeReport): string[] {
  if (report.changedDefaults.length === 0) return ['Changed defaults: none found.'];
  const lines = [`Changed defaults (${report.changedDefaults.length}): values left at a default that changed`];
  for (const change of report.changedDefaults) lines.push(`   ${changedLine(change)}`);
  return safe(lines);
}

function changedLine(change: ChangedDefault): string {
  if (change.kind === 'computed') return `CONFIG_${change.name}: ${change.old} -> ${change.now ?? 'not set'} (set by this tree's defaults)`;
  return `CONFIG_${change.name}=${change.old} kept; this tree's default is ${change.newDefault}`;
}

export function describeWarnings(report: UpgradeReport): string[] {
  const lines = report.warnings.map((warning) => `old config: ${warning}`);
  for (const junk of report.unreadable) lines.push(`old config: line ${junk.line} is not a config line: ${junk.text.slice(0, 120)}`);
  return safe(lines);
}

export function describeAccept(result: AcceptOutcome, options: { dryRun?: boolean } = {}): string[] {
  const verb = options.dryRun ? 'would fix' : 'fixed';
  const lines = [
    `${verb} ${result.fixed.length}, already held ${result.met.length}, could not fix ${result.refused.length}, accepted ${result.accepted.length} as this tree has them`,
  ];
  for (const fix of result.fixed) lines.push(`  ${verb}: ${targetsOf(fix)}${fix.entry.category === 'removed' ? ` (for CONFIG_${fix.entry.name})` : ''}`);
  for (const fix of result.refused) lines.push(`  not fixed: CONFIG_${fix.entry.name}${describeBlocked(fix)}`);
  const changes = result.plan?.changes.length ?? 0;
  if (result.fixed.length > 0) lines.push(`  ${changes} value${changes === 1 ? '' : 's'} set for them (with what they need), as one undoable step`);
  return safe(lines);
}

/** What blocks the targets of a lost entry, after its name: `=m: it depends on BROKEN ...`, ` via CONFIG_NEW=y: ...`. */
export function describeBlocked(fix: EntryFix): string {
  return fix.blocked.map((blocked) => `${blocked.name === fix.entry.name ? '' : ` via CONFIG_${blocked.name}`}=${blocked.value}: ${blocked.why}`).join('; ');
}

function targetsOf(fix: EntryFix): string {
  return fix.targets.map((target) => `CONFIG_${target.name}=${target.value}`).join(' ');
}
