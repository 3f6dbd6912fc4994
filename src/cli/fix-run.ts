import type { FixPlan, FixTarget, Session } from '../engine/session.js';
import { DEFAULT_FROZEN } from '../engine/fix-plan.js';
import { escapeControl } from '../model/escape-text.js';
import { stripConfigPrefix } from '../model/config-text.js';
import { type FixSummary, groupedLines, summarizeFix } from '../features/fix/index.js';
import { type CommandIo, EXIT_FAILED, EXIT_OK, UsageError } from './command.js';
import { closestNames } from '../model/similar-names.js';
import { formatOptions, type OptionTable } from './options.js';

/** The frontend's own default budget (DEFAULT_BUDGET_MS); more targets get more (defaultBudgetMs). */
const DEFAULT_TIME_LIMIT_S = 10;
const MAX_TIME_LIMIT_S = 3600;

export const FIX_FLAGS = {
  'dry-run': { type: 'boolean', help: 'show the fix, change nothing' },
  json: {
    type: 'boolean',
    help: 'print the plan as JSON: targets (status, blocker), changes\n(name, from, to, reason), effects, touchesProtected, applied, saved',
  },
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
  verbose: { type: 'boolean', help: 'also list every other value the fix changes' },
  keep: { type: 'string', multiple: true, value: 'NAME', nonEmpty: true, help: 'never change NAME (repeatable); a target that needs it is refused' },
  'time-limit': {
    type: 'string',
    value: 'SECONDS',
    nonEmpty: true,
    help: `how long the search may take (default ${DEFAULT_TIME_LIMIT_S}, 0.1 a target\nbeyond 100 targets, up to 60; at most ${MAX_TIME_LIMIT_S})`,
  },
  allow: {
    type: 'string',
    multiple: true,
    value: 'NAME',
    nonEmpty: true,
    help: `let the fix change NAME, which it leaves alone by default\n(${DEFAULT_FROZEN.join(', ')}: compile-testing other architectures, the word size)`,
  },
  'never-lower': {
    type: 'boolean',
    help: 'turn nothing down but the targets (no y to m or n, no m to n):\nthe fix only adds; a target that needs more is refused',
  },
} as const satisfies OptionTable;

export const FIX_FLAGS_USAGE = formatOptions(FIX_FLAGS);

export interface FixFlags {
  'dry-run'?: boolean;
  json?: boolean;
  force?: boolean;
  verbose?: boolean;
  keep?: string[];
  allow?: string[];
  'time-limit'?: string;
  'never-lower'?: boolean;
}

/** Without --time-limit: 10 s, and 0.1 s a target beyond 100 targets (300 at once need about 30 s), at most a minute. */
function defaultBudgetMs(targetCount: number): number {
  return Math.min(60_000, Math.max(DEFAULT_TIME_LIMIT_S * 1000, targetCount * 100));
}

/** --time-limit SECONDS as the search's budget in milliseconds. */
function budgetOf(text: string | undefined, targetCount: number): number {
  if (text === undefined) return defaultBudgetMs(targetCount);
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 0 && seconds <= MAX_TIME_LIMIT_S)) {
    throw new UsageError(`--time-limit ${escapeControl(text)}: give a number of seconds from 0 to ${MAX_TIME_LIMIT_S}`);
  }
  return seconds * 1000;
}

const EFFECTS_SHOWN = 12;

/** The plan as JSON: the typed plan plus what was done with it. */
function planJson(plan: FixPlan, applied: boolean, saved: string | null): unknown {
  return {
    targets: plan.targets,
    changes: plan.changes,
    effects: plan.effects,
    touchesProtected: plan.touchesProtected,
    applied,
    saved,
    stats: plan.stats,
  };
}

function printPlan(plan: FixPlan, session: Session, io: CommandIo, verbose: boolean): void {
  const summary = summarizeFix(plan, session.model);
  const width = Math.min(32, Math.max(0, ...summary.lines.map((line) => line.name.length + 7)));
  for (const { lines } of groupedLines(summary.lines)) {
    for (const line of lines) {
      const mark = line.protectedTouched ? '  (you set this; no fix exists without changing it)' : '';
      io.stdout.write(`${`CONFIG_${line.name}:`.padEnd(width + 1)} ${escapeControl(line.from)} -> ${escapeControl(line.to)}   ${line.why}${mark}\n`);
    }
  }
  const effects = summary.effects;
  if (effects.length > 0) {
    const shown = verbose ? effects : effects.slice(0, EFFECTS_SHOWN);
    io.stdout.write(
      `and ${effects.length} other value${effects.length === 1 ? '' : 's'} follow${effects.length === 1 ? 's' : ''} (defaults, selects, dependents):\n`,
    );
    for (const effect of shown) io.stdout.write(`  CONFIG_${effect.name}: ${escapeControl(effect.from)} -> ${escapeControl(effect.to)}\n`);
    if (shown.length < effects.length) io.stdout.write(`  ... ${effects.length - shown.length} more (--verbose lists them)\n`);
  }
  for (const name of summary.met) io.stdout.write(`CONFIG_${name} already has that value\n`);
}

