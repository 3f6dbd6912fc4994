import { readFileSync } from 'node:fs';
import { formatError } from '../engine/errors.js';
import { type Command, type CommandIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';
import { commands } from './commands/index.js';
import { firstPositional, KBUILD_USAGE } from './kbuild-args.js';
import { runInteractive } from './interactive.js';

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function usage(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `Usage: tuxconf [OPTIONS] [COMMAND [ARGS]]

Configure (and build) a Linux kernel with the tree's own kconfig. Without a
COMMAND, opens the full-screen menu; outside a kernel tree, a demo tree.

Commands:
${list}

Run "tuxconf COMMAND --help" for a command's options.

${KBUILD_USAGE}

  --hw-from DIR       (menu) hardware suggestions for a machine captured with
                      tuxconf capture; --lsmod FILE, --lspci FILE likewise
  -h, --help          this help
  --version           print the version`;
}

/** Runs tuxconf with the arguments after the program name; resolves with the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const position = firstPositional(argv);
  const commandName = position >= 0 ? argv[position] : undefined;
  const command = commandName ? commands.find((candidate) => candidate.name === commandName) : undefined;
  const rest = position >= 0 ? [...argv.slice(0, position), ...argv.slice(position + 1)] : argv;
  try {
    if (commandName && !command) throw new UsageError(`unknown command "${commandName}"`);
    if (rest.includes('--version')) {
      io.stdout.write(`tuxconf ${version()}\n`);
      return EXIT_OK;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command ? command.usage : usage()}\n`);
      return EXIT_OK;
    }
    return await (command ? command.run(rest, io) : runInteractive(rest, io));
  } catch (error) {
    return reportError(error, io, command);
  }
}

function reportError(error: unknown, io: CommandIo, command: Command | undefined): number {
  if (error instanceof UsageError) {
    io.stderr.write(`tuxconf: ${error.message}\nTry "tuxconf ${command ? `${command.name} ` : ''}--help".\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`${formatError(error)}\n`);
  return EXIT_FAILED;
}
