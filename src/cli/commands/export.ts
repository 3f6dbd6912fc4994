import { lstat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { createFile, replaceFile } from '../../engine/files/write-atomic.js';
import { formatConfigLine } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import { type BaseChoice, changesDescription, minimalChangesAgainst, sessionDefconfig } from '../../features/presets/base-config.js';
import { type ExportEntry, type ExportFormat, formatExport, guixCannotCarry } from '../../features/presets/export-changes.js';
import { guixListNameFrom, isGuixListName } from '../../features/presets/guix-format.js';
import { type Command, type CommandIo, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { pathExists } from '../../engine/path-exists.js';
import { plural } from '../../model/plural.js';

/** Whether anything, a dangling link included, has the name. */
async function nameTaken(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Whole or not at all; never through a link: with force, a link under the name is replaced itself. */
async function writeWhole(path: string, text: string, force: boolean): Promise<void> {
  const options = { what: 'export', writeElsewhere: 'export to an OUTFILE in a directory you can write' };
  if (force) await replaceFile(path, text, options);
  else await createFile(path, text, options);
}

function reportLeftOut(io: CommandIo, leftOut: ExportEntry[]): void {
  const reason = guixCannotCarry(leftOut[0] as ExportEntry) ?? '';
  const lines = leftOut.map((entry) => `  ${escapeControl(formatConfigLine(entry))}${guixCannotCarry(entry) === reason ? '' : ` (${guixCannotCarry(entry)})`}`);
  io.stderr.write(
    `tuxconf: a Guix list cannot carry ${leftOut.length === 1 ? 'this option' : `these ${leftOut.length} options`} (${reason}); they are left out of the list:\n${lines.join('\n')}\n` +
      'tuxconf: carry them in the #:configuration-file the list is applied to (append the lines above), or give --rest FILE to write them as a fragment beside the list\n',
  );
}

const OPTIONS = {
  format: { type: 'string', value: 'FORMAT', help: 'fragment (default; guix when OUTFILE ends in .scm)' },
  against: {
    type: 'string',
    value: 'BASE',
    help: "defconfig (default): the arch's default configuration;\nloaded: the config as tuxconf read it (in a one-shot\ncommand nothing has changed yet, so this is empty);\nFILE: any config file or defconfig",
  },
  name: { type: 'string', value: 'NAME', help: "the Guix list's name (default from OUTFILE)" },
  rest: {
    type: 'string',
    value: 'FILE',
    nonEmpty: true,
    help: 'with --format guix: write the options a Guix list cannot carry\n(numbers) to FILE as a fragment, to append to the base',
  },
  force: { type: 'boolean', help: 'overwrite OUTFILE if it exists' },
} as const satisfies OptionTable;

export const exportCommand: Command = {
  name: 'export',
  summary: "save the config's changes as a fragment or a Guix option list",
  usage: `Usage: tuxconf export [OPTIONS] [--format fragment|guix] [--against BASE] [--name NAME] [OUTFILE]

Writes the smallest list of options that gives this config back when it is
appended to BASE and put through make olddefconfig, as Guix's make-linux-libre
(#:extra-options) and merge_config.sh apply it; against an empty config it is
as short as make savedefconfig's. The kernel's kconfig checks the list before
it is written. Formats: a kernel config fragment (CONFIG_X=y lines, for
merge_config.sh, make NAME.config or "tuxconf apply") or a Guix extra-options
list ((("CONFIG_X" . #t) ...)), grouped by menu with each option's prompt as a
comment. A FILE base is taken as it is (a #:configuration-file); defconfig is
the .config make defconfig writes (Guix without a configuration file).

Guix writes only m, #t, #f and strings into the .config: options with a number
(int, hex) cannot be in its list. They are named on standard error, and the
exit status is 1 unless --rest FILE writes them as a fragment to add to the
#:configuration-file.

${formatOptions(OPTIONS, [['OUTFILE', 'where to write (default: standard output)']])}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length > 1) throw new UsageError(`export writes one file; got ${positionals.join(' ')}`);
    const outfile = positionals[0] === undefined || positionals[0] === '-' ? undefined : resolve(io.cwd, positionals[0]);
    const format = (values.format ?? (outfile && extname(outfile) === '.scm' ? 'guix' : 'fragment')) as ExportFormat;
    if (format !== 'fragment' && format !== 'guix') throw new UsageError(`--format is fragment or guix, not "${escapeControl(format)}"`);
    if (values.name !== undefined && format === 'guix' && !isGuixListName(values.name.startsWith('%') ? values.name : `%${values.name}`)) {
      throw new UsageError(
        `--name ${escapeControl(JSON.stringify(values.name))} cannot name a Guix list: use letters, digits and % _ . + - (no spaces, quotes or parentheses)`,
      );
    }
    if (outfile && !values.force && (await nameTaken(outfile))) {
      throw new TuxconfError(`${escapeControl(outfile)} exists`, { hint: 'give another OUTFILE, or --force to overwrite it' });
    }
    const against = values.against ?? 'defconfig';
    let choice: BaseChoice | undefined;
    if (against !== 'loaded' && against !== 'defconfig') {
      const path = resolve(io.cwd, against);
      if (!(await pathExists(path)))
        throw new TuxconfError(`--against ${escapeControl(against)}: no such file`, { hint: 'give loaded, defconfig or an existing config file' });
      choice = { kind: 'file', path };
    }
    if (values.rest !== undefined && format !== 'guix') throw new UsageError('--rest goes with --format guix: a fragment carries every value itself');
    const rest = values.rest === undefined ? undefined : resolve(io.cwd, values.rest);
    if (rest && !values.force && (await nameTaken(rest))) {
      throw new TuxconfError(`${escapeControl(rest)} exists`, { hint: 'give another --rest FILE, or --force to overwrite it' });
    }
    return withSession(open, io, async (session) => {
      choice ??= against === 'loaded' ? { kind: 'loaded' } : { kind: 'defconfig', path: await sessionDefconfig(session) };
      const { base, entries } = await minimalChangesAgainst(session, choice);
      const name = values.name ?? (outfile ? guixListNameFrom(basename(outfile, extname(outfile))) : 'tuxconf-extra-linux-options');
      const description = changesDescription(entries.length, base, 'tuxconf export');
      const text = formatExport(entries, format, { name, description });
      if (outfile) {
        await writeWhole(outfile, text, values.force === true);
        io.stderr.write(`tuxconf: wrote ${plural(entries.length, 'option')} to ${escapeControl(outfile)}\n`);
      } else {
        io.stdout.write(text);
      }
      const leftOut = format === 'guix' ? entries.filter((entry) => guixCannotCarry(entry) !== undefined) : [];
      if (leftOut.length === 0) return EXIT_OK;
      if (rest) {
        await writeWhole(
          rest,
          formatExport(leftOut, 'fragment', {
            name,
            description: `${plural(leftOut.length, 'option')} a Guix list cannot carry, for ${base.name} (tuxconf export)`,
          }),
          values.force === true,
        );
        io.stderr.write(
          `tuxconf: wrote the ${plural(leftOut.length, 'option')} a Guix list cannot carry to ${escapeControl(rest)}: append it to the #:configuration-file (${escapeControl(base.name)})\n`,
        );
        return EXIT_OK;
      }
      reportLeftOut(io, leftOut);
      return EXIT_FAILED;
    });
  },
};
