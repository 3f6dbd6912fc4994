import type { Writable } from 'node:stream';

export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (colours, progress redraws). */
  stdoutIsTTY: boolean;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * A non-interactive subcommand. `argv` holds the arguments after the subcommand name;
 * the kbuild options (-C, -O, --arch, --config, VAR=value) are parsed by each command with
 * `parseKbuildArgs` from `./kbuild-args.js`, so every command accepts them the same way.
 */
export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  usage: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

/** Thrown for bad command lines; main prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
