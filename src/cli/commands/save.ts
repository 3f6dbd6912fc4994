import { type Command, EXIT_FAILED, EXIT_OK } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { plural } from '../../model/plural.js';

const OPTIONS = {
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
} as const satisfies OptionTable;

export const saveCommand: Command = {
  name: 'save',
  summary: 'load the config and write it back normalized (like make olddefconfig)',
  usage: `Usage: tuxconf save [OPTIONS] [--force]

Reads the config (or the kernel's defaults when there is none), lets the kernel
resolve new and changed symbols to their defaults, and writes it back through
the kernel's own writer: the same bytes as make olddefconfig.
Exits 1 when the config had lines the kernel could not use (it prints each);
the result is still written, with the original kept as .config.old.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values } = parseCommandArgs(argv, OPTIONS);
    return withSession(open, io, async (session) => {
      for (const message of session.loadMessages) io.stderr.write(`${message}\n`);
      const saved = await session.save({ force: values.force ?? false });
      io.stderr.write(`tuxconf: ${saved.written ? 'configuration written to' : 'no change to'} ${saved.path}\n`);
      if (session.loadWarnings.length > 0) {
        io.stderr.write(
          `tuxconf: the config had ${plural(session.loadWarnings.length, 'problem')} (above): ` +
            `its valid lines were kept, the rest dropped; the original is in ${saved.path}.old\n`,
        );
        return EXIT_FAILED;
      }
      return EXIT_OK;
    });
  },
};
