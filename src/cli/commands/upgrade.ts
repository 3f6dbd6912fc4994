import { resolve } from 'node:path';
import { discoverKernelTree } from '../../engine/kernel-tree.js';
import { describeAccept, describeChangedDefaults, describeLost, describeNew, describeSummary, describeWarnings } from '../../features/upgrade/describe.js';
import { carryOldConfig } from '../../features/upgrade/carry.js';
import { type AcceptOutcome, fixLostEntries, fixTargets } from '../../features/upgrade/fix-lost.js';
import { lostMatters } from '../../features/upgrade/machine-flags.js';
import { readOldConfig } from '../../features/upgrade/old-config.js';
import { architectureMismatch } from '../../features/upgrade/report.js';
import type { NewMenuGroup, UpgradeReport } from '../../features/upgrade/types.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'print the report as JSON: lost, new and changedDefaults' },
  'old-tree': {
    type: 'string',
    value: 'DIR',
    nonEmpty: true,
    help: "the old kernel's source tree: successors from its\nMakefiles (the objects a removed symbol built), its\nprompts and help, and the changed defaults of options\nwith a prompt (from its savedefconfig of OLD_CONFIG)",
  },
  'hw-from': {
    type: 'string',
    value: 'DIR',
    nonEmpty: true,
    help: 'a machine recorded with "tuxconf capture": mark (*) the\nnew and lost options its devices, modules and mounts need',
  },
  apply: {
    type: 'boolean',
    help: 'fix every lost value that can be fixed (its old value, or\nthe old value on a confident successor, with what it\nneeds: one plan, one step), take the defaults for the\nrest and save the config (-O/--config)',
  },
  'no-fix': { type: 'boolean', help: 'with --apply: fix nothing; save what make olddefconfig\nwrites for OLD_CONFIG' },
  'dry-run': { type: 'boolean', help: 'with --apply: show what would be fixed; save nothing' },
  force: { type: 'boolean', help: 'with --apply: save even if the config changed on disk' },
  'cross-arch': { type: 'boolean', help: 'carry a config written for another architecture' },
  'help-text': { type: 'boolean', help: 'with the text report: the help of every new option' },
} as const satisfies OptionTable;

