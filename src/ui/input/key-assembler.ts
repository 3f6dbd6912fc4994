import { continuesSequence, decodeInput } from './decode-input.js';
import { keyEvent, type KeyEvent } from './key-event.js';

/** How long a lone ESC waits for the rest of an escape sequence split across packets. */
export const ESCAPE_WAIT_MS = 50;

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Turns the input events Ink reads into key presses. Over SSH an arrow key's ESC can arrive
 * apart from its `[B`; Ink then reports a lone ESC and the text `[B`. The assembler holds a
 * lone ESC (or a cut-off sequence) for a moment and joins it with what follows, so that a
 * split sequence becomes the key it was and never stray text or a spurious Esc.
 */
export class KeyAssembler {
  private pending = '';
  private timer: unknown = undefined;

  constructor(
    private readonly emit: (key: KeyEvent) => void,
    private readonly clock: Timer = realTimer,
    private readonly waitMs: number = ESCAPE_WAIT_MS,
  ) {}

  push(input: string): void {
    let text = input;
    if (this.pending) {
      const pending = this.pending;
      this.stopWaiting();
      if (pending === '\x1b' && text.startsWith('\x1b') && !continuesSequence('', text)) {
        // A second ESC right after the first: Esc Esc.
        this.emit(keyEvent('escape-escape'));
        text = text.slice(1);
      } else if (continuesSequence(pending, text)) {
        text = pending + text;
      } else {
        this.emit(keyEvent('escape'));
      }
    }
    this.decodeAll(text);
  }

  /** Emits a held ESC at once (when input ends). */
  flush(): void {
    if (!this.pending) return;
    this.stopWaiting();
    this.emit(keyEvent('escape'));
  }

  dispose(): void {
    this.stopWaiting();
  }

  private decodeAll(input: string): void {
    let text = input;
    while (text) {
      const decoded = decodeInput(text);
      if (decoded.kind === 'incomplete') {
        this.wait(text);
        return;
      }
      for (const key of decoded.keys) this.emit(key);
      text = decoded.rest;
    }
  }

  private wait(pending: string): void {
    this.pending = pending;
    this.timer = this.clock.set(() => {
      this.timer = undefined;
      this.flush();
    }, this.waitMs);
  }

  private stopWaiting(): void {
    if (this.timer !== undefined) this.clock.clear(this.timer);
    this.timer = undefined;
    this.pending = '';
  }
}
