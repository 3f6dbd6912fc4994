import { type CommandIo, EXIT_FAILED, UsageError } from './command.js';
import { parseKbuildArgs } from './kbuild-args.js';
import { openForCommand } from './session-command.js';

/** The full-screen menu: needs a terminal on stdin and stdout. */
export async function runInteractive(argv: string[], io: CommandIo): Promise<number> {
  const { options, rest } = parseKbuildArgs(argv);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!process.stdin.isTTY || !io.stdoutIsTTY) {
    io.stderr.write(
      'tuxconf: the menu needs a terminal, and stdin or stdout is not one.\n' +
        'Without a terminal, use the subcommands: tuxconf get/set/save/savedefconfig/dump (see tuxconf --help).\n',
    );
    return EXIT_FAILED;
  }
  const session = await openForCommand(options, io);
  try {
    const { runTui } = await import('../ui/run-tui.js');
    return await runTui(session, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  } finally {
    await session.close();
  }
}
