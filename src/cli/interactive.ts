import { type CommandIo, EXIT_FAILED, UsageError } from './command.js';
import { HARDWARE_SOURCE_OPTIONS, hardwareSourceFrom } from './hardware-options.js';
import { openForCommand, parseCommandArgs } from './session-command.js';
import { releaseGoneTerminal, StopSignals, terminalHungUp } from './stop-signals.js';
import { TypeAhead } from './type-ahead.js';
import type { OpenOptions } from '../engine/open-options.js';
import { timed } from '../engine/start-timings.js';
import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import { escapeControl } from '../model/escape-text.js';

/** The menu's own options (besides the kbuild options): the machine its hardware view describes. */
export const MENU_OPTIONS = HARDWARE_SOURCE_OPTIONS;

/** The full-screen menu: needs a terminal on stdin and stdout. */
export async function runInteractive(argv: string[], io: CommandIo): Promise<number> {
  const { open: options, values, positionals } = parseCommandArgs(argv, MENU_OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${escapeControl(positionals[0] ?? '')}"`);
  const hardware = hardwareSourceFrom(values, io);
  if (!process.stdin.isTTY || !io.stdoutIsTTY) {
    io.stderr.write(
      'tuxconf: the menu needs a terminal, and stdin or stdout is not one.\n' +
        'Without a terminal, use the subcommands: tuxconf get/set/save/savedefconfig/dump/search (see tuxconf --help).\n',
    );
    return EXIT_FAILED;
  }
  const stop = new StopSignals();
  // Keys typed from now on are kept and applied once the menu is up.
  const typeAhead = new TypeAhead(process.stdin);
  let code: number;
  try {
    code = await openAndRun(options, hardware, io, stop, typeAhead);
  } finally {
    typeAhead.release();
    stop.dispose();
  }
  if (terminalHungUp()) {
    // Everything is cleaned up; exit now, before anything touches the gone terminal again.
    releaseGoneTerminal();
    process.exit(code);
  }
  return code;
}

async function openAndRun(options: OpenOptions, hardware: HardwareSourceOptions, io: CommandIo, stop: StopSignals, typeAhead: TypeAhead): Promise<number> {
  try {
    // early: the menu can be drawn from the start cache while the kconfig frontend loads (session.ready).
    const abandon = new AbortController();
    const tui = import('../ui/run-tui.js');
    // The menu's modules load while make or the frontend's parse runs (see OpenOptions.onWaiting).
    const onWaiting = (): void =>
      void tui.then(
        (module) => module.preloadTui(),
        () => undefined,
      );
    const opening = openForCommand({ ...options, drafts: true, early: true, signal: abandon.signal, onWaiting }, io);
    const opened = await Promise.race([opening, stop.requested.then(() => null)]);
    if (opened === null) {
      // A signal while the tree was loading: the opening is abandoned (its frontend killed, its
      // directory removed) and waited for, within the signal's grace time, then tuxconf exits.
      abandon.abort();
      await opening.then(
        (session) => session.close(),
        () => {},
      );
      return stop.exitCode ?? EXIT_FAILED;
    }
    try {
      const { runTui } = await timed('load the TUI modules', () => tui);
      typeAhead.handOver();
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
