import { resolve } from 'node:path';
import { discoverKernelTree } from '../../engine/kernel-tree.js';
import { TuxconfError } from '../../engine/errors.js';
import type { Session } from '../../engine/session.js';
import type { Blocker } from '../../features/checks/blockers.js';
import type { RefusedTarget } from '../../features/fix/describe-fix.js';
import { type ForeignConfig, loadForeignConfig, readGzipConfig } from '../../features/checks/config-source.js';
import { blockerKey, describeFix, describeStatus, entryJson } from '../../features/checks/describe-checks.js';
import { type FixReport, ProfileChecks, resolveProfiles } from '../../features/checks/profile-checks.js';
import type { ProfileStatus } from '../../features/checks/evaluate.js';
import { readCapture } from '../../features/hardware/capture-directory.js';
import { gatherLocalInputs, runningKernelConfig } from '../../features/hardware/gather-local-inputs.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

const OPTIONS = {
  fix: {
    type: 'boolean',
    help: 'plan what the unmet required entries need with the fix engine\n(as enable does), apply it as one step, then save; what cannot\nbe had is named with its blocker',
  },
  recommended: { type: 'boolean', help: 'with --fix: recommended entries too' },
  'dry-run': { type: 'boolean', help: 'with --fix: show what would change; save nothing' },
  force: { type: 'boolean', help: 'with --fix: save even if the config changed on disk' },
  running: { type: 'boolean', help: "check the running kernel's configuration" },
  'hw-from': {
    type: 'string',
    value: 'DIR',
    nonEmpty: true,
    help: 'a captured machine: boot is made from it (default: this\nmachine); without boot, its recorded config is checked',
  },
  'no-initrd': { type: 'boolean', help: 'boot: the machine boots without an initrd, so everything up\nto the root file system must be built in' },
  all: { type: 'boolean', help: 'list met and not applicable entries too' },
  json: { type: 'boolean', help: 'print the result as JSON (entries with entry, state, met,\nlevel, reason, blockers ...)' },
} as const satisfies OptionTable;

