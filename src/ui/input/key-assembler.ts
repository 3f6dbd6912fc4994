import { continuesSequence, decodeInput, isSequenceTail } from './decode-input.js';
import { keyEvent, pasteKey, type KeyEvent } from './key-event.js';

/** How long a lone ESC waits for the rest of an escape sequence split across packets. */
export const ESCAPE_WAIT_MS = 50;
/**
 * After a lone ESC was reported as Escape, how long the rest of a sequence (`[B`) is still
 * taken for the key it ends rather than typed text: over a slow link the two halves of an
 * arrow key can come further apart than ESCAPE_WAIT_MS, and `[B` as text would be `B` (build).
 */
export const LATE_SEQUENCE_MS = 1000;
/** A bracketed paste whose end marker never comes (the terminal died mid-paste) ends after this quiet time. */
export const PASTE_WAIT_MS = 1000;
/** The most text one paste keeps; the rest is dropped (no field takes more). */
export const MAX_PASTE_LENGTH = 64 * 1024;

/** What terminals put around pasted text once asked to (ESC [ ? 2004 h, see terminal-screen.ts). */
export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Turns the input events Ink reads into key presses, handed over a batch per event. Over SSH
 * an arrow key's ESC can arrive apart from its `[B`; Ink then reports a lone ESC and the text
 * `[B`. The assembler holds a lone ESC (or a cut-off sequence) for a moment and joins it with
 * what follows, so that a split sequence becomes the key it was and never stray text or a
 * spurious Esc. Text between bracketed-paste markers becomes one `paste` key, whatever it
 * holds (newlines, escape sequences): pasted text is never taken for keys.
 */
export class KeyAssembler {
  private pending = '';
  private timer: unknown = undefined;
  /** The text of a bracketed paste whose end marker has not arrived yet. */
  private paste: string | null = null;
  private pasteTimer: unknown = undefined;
  private batch: KeyEvent[] = [];
  /** An ESC was just reported as Escape on its own (see LATE_SEQUENCE_MS). */
  private lateEscape = false;
  private lateTimer: unknown = undefined;

  constructor(
    private readonly emit: (keys: KeyEvent[]) => void,
    private readonly clock: Timer = realTimer,
    private readonly waitMs: number = ESCAPE_WAIT_MS,
  ) {}

  push(input: string): void {
    let text = input;
    if (this.paste !== null) {
      this.continuePaste(text);
      this.emitBatch();
      return;
    }
    if (this.lateEscape) {
      this.stopLateWindow();
      // The Escape is out already (harmless by design); the key the sequence ends is not lost.
      if (isSequenceTail(text)) text = `\x1b${text}`;
    }
    if (this.pending) {
      const pending = this.pending;
      this.stopWaiting();
      if (pending === '\x1b' && text.startsWith('\x1b') && !continuesSequence('', text)) {
        // A second ESC right after the first: Esc Esc.
        this.batch.push(keyEvent('escape-escape'));
        text = text.slice(1);
      } else if (continuesSequence(pending, text)) {
        text = pending + text;
      } else {
        this.batch.push(keyEvent('escape'));
      }
    }
    this.decodeAll(text);
    this.emitBatch();
  }

  /** Emits a held ESC, or the text of an unfinished paste, at once (when input ends). */
  flush(): void {
    if (this.paste !== null) {
      this.endPaste(this.paste);
    } else if (this.pending) {
      const lone = this.pending === '\x1b';
      this.stopWaiting();
      this.batch.push(keyEvent('escape'));
      if (lone) this.openLateWindow();
    }
    this.emitBatch();
  }

  dispose(): void {
    this.stopWaiting();
    this.stopPasteTimer();
    this.stopLateWindow();
  }

  private openLateWindow(): void {
    this.lateEscape = true;
    this.lateTimer = this.clock.set(() => {
      this.lateTimer = undefined;
      this.lateEscape = false;
    }, LATE_SEQUENCE_MS);
  }

  private stopLateWindow(): void {
    if (this.lateTimer !== undefined) this.clock.clear(this.lateTimer);
    this.lateTimer = undefined;
    this.lateEscape = false;
  }

  private emitBatch(): void {
    if (this.batch.length === 0) return;
    const keys = this.batch;
    this.batch = [];
    this.emit(keys);
  }

  private decodeAll(input: string): void {
    let text = input;
    while (text) {
      if (text.startsWith(PASTE_START)) {
        this.paste = '';
        this.continuePaste(text.slice(PASTE_START.length));
        return;
      }
      const decoded = decodeInput(text);
      if (decoded.kind === 'incomplete') {
        this.wait(text);
        return;
      }
      this.batch.push(...decoded.keys);
      text = decoded.rest;
    }
  }

  private continuePaste(text: string): void {
    const paste = (this.paste ?? '') + text;
    const end = paste.indexOf(PASTE_END);
    if (end >= 0) {
      this.endPaste(paste.slice(0, end));
      this.decodeAll(paste.slice(end + PASTE_END.length));
      return;
    }
    // Keep the start, and enough of the end to find the marker when its bytes come apart.
    this.paste = paste.length > MAX_PASTE_LENGTH + PASTE_END.length ? paste.slice(0, MAX_PASTE_LENGTH) + paste.slice(-PASTE_END.length) : paste;
    this.stopPasteTimer();
    this.pasteTimer = this.clock.set(() => {
      this.pasteTimer = undefined;
      this.flush();
    }, PASTE_WAIT_MS);
  }

  private endPaste(text: string): void {
    this.stopPasteTimer();
    this.paste = null;
    // Terminals paste line breaks as CR (Enter's byte): they are line breaks of the text.
    if (text !== '') this.batch.push(pasteKey(text.slice(0, MAX_PASTE_LENGTH).replace(/\r\n?/g, '\n')));
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

  private stopPasteTimer(): void {
    if (this.pasteTimer !== undefined) this.clock.clear(this.pasteTimer);
    this.pasteTimer = undefined;
  }
}