export const upgradeCommand: Command = {
  name: 'upgrade',
  summary: 'carry an old config to this tree: what is lost, what is new, which defaults changed',
  usage: `Usage: tuxconf upgrade [OPTIONS] OLD_CONFIG [--json] [--apply [--no-fix] [--dry-run]]

Reads OLD_CONFIG (usually written by another kernel release: its header says
which) as this tree's kconfig reads it, and reports:
  - lost: every value the old config set (y, m, or a value) that this tree
    does not keep, with why: no longer in the tree (with likely successors),
    dependencies not met (the false terms), forced by a select, another
    choice member picked, no prompt here, type or range changed;
  - new: the options the old config has no value for (as make
    listnewconfig lists them), by menu, with the default each gets;
  - changed defaults: values left at a default that changed.
Without --apply nothing is written.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length !== 1) throw new UsageError('upgrade needs one OLD_CONFIG (the config written by the old kernel)');
    if ((values['no-fix'] || values['dry-run']) && !values.apply) throw new UsageError('--no-fix and --dry-run go with --apply');
    const path = positionals[0]!;
    // The old config is read and checked before the kernel's kconfig starts: a wrong file fails fast.
    const old = await readOldConfig(resolve(io.cwd, path));
    const kernel = await discoverKernelTree({ ...open, env: io.env, cwd: io.cwd });
    if (!values['cross-arch']) {
      const mismatch = architectureMismatch(old.header, kernel);
      if (mismatch) throw mismatch;
    }
    return withSession(open, io, async (session) => {
      const { report, groups } = await carryOldConfig(session, old, path, {
        oldTree: values['old-tree'],
        hardware: values['hw-from'] === undefined ? undefined : { hwFrom: resolve(io.cwd, values['hw-from']) },
        crossArch: values['cross-arch'] ?? false,
        env: io.env,
        cwd: io.cwd,
        onProgress: (message) => io.stderr.write(`tuxconf: ${escapeControl(message)}\n`),
      });
      let accepted: AcceptOutcome | null = null;
      if (values.apply && !values['no-fix']) accepted = await fixLostEntries(session, report.lost, { dryRun: values['dry-run'] });
      let saved: string | null = null;
      if (values.apply && !values['dry-run']) {
        const result = await session.save({ force: values.force ?? false });
        saved = result.path;
      }
      if (values.json) {
        io.stdout.write(`${terminalJson(reportJson(report, groups, accepted, saved))}\n`);
      } else {
        const lines = [
          ...describeSummary(report),
          '',
          ...describeLost(report),
          '',
          ...describeNew(report, groups, { help: values['help-text'] }),
          '',
          ...describeChangedDefaults(report),
        ];
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      for (const line of describeWarnings(report)) io.stderr.write(`tuxconf: ${line}\n`);
      if (accepted) for (const line of describeAccept(accepted, { dryRun: values['dry-run'] })) io.stderr.write(`tuxconf: ${line}\n`);
      if (saved !== null) io.stderr.write(`tuxconf: saved ${escapeControl(saved)}\n`);
      else if (values.apply) io.stderr.write(`tuxconf: dry run; ${escapeControl(session.kernel.configPath)} left as it was\n`);
      return EXIT_OK;
    });
  },
};

/** The report as JSON: `lost`, `new` and `changedDefaults` arrays whose entries have `name` (without CONFIG_). */
export function reportJson(report: UpgradeReport, groups: NewMenuGroup[], accepted: AcceptOutcome | null, saved: string | null): unknown {
  const menuOf = new Map(groups.map((group) => [group.menu, group]));
  return {
    from: report.scope.from,
    to: report.scope.to,
    oldTree: report.scope.oldTree,
    hardware: report.scope.hardware,
    lost: report.lost.map((entry) => ({
      name: entry.name,
      category: entry.category,
      old: entry.old,
      now: entry.now,
      line: entry.line,
      prompt: entry.prompt,
      type: entry.type,
      oldType: entry.oldType,
      successors: entry.successors.map((successor) => successor.name),
      successorDetails: entry.successors,
      blocking: entry.blocking.map((term) => term.expr),
      selects: entry.selects.map((term) => term.expr),
      choice: entry.choice,
      ranges: entry.ranges,
      settable: entry.settable,
      fixTargets: fixTargets(entry),
      matters: lostMatters(entry, report.machine) ?? null,
    })),
    new: report.new.map((entry) => ({
      name: entry.name,
      value: entry.value,
      type: entry.type,
      prompt: entry.prompt,
      help: entry.help,
      menu: menuOf.get(entry.menu)?.path ?? [],
      matters: report.machine.get(entry.name) ?? null,
    })),
    newByMenu: groups.map((group) => ({ menu: group.path, names: group.entries.map((entry) => entry.name) })),
    changedDefaults: report.changedDefaults,
    warnings: report.warnings,
    unreadable: report.unreadable,
    applied: accepted && {
      fixed: accepted.fixed.map((fix) => ({ name: fix.entry.name, targets: fix.targets })),
      met: accepted.met.map((fix) => ({ name: fix.entry.name, targets: fix.targets })),
      refused: accepted.refused.map((fix) => ({
        name: fix.entry.name,
        targets: fix.targets,
        blocked: fix.blocked,
        reasons: fix.blocked.map((blocked) => blocked.why),
      })),
      accepted: accepted.accepted.map((entry) => entry.name),
      changes: accepted.plan?.changes ?? [],
      effects: accepted.plan?.effects ?? [],
      done: accepted.applied?.ok ?? false,
    },
    saved,
  };
}
