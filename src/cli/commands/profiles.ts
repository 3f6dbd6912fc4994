import { discoverKernelTree } from '../../engine/kernel-tree.js';
import { formatProfileIssues } from '../../features/checks/profile-files.js';
import { listProfiles, resolveProfiles } from '../../features/checks/profile-checks.js';
import { formatProfileText } from '../../features/checks/profile-text.js';
import { readCapture } from '../../features/hardware/capture-directory.js';
import { gatherLocalInputs } from '../../features/hardware/gather-local-inputs.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs } from '../session-command.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'print the list as JSON' },
  'hw-from': { type: 'string', value: 'DIR', nonEmpty: true, help: 'show boot: the captured machine (default: this machine)' },
  'no-initrd': { type: 'boolean', help: 'show boot: the machine boots without an initrd' },
} as const satisfies OptionTable;

export const profilesCommand: Command = {
  name: 'profiles',
  summary: 'list requirement profiles for tuxconf check, or print one (boot included)',
  usage: `Usage: tuxconf profiles [--json]
       tuxconf profiles show PROFILE [--hw-from DIR] [--no-initrd]

Lists the requirement profiles "tuxconf check" takes: the shipped ones
(guix-initrd, containers, systemd), yours in $XDG_CONFIG_HOME/tuxconf/profiles,
and boot, which is made from a machine. Files there that cannot be used are
named with the line and column to fix; the others are still listed.

"show" prints a profile in the profile format (for boot: the one made from
this machine or from --hw-from DIR), to keep or edit as a file of your own.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals[0] === 'show') {
      if (positionals.length !== 2) throw new UsageError('profiles show takes one PROFILE');
      const hwFrom = values['hw-from'];
      const kernel = await discoverKernelTree({ ...open, env: io.env, cwd: io.cwd });
      const { profiles, notes } = await resolveProfiles([positionals[1] as string], {
        env: io.env,
        cwd: io.cwd,
        srcTree: kernel.srcTree,
        initrd: !values['no-initrd'],
        machine: () => (hwFrom ? readCapture(hwFrom) : gatherLocalInputs({ env: io.env })),
      });
      const profile = profiles[0]!;
      const comment = [...(profile.path ? [`from ${profile.path}`] : []), ...notes.map((note) => `note: ${note}`)];
      io.stdout.write(escapeControl(formatProfileText(profile, comment), { keepNewlines: true }));
      return EXIT_OK;
    }
    if (positionals.length > 0) throw new UsageError(`unknown argument "${positionals[0]}": use "tuxconf profiles" or "tuxconf profiles show PROFILE"`);
    const { profiles, issues } = await listProfiles(io.env);
    if (values.json) {
      io.stdout.write(`${terminalJson({ profiles, issues })}\n`);
    } else {
      const width = Math.max(...profiles.map((profile) => profile.name.length));
      for (const profile of profiles) {
        const count = profile.entryCount === null ? 'made from a machine' : `${profile.entryCount} entries`;
        io.stdout.write(`${escapeControl(`${profile.name.padEnd(width)}  ${profile.origin.padEnd(7)}  ${count}  ${profile.description}`)}\n`);
      }
      for (const line of formatProfileIssues(issues)) io.stderr.write(`tuxconf: ${line}\n`);
    }
    return issues.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