/**
 * Plans a fix for the targets, prints it, applies it as one step and saves (unless --dry-run).
 * Targets that cannot be had are named with what blocks them (exit 1); the others are still fixed.
 */
/** The symbols an option names, each checked: a name this tree lacks is a usage error, not a silent no-op. */
function knownNames(session: Session, option: string, given: string[]): string[] {
  return given.map((text) => {
    const info = session.symbol(text);
    if (info) return info.name;
    const near = closestNames(stripConfigPrefix(text), session.model.byName.keys());
    throw new UsageError(
      `${option} ${escapeControl(text)}: no symbol of that name in this tree${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    );
  });
}

const TIMED_OUT_NAMED = 8;

/** Each target that cannot be had with its blocker; those the search ran out of time on, once, with what to do. */
function printRefused(refused: FixSummary['refused'], io: CommandIo): void {
  const timedOut = refused.filter((target) => target.blocker.kind === 'timeout');
  for (const target of timedOut.length > 1 ? refused.filter((other) => other.blocker.kind !== 'timeout') : refused)
    io.stderr.write(`tuxconf: CONFIG_${escapeControl(target.name)}=${escapeControl(target.value)}: ${escapeControl(target.why)}\n`);
  if (timedOut.length <= 1) return;
  const named = timedOut.slice(0, TIMED_OUT_NAMED).map((target) => `CONFIG_${escapeControl(target.name)}`);
  const more = timedOut.length > TIMED_OUT_NAMED ? ` and ${timedOut.length - TIMED_OUT_NAMED} more` : '';
  io.stderr.write(
    `tuxconf: the search ran out of time for ${timedOut.length} targets (${named.join(', ')}${more}): give fewer targets at a time, or more time with --time-limit SECONDS\n`,
  );
}

export async function runFix(session: Session, targets: FixTarget[], flags: FixFlags, io: CommandIo): Promise<number> {
  const allow = knownNames(session, '--allow', flags.allow ?? []);
  const freeze = DEFAULT_FROZEN.filter((name) => !allow.includes(name));
  const keep = knownNames(session, '--keep', flags.keep ?? []);
  const budgetMs = budgetOf(flags['time-limit'], targets.length);
  const plan = await session.planFix(targets, { freeze, protect: keep, strict: keep.length > 0, budgetMs, neverLower: flags['never-lower'] ?? false });
  const summary = summarizeFix(plan, session.model);
  let applied = false;
  let saved: string | null = null;
  let status = summary.refused.length > 0 ? EXIT_FAILED : EXIT_OK;

  if (!flags.json) printPlan(plan, session, io, flags.verbose ?? false);
  printRefused(summary.refused, io);

  if (plan.changes.length > 0 && !flags['dry-run']) {
    const outcome = await session.applyFix(plan);
    if (!outcome.ok) {
      for (const refusal of outcome.refused) io.stderr.write(`tuxconf: ${refusal.reason}\n`);
      if (outcome.unmet.length > 0) io.stderr.write(`tuxconf: the fix did not make ${outcome.unmet.join(', ')} hold; nothing changed\n`);
      status = EXIT_FAILED;
    } else {
      applied = true;
      const result = await session.save({ force: flags.force ?? false });
      saved = result.path;
      if (!flags.json) io.stderr.write(`tuxconf: ${result.written ? 'saved' : 'no change to'} ${result.path}\n`);
    }
  } else if (!flags.json && plan.changes.length === 0 && summary.refused.length === 0) {
    io.stderr.write('tuxconf: nothing to change\n');
  } else if (!flags.json && flags['dry-run'] && plan.changes.length > 0) {
    io.stderr.write(`tuxconf: dry run; ${session.kernel.configPath} left as it was\n`);
  }
  if (flags.json) io.stdout.write(`${JSON.stringify(planJson(plan, applied, saved), null, 2)}\n`);
  return status;
}
