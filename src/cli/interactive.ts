import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { type CommandIo, EXIT_FAILED, UsageError } from './command.js';
import { parseKbuildArgs } from './kbuild-args.js';
import { openForCommand } from './session-command.js';
import { releaseGoneTerminal, StopSignals, terminalHungUp } from './stop-signals.js';
import type { OpenOptions } from '../engine/open-options.js';
import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';

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
  const stop = new StopSignals();
  let code: number;
  try {
    code = await openAndRun(options, hardware, io, stop);
  } finally {
    stop.dispose();
  }
  if (terminalHungUp()) {
    // Everything is cleaned up; exit now, before anything touches the gone terminal again.
    releaseGoneTerminal();
    process.exit(code);
  }
  return code;
}

async function openAndRun(options: OpenOptions, hardware: HardwareSourceOptions, io: CommandIo, stop: StopSignals): Promise<number> {
  try {
    // early: the menu can be drawn from the start cache while the kconfig frontend loads (session.ready).
    const opening = openForCommand({ ...options, drafts: true, early: true }, io);
    const opened = await Promise.race([opening, stop.requested.then(() => null)]);
    if (opened === null) {
      // A signal while the tree was loading: close the session once it is open, then exit.
      void opening.then((session) => session.close(), () => {});
      return stop.exitCode ?? EXIT_FAILED;
    }
    try {
      const { runTui } = await import('../ui/run-tui.js');
      const code = await runTui(opened, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, hardwareSource: hardware });
      return stop.exitCode ?? code;
    } finally {
      // Ends the kconfig frontend and removes the session's temporary directory, also after a signal.
      await opened.close();
    }
  } catch (error) {
    if (stop.exitCode !== null) return stop.exitCode;
    throw error;
  }
}

/** Where the hardware pane reads its inputs: this machine, or a capture made elsewhere. */
function parseHardwareFlags(args: string[], cwd: string): HardwareSourceOptions {
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
