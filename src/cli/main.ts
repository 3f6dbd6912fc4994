import { readFileSync } from 'node:fs';
import { formatError } from '../engine/errors.js';
import { escapeControl } from '../model/escape-text.js';
import { type Command, type CommandIo, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './command.js';
import { commands } from './commands/index.js';
import { isMakeVariable, KBUILD_OPTIONS, KBUILD_USAGE } from './kbuild-args.js';
import { MENU_OPTIONS, runInteractive } from './interactive.js';
import { asksFor, commandPosition, formatOptions, mergeOptionTables, type OptionTable } from './options.js';

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', help: 'print the version' },
} as const satisfies OptionTable;

/** Every option any command or the menu takes, for finding the command name in a whole command line. */
export const EVERY_OPTION = mergeOptionTables([GLOBAL_OPTIONS, KBUILD_OPTIONS, MENU_OPTIONS, ...commands.map((command) => command.options)]);

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

The menu's own options (hardware suggestions for another machine):
${formatOptions(MENU_OPTIONS)}

${formatOptions(GLOBAL_OPTIONS)}`;
}

/** Runs tuxconf with the arguments after the program name; resolves with the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const position = commandPosition(argv, EVERY_OPTION, isMakeVariable);
  const commandName = position >= 0 ? argv[position] : undefined;
  const command = commandName ? commands.find((candidate) => candidate.name === commandName) : undefined;
  const rest = position >= 0 ? [...argv.slice(0, position), ...argv.slice(position + 1)] : argv;
  try {
    if (commandName && !command) throw new UsageError(`unknown command "${escapeControl(commandName)}"`);
    if (asksFor(rest, 'version', EVERY_OPTION)) {
      io.stdout.write(`tuxconf ${version()}\n`);
      return EXIT_OK;
    }
    if (asksFor(rest, 'help', EVERY_OPTION)) {
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
    io.stderr.write(`tuxconf: ${escapeControl(error.message)}\nTry "tuxconf ${command ? `${command.name} ` : ''}--help".\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`${formatError(error)}\n`);
  return EXIT_FAILED;
}
