import { lstat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { createFile, replaceFile } from '../../engine/files/write-atomic.js';
import { escapeControl } from '../../model/escape-text.js';
import { type BaseChoice, changesAgainst, changesDescription, sessionDefconfig } from '../../features/presets/base-config.js';
import { type ExportFormat, formatExport } from '../../features/presets/export-changes.js';
import { guixListNameFrom, isGuixListName } from '../../features/presets/guix-format.js';
import { type Command, EXIT_OK, UsageError } from '../command.js';
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

const OPTIONS = {
  format: { type: 'string', value: 'FORMAT', help: 'fragment (default; guix when OUTFILE ends in .scm)' },
  against: {
    type: 'string',
    value: 'BASE',
    help: "defconfig (default): the arch's default configuration;\nloaded: the config as tuxconf read it (in a one-shot\ncommand nothing has changed yet, so this is empty);\nFILE: any config file or defconfig",
  },
  name: { type: 'string', value: 'NAME', help: "the Guix list's name (default from OUTFILE)" },
  force: { type: 'boolean', help: 'overwrite OUTFILE if it exists' },
} as const satisfies OptionTable;

export const exportCommand: Command = {
  name: 'export',
  summary: 'save the config\'s changes as a fragment or a Guix option list',
  usage: `Usage: tuxconf export [OPTIONS] [--format fragment|guix] [--against BASE] [--name NAME] [OUTFILE]

Writes the options whose values differ from BASE as a kernel config fragment
(CONFIG_X=y lines, for merge_config.sh, make NAME.config or "tuxconf apply")
or as a Guix extra-options list ((("CONFIG_X" . #t) ...) for make-linux-libre's
#:extra-options). Applied to BASE, it gives this config back.

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
      throw new UsageError(`--name ${escapeControl(JSON.stringify(values.name))} cannot name a Guix list: use letters, digits and % _ . + - (no spaces, quotes or parentheses)`);
    }
    if (outfile && !values.force && (await nameTaken(outfile))) {
      throw new TuxconfError(`${escapeControl(outfile)} exists`, { hint: 'give another OUTFILE, or --force to overwrite it' });
    }
    const against = values.against ?? 'defconfig';
    let choice: BaseChoice | undefined;
    if (against !== 'loaded' && against !== 'defconfig') {
      const path = resolve(io.cwd, against);
      if (!(await pathExists(path))) throw new TuxconfError(`--against ${escapeControl(against)}: no such file`, { hint: 'give loaded, defconfig or an existing config file' });
      choice = { kind: 'file', path };
    }
    return withSession(open, io, async (session) => {
      choice ??= against === 'loaded' ? { kind: 'loaded' } : { kind: 'defconfig', path: await sessionDefconfig(session) };
      const { base, entries } = await changesAgainst(session, choice);
      const name = values.name ?? (outfile ? guixListNameFrom(basename(outfile, extname(outfile))) : 'tuxconf-extra-linux-options');
      const text = formatExport(entries, format, { name, description: changesDescription(entries.length, base, 'tuxconf export') });
      if (outfile) {
        // Whole or not at all; never through a link: --force replaces the link itself.
        if (values.force) await replaceFile(outfile, text, { what: 'export' });
        else await createFile(outfile, text, { what: 'export' });
        io.stderr.write(`tuxconf: wrote ${plural(entries.length, 'option')} to ${escapeControl(outfile)}\n`);
      } else {
        io.stdout.write(text);
      }
      return EXIT_OK;
    });
  },
};
