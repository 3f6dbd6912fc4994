import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { type CommandIo, EXIT_FAILED, UsageError } from './command.js';
import { parseKbuildArgs } from './kbuild-args.js';
import { openForCommand } from './session-command.js';

/** The full-screen menu: needs a terminal on stdin and stdout. */
export async function runInteractive(argv: string[], io: CommandIo): Promise<number> {
  const { options, rest } = parseKbuildArgs(argv);
  const hardware = parseHardwareFlags(rest, io.cwd);
  if (!process.stdin.isTTY || !io.stdoutIsTTY) {
    io.stderr.write(
      'tuxconf: the menu needs a terminal, and stdin or stdout is not one.\n' +
        'Without a terminal, use the subcommands: tuxconf get/set/save/savedefconfig/dump/search (see tuxconf --help).\n',
    );
    return EXIT_FAILED;
  }
  const session = await openForCommand({ ...options, drafts: true }, io);
  try {
    const { runTui } = await import('../ui/run-tui.js');
    return await runTui(session, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, hardwareSource: hardware });
  } finally {
    await session.close();
  }
}

/** Where the hardware pane reads its inputs: this machine, or a capture made elsewhere. */
function parseHardwareFlags(args: string[], cwd: string): { hwFrom?: string; lsmod?: string; lspci?: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { 'hw-from': { type: 'string' }, lsmod: { type: 'string' }, lspci: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const at = (path: string | undefined) => (path === undefined ? undefined : resolve(cwd, path));
    return { hwFrom: at(values['hw-from']), lsmod: at(values.lsmod), lspci: at(values.lspci) };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}