export const checkCommand: Command = {
  name: 'check',
  summary: 'check a config against requirement profiles (guix-initrd, containers, systemd, boot), and fix it',
  usage: `Usage: tuxconf check [OPTIONS] PROFILE... [--fix [--recommended] [--dry-run]] [--json]

Checks a configuration against requirement profiles: each entry met, missing
or in the wrong state, with the reason it is wanted and, when it is off, the
dependency terms that keep it off. Exits 1 when a required entry is unmet.

PROFILE is a shipped profile (guix-initrd, containers, systemd), boot (made
from a machine: its root file system and every driver under it, its console,
modules and initrd), one of yours in $XDG_CONFIG_HOME/tuxconf/profiles, or a
file: a .profile, a Guix initrd-modules list (.scm), or an ebuild's
CONFIG_CHECK line. "tuxconf profiles" lists them.

The configuration checked is the session's (.config in the output directory,
or --config FILE; a gzip file such as /proc/config.gz is read too), or with
--running the running kernel's (/proc/config.gz, /boot/config-$(uname -r);
with --hw-from DIR, the one recorded in the capture). --hw-from DIR without
boot checks the captured machine's config; with boot it names the machine to
boot, and the session's config is checked (unless --running).

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length === 0) throw new UsageError('check needs at least one PROFILE (see "tuxconf profiles")');
    if (!values.fix && (values['dry-run'] || values.recommended || values.force)) throw new UsageError('--dry-run, --recommended and --force go with --fix');
    const hwFrom = values['hw-from'];

    if (values.running && open.config) throw new UsageError('--running and --config name two configurations: give one');
    let foreign: ForeignConfig | null = null;
    if (open.config) {
      foreign = await readGzipConfig(resolve(io.cwd, open.config));
      if (foreign) delete open.config;
    }
    // Without boot, a capture has nothing to describe but its kernel: check the config it recorded.
    const running = values.running || (hwFrom !== undefined && !positionals.includes('boot') && !open.config && !foreign);
    if (running) foreign = await runningConfig(hwFrom);
    if (values.fix && foreign) {
      // The fix is saved into the session's config: never into a file other than the one checked.
      throw new UsageError(
        `--fix changes the config it saves, and ${escapeControl(foreign.origin)} is not one tuxconf writes: write it to a file (zcat FILE.gz > my.config) and check that with --config my.config --fix`,
      );
    }
    // Profiles are read before the kernel's kconfig starts, so a malformed one fails fast.
    const kernel = await discoverKernelTree({ ...open, env: io.env, cwd: io.cwd });
    const { profiles, notes } = await resolveProfiles(positionals, {
      env: io.env,
      cwd: io.cwd,
      srcTree: kernel.srcTree,
      initrd: !values['no-initrd'],
      machine: () => (hwFrom ? readCapture(hwFrom) : gatherLocalInputs({ env: io.env })),
    });
    for (const note of notes) io.stderr.write(`tuxconf: boot: ${escapeControl(note)}\n`);

    return withSession(open, io, async (session) => {
      if (foreign) for (const warning of await loadForeignConfig(session, foreign)) io.stderr.write(`${escapeControl(warning)}\n`);
      const checks = await ProfileChecks.open(session, profiles);
      const kernelInfo = { version: session.kernel.version, srcArch: session.kernel.srcArch };
      // The user changed nothing in this session: the fix engine may change anything but what it freezes.
      const fixOptions = { recommended: values.recommended ?? false, dryRun: values['dry-run'] ?? false, engine: { protect: [] } };
      const fix: FixReport | null = values.fix ? await checks.fix(fixOptions) : null;
      const statuses: ProfileStatus[] = fix ? fix.after : checks.evaluate();
      const blockers = new Map<string, Blocker[]>();
      const refused = new Map<string, RefusedTarget[]>();
      for (const unmet of fix?.unmet ?? []) {
        const profileIndex = statuses.findIndex((status) => status.profile.name === unmet.profile);
        const entryIndex = statuses[profileIndex]?.entries.indexOf(unmet.status) ?? -1;
        blockers.set(blockerKey(profileIndex, entryIndex), unmet.blockers);
        refused.set(blockerKey(profileIndex, entryIndex), unmet.refused);
      }
      for (const [profileIndex, status] of statuses.entries()) {
        for (const [entryIndex, entry] of status.entries.entries()) {
          if (entry.met || entry.unavailable || blockers.has(blockerKey(profileIndex, entryIndex))) continue;
          blockers.set(blockerKey(profileIndex, entryIndex), await checks.blockers(profileIndex, entryIndex, entry));
        }
      }

      let saved: string | null = null;
      if (fix?.applied?.ok && session.unsavedCount > 0) {
        const result = await session.save({ force: values.force ?? false });
        saved = result.path;
        io.stderr.write(`tuxconf: ${result.written ? 'saved' : 'no change to'} ${escapeControl(result.path)}\n`);
      } else if (fix?.dryRun) io.stderr.write(`tuxconf: dry run; ${escapeControl(session.kernel.configPath)} left as it was\n`);

      const met = statuses.every((status) => status.met);
      const checked = foreign ? foreign.origin : session.kernel.configPath;
      if (values.json) {
        io.stdout.write(`${terminalJson(checkJson({ checked, session, met, statuses, blockers, refused, notes, fix, saved, kernelInfo }))}\n`);
      } else {
        io.stdout.write(`Checked ${escapeControl(checked)} on Linux ${escapeControl(kernelInfo.version)} (${escapeControl(session.kernel.arch)})\n`);
        if (fix) for (const line of describeFix(fix)) io.stdout.write(`${line}\n`);
        statuses.forEach((status, profileIndex) => {
          for (const line of describeStatus(status, profileIndex, { all: values.all ?? false, kernel: kernelInfo, blockers, refused }))
            io.stdout.write(`${line}\n`);
        });
      }
      return met ? EXIT_OK : EXIT_FAILED;
    });
  },
};

interface CheckResult {
  checked: string;
  session: Session;
  met: boolean;
  statuses: ProfileStatus[];
  blockers: Map<string, Blocker[]>;
  refused: Map<string, RefusedTarget[]>;
  notes: string[];
  fix: FixReport | null;
  saved: string | null;
  kernelInfo: { version: string; srcArch: string };
}

/** What --json prints. */
function checkJson({ checked, session, met, statuses, blockers, refused, notes, fix, saved, kernelInfo }: CheckResult): unknown {
  return {
    config: checked,
    kernel: { version: kernelInfo.version, arch: session.kernel.arch, srcArch: kernelInfo.srcArch, tree: session.kernel.srcTree },
    met,
    profiles: statuses.map((status) => ({
      name: status.profile.name,
      origin: status.profile.origin,
      path: status.profile.path,
      description: status.profile.description,
      sources: status.profile.sources,
      met: status.met,
      counts: status.counts,
      notApplicable: status.notApplicable,
    })),
    entries: statuses.flatMap((status, profileIndex) =>
      status.entries.map((entry, entryIndex) =>
        entryJson(
          entry,
          status.profile.name,
          blockers.get(blockerKey(profileIndex, entryIndex)),
          kernelInfo,
          refused.get(blockerKey(profileIndex, entryIndex)),
        ),
      ),
    ),
    notes,
    fix: fix
      ? {
          dryRun: fix.dryRun,
          targets: fix.fix.targets,
          conflicts: fix.fix.conflicts,
          plan: { targets: fix.fix.plan.targets, touchesProtected: fix.fix.plan.touchesProtected },
          changed: fix.fix.plan.changes,
          effects: fix.fix.plan.effects,
          applied: fix.applied ? { ok: fix.applied.ok, unmet: fix.applied.unmet, refused: fix.applied.refused } : null,
          unmet: fix.unmet.map((unmet) => ({ profile: unmet.profile, ...entryJson(unmet.status, unmet.profile, unmet.blockers, kernelInfo, unmet.refused) })),
          saved,
        }
      : null,
  };
}

/** The running kernel's configuration: this machine's, or the one a capture recorded. */
async function runningConfig(hwFrom: string | undefined): Promise<ForeignConfig> {
  if (hwFrom) {
    const capture = await readCapture(hwFrom);
    const input = capture.inputs['kernel-config'];
    if (!input.ok) throw new TuxconfError(`the capture ${escapeControl(hwFrom)} holds no kernel configuration: ${escapeControl(input.error)}`);
    return { origin: input.source, bytes: Buffer.from(input.text, 'utf8') };
  }
  const input = await runningKernelConfig();
  if (!input.ok)
    throw new TuxconfError(`cannot read the running kernel's configuration (${escapeControl(input.source)}): ${escapeControl(input.error)}`, {
      hint: 'name a config with --config FILE',
    });
  return { origin: input.source, bytes: Buffer.from(input.text, 'utf8') };
}
