import { lstat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { openSession } from '../../engine/open-session.js';
import { TuxconfError } from '../../engine/errors.js';
import { createFile, replaceFile } from '../../engine/files/write-atomic.js';
import { escapeControl } from '../../model/escape-text.js';
import type { Session } from '../../engine/session.js';
import { changedOptions, type ExportFormat, formatExport } from '../../features/presets/export-changes.js';
import { guixListNameFrom, isGuixListName } from '../../features/presets/guix-format.js';
import { type Command, type CommandIo, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { pathExists } from '../../engine/path-exists.js';
import { plural } from '../../model/plural.js';

/** The .config the kernel writes for a base file, read by a session of its own so the main one is untouched. */
async function baseText(session: Session, path: string, io: CommandIo): Promise<string> {
  const base = await openSession({
    tree: session.kernel.srcTree,
    output: session.kernel.objTree,
    arch: session.kernel.arch,
    makeVars: session.kernel.makeVars,
    config: path,
    env: io.env,
    cwd: io.cwd,
  });
  try {
    return await base.configText();
  } finally {
    await base.close();
  }
}

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
    return withSession(open, io, async (session) => {
      let base: string;
      let baseName: string;
      if (against === 'loaded') {
        base = await session.loadedConfigText();
        baseName = `the config as loaded from ${session.kernel.configPath}`;
      } else if (against === 'defconfig') {
        const name = session.kbuildVariable('KBUILD_DEFCONFIG');
        if (!name) throw new TuxconfError(`this tree names no default configuration (KBUILD_DEFCONFIG)`, { hint: 'give --against FILE' });
        const path = join(session.kernel.srcTree, 'arch', session.kernel.srcArch, 'configs', name);
        if (!(await pathExists(path))) throw new TuxconfError(`${escapeControl(path)} does not exist`, { hint: 'give --against FILE' });
        base = await baseText(session, path, io);
        baseName = name;
      } else {
        const path = resolve(io.cwd, against);
        if (!(await pathExists(path))) throw new TuxconfError(`--against ${escapeControl(against)}: no such file`, { hint: 'give loaded, defconfig or an existing config file' });
        base = await baseText(session, path, io);
        baseName = basename(path);
      }
      const entries = changedOptions(session.model, base, await session.configText());
      const name = values.name ?? (outfile ? guixListNameFrom(basename(outfile, extname(outfile))) : 'tuxconf-extra-linux-options');
      const text = formatExport(entries, format, { name, description: `${plural(entries.length, 'option')} changed against ${baseName} (tuxconf export)` });
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
