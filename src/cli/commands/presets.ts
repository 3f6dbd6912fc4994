import { formatIssue } from '../../features/presets/preset-error.js';
import { issuesPerFile } from '../../model/issues-per-file.js';
import { satisfactionMark } from '../../features/presets/describe-outcome.js';
import { catalogFor, listPresets } from '../../features/presets/preset-service.js';
import { projectPresetDir, userPresetDir } from '../../features/presets/user-presets.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, EXIT_OK } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { runPresetsCheck } from './presets-check.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'print the list as JSON' },
  check: {
    type: 'boolean',
    help: 'name the requests of the presets (all, or the PRESETs named:\nnames or files) for symbols this tree does not have, with\nlikely successors; exits 1 when there are any',
  },
} as const satisfies OptionTable;

export const presetsCommand: Command = {
  name: 'presets',
  summary: 'list fragment presets and how far the config satisfies each',
  usage: `Usage: tuxconf presets [OPTIONS] [--json] [--check [PRESET...]]

Lists the presets "tuxconf apply" takes, with whether the current config
already satisfies each fully [x], partly [~] or not at all [ ]:
  - the tree's fragments, named like their make targets (kvm_guest.config
    merges kernel/configs/ and arch/$SRCARCH/configs/ files, as make does);
  - whole base configurations: the arch defconfigs, defconfig, allnoconfig,
    tinyconfig;
  - your fragments (*.config) and Guix option lists (*.scm) in
    $XDG_CONFIG_HOME/tuxconf/presets, and the project's in .tuxconf/presets.
Files there that cannot be read are reported with the line to fix.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    return withSession(open, io, async (session) => {
      const catalog = await catalogFor(session, { env: io.env, cwd: io.cwd, kbuildDefconfig: session.kbuildVariable('KBUILD_DEFCONFIG') });
      if (values.check) return runPresetsCheck(session, catalog, positionals, io, values.json ?? false);
      const listing = listPresets(session, catalog);
      if (values.json) {
        const presets = listing.map(({ preset, status }) => ({
          name: preset.name,
          origin: preset.origin,
          description: preset.description,
          files: [...new Set(preset.steps.flatMap((step) => step.files.map((file) => file.path)))],
          status,
        }));
        io.stdout.write(`${terminalJson({ presets, issues: catalog.issues })}\n`);
        return EXIT_OK;
      }
      const width = Math.max(...listing.map(({ preset }) => preset.name.length));
      let origin = '';
      for (const { preset, status } of listing) {
        if (preset.origin !== origin) {
          origin = preset.origin;
          io.stdout.write(`${origin === 'tree' ? '' : '\n'}${HEADINGS[origin] ?? origin}:\n`);
        }
        const counts = status.total > 0 ? `${status.met}/${status.total}` : '';
        io.stdout.write(`${escapeControl(`  ${satisfactionMark(status)} ${preset.name.padEnd(width)}  ${counts.padStart(7)}  ${preset.description}`)}\n`);
      }
      io.stdout.write(`\nYour presets: ${escapeControl(userPresetDir(io.env))}  Project presets: ${escapeControl(projectPresetDir(io.cwd))}\n`);
      for (const line of issuesPerFile(catalog.issues, formatIssue)) io.stderr.write(`tuxconf: ${line}\n`);
      return EXIT_OK;
    });
  },
};

const HEADINGS: Record<string, string> = {
  tree: 'Fragments of this tree (make NAME.config)',
  base: 'Whole configurations',
  user: 'Your presets',
  project: 'This project\'s presets',
};
