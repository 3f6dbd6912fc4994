import { configLineFor, stripConfigPrefix } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { parseCommandArgs, withSession } from '../session-command.js';

export const getCommand: Command = {
  name: 'get',
  summary: 'print the value of symbols',
  usage: `Usage: tuxconf get [OPTIONS] NAME...

Prints each symbol's value as a .config line (NAME with or without CONFIG_).
Symbols that are off print "# CONFIG_NAME is not set"; unknown names fail.

${KBUILD_USAGE}`,
  options: {},
  async run(argv, io) {
    const { open, positionals } = parseCommandArgs(argv, {});
    if (positionals.length === 0) throw new UsageError('get needs at least one NAME');
    return withSession(open, io, async (session) => {
      let status = EXIT_OK;
      // The session strips CONFIG_ once: CONFIG_CONFIG_X is no X.
      for (const given of positionals) {
        const info = session.symbol(given);
        if (!info) {
          io.stderr.write(`tuxconf: unknown symbol CONFIG_${escapeControl(stripConfigPrefix(given))}\n`);
          status = EXIT_FAILED;
          continue;
        }
        io.stdout.write(`${configLineFor(info.name, info.type, session.value(info.name) ?? '')}\n`);
      }
      return status;
    });
  },
};
