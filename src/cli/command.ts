import type { Writable } from 'node:stream';
import type { MachineRoot } from '../features/hardware/machine-root.js';
import type { OptionTable } from './options.js';

export interface CommandIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** True when stdout is a terminal (colours, progress redraws). */
  stdoutIsTTY: boolean;
  /** The machine suggest, trim and the menu's hardware pane read when no capture or file names one: this one unless given (tests give a recorded root). */
  machine?: MachineRoot;
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * A non-interactive subcommand. `argv` holds the arguments after the subcommand name. A command
 * declares its own options once, in `options`: its parser, `tuxconf --help` and main's search for
 * the command name all read that table; the kbuild options (-C, -O, --arch, --config, VAR=value)
 * come with every command (`parseCommandArgs` in ./session-command.js).
 */
export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  usage: string;
  options: OptionTable;
  run(argv: string[], io: CommandIo): Promise<number>;
}

/** Thrown for bad command lines; main prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** What kind of mistake, when a caller adds advice for it (an option the command does not take). */
  readonly problem: 'unknown-option' | 'other';

  constructor(message: string, problem: UsageError['problem'] = 'other') {
    super(message);
    this.problem = problem;
  }
}
