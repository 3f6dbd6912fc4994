import type { Writable } from 'node:stream';

/**
 * Switch to the alternate screen (what full-screen programs draw on), clear it, hide the
 * cursor, and ask for bracketed paste: the terminal marks pasted text (ESC [200~ ... ESC [201~),
 * so that a paste is taken as text, never as keys (src/ui/input/key-assembler.ts).
 */
export const ENTER_ALTERNATE_SCREEN = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l\x1b[?2004h';
/** Stop marking pastes, show the cursor and return to the normal screen with the shell's scrollback as it was. */
export const LEAVE_ALTERNATE_SCREEN = '\x1b[?2004l\x1b[?25h\x1b[?1049l';

/**
 * Owns the alternate screen for one run: `enter` once, and `leave` restores it exactly once,
 * whichever way the run ends (quit, crash, signal, process exit).
 */
export class AlternateScreen {
  private active = false;

  constructor(private readonly stdout: Writable) {}

  enter(): void {
    if (this.active) return;
    this.active = true;
    this.stdout.write(ENTER_ALTERNATE_SCREEN);
  }

  leave(): void {
    if (!this.active) return;
    this.active = false;
    this.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }

  get isActive(): boolean {
    return this.active;
  }
}

export { SIGNAL_EXIT } from '../model/signal-exit.js';
