import { join, resolve } from 'node:path';
import { type Command, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { parseCommandArgs, withSession } from '../session-command.js';

export const savedefconfigCommand: Command = {
  name: 'savedefconfig',
  summary: 'write the minimal config (like make savedefconfig)',
  usage: `Usage: tuxconf savedefconfig [OPTIONS] [FILE]

Writes the smallest config that gives the same .config after olddefconfig,
through the kernel's own writer. FILE defaults to "defconfig" in the output
directory, as make savedefconfig does.

${KBUILD_USAGE}`,
  options: {},
  async run(argv, io) {
    const { open, positionals } = parseCommandArgs(argv, {});
    if (positionals.length > 1) throw new UsageError('savedefconfig takes at most one FILE');
    return withSession(open, io, async (session) => {
      const target = positionals[0] ? resolve(io.cwd, positionals[0]) : join(session.kernel.objTree, 'defconfig');
      await session.saveDefconfig(target);
      io.stderr.write(`tuxconf: minimal config written to ${target}\n`);
      return EXIT_OK;
    });
  },
};
