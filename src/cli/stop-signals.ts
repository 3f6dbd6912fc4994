import { closeSync, fstatSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';
import { SIGNAL_EXIT } from '../model/signal-exit.js';

/** How long the orderly end after a signal may take before the process exits anyway. */
export const STOP_GRACE_MS = 8000;

/**
 * SIGHUP (the terminal hung up: a dropped SSH session), SIGTERM and SIGINT for the length of
 * an interactive run: instead of dying at once (which would leave the kconfig frontend, a
 * build started from the menu and the session's temporary directory behind), the run ends
 * in order: the menu restores the terminal, the session closes, then the process exits with
 * 128 + the signal's number. Later signals change nothing; if the orderly end hangs, the
 * process exits after `graceMs` (its exit hooks still stop a running build).
 */
export class StopSignals {
  /** Resolves with the exit code when the first signal arrives. */
  readonly requested: Promise<number>;
  private code: number | null = null;
  private resolve: (code: number) => void = () => {};
  private readonly handlers = new Map<string, () => void>();

  constructor(private readonly graceMs = STOP_GRACE_MS) {
    this.requested = new Promise((resolve) => {
      this.resolve = resolve;
    });
    for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
      const handler = (): void => this.stop(code);
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** The exit code of the signal that arrived, or null. */
  get exitCode(): number | null {
    return this.code;
  }

  /** Hands the signals back to Node's defaults (the run has ended and cleaned up). */
  dispose(): void {
    for (const [signal, handler] of this.handlers) process.off(signal, handler);
    this.handlers.clear();
  }

  private stop(code: number): void {
    if (this.code !== null) return;
    this.code = code;
    const deadline = setTimeout(() => process.exit(code), this.graceMs);
    deadline.unref();
    this.resolve(code);
  }
}

/** Whether stdin and stdout are no longer terminals: the terminal they were hung up (isatty fails with EIO). */
export function terminalHungUp(): boolean {
  return !isatty(0) && !isatty(1);
}

/**
 * Node 20 puts the terminal's settings back at exit and aborts (SIGABRT, exit status 134)
 * when that fails because the terminal is gone (nodejs/node#51519, fixed in later Node).
 * Pointing the dead descriptors at /dev/null first makes Node take them for reopened by the
 * program and leave them alone. Only for the very end: nothing may read or write them after.
 */
export function releaseGoneTerminal(): void {
  for (const fd of [0, 1, 2]) {
    try {
      if (!fstatSync(fd).isCharacterDevice() || isatty(fd)) continue;
      closeSync(fd);
      const reopened = openSync('/dev/null', fd === 0 ? 'r' : 'w');
      if (reopened !== fd) closeSync(reopened);
    } catch {
      // Closed already: Node skips descriptors it cannot stat.
    }
  }
}
