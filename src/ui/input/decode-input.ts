import { charKey, keyEvent, type KeyEvent, type KeyName } from './key-event.js';

const ESC = '\x1b';

/** A complete CSI (`ESC [ ... final`) or SS3 (`ESC O final`) sequence at the start of `text`. */
const COMPLETE_SEQUENCE = /^\x1b(?:\[\[?[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|O[\x40-\x7e])/;
/** The start of such a sequence whose remaining bytes have not arrived yet. */
const SEQUENCE_PREFIX = /^\x1b(?:\[\[?[\x30-\x3f]*[\x20-\x2f]*|O)$/;

export type Decoded = { kind: 'keys'; keys: KeyEvent[]; rest: string } | { kind: 'incomplete' };

/**
 * Decodes what the terminal sent. A lone ESC, or the start of an escape sequence cut off
 * by the network, reports `incomplete` so that the caller can wait for the rest.
 * `rest` is text after a leading escape sequence (decode it again).
 */
export function decodeInput(input: string): Decoded {
  if (!input.startsWith(ESC)) return { kind: 'keys', keys: decodeText(input), rest: '' };
  if (input === ESC || SEQUENCE_PREFIX.test(input)) return { kind: 'incomplete' };
  if (input.startsWith(ESC + ESC)) {
    const inner = input.slice(1);
    if (inner === ESC) return { kind: 'keys', keys: [keyEvent('escape-escape')], rest: '' };
    const sequence = inner.match(COMPLETE_SEQUENCE);
    if (sequence) {
      const key = decodeSequence(sequence[0]);
      return { kind: 'keys', keys: [{ ...key, meta: true }], rest: inner.slice(sequence[0].length) };
    }
    return { kind: 'keys', keys: [keyEvent('escape-escape')], rest: inner.slice(1) };
  }
  const sequence = input.match(COMPLETE_SEQUENCE);
  if (sequence) return { kind: 'keys', keys: [decodeSequence(sequence[0])], rest: input.slice(sequence[0].length) };
  // ESC followed by an ordinary character: Alt+character.
  const [, char = ''] = Array.from(input);
  const [key] = decodeText(char);
  const altKey = key ? { ...key, meta: true } : keyEvent('unknown');
  return { kind: 'keys', keys: [altKey], rest: input.slice(1 + char.length) };
}

/**
 * Whether `text` is the rest of a key's CSI sequence (`[B`, `[5~`, `[1;5C`) whose ESC came on
 * its own: text that starts with `[` (no command key) and decodes to a known key.
 */
export function isSequenceTail(text: string): boolean {
  if (!text.startsWith('[')) return false;
  const decoded = decodeInput(`\x1b${text}`);
  return decoded.kind === 'keys' && decoded.keys[0]?.name !== 'unknown' && decoded.keys[0]?.meta === false;
}

/** Whether `text` could continue a pending ESC into a complete or longer escape sequence. */
export function continuesSequence(pending: string, text: string): boolean {
  const joined = pending + text;
  return COMPLETE_SEQUENCE.test(joined) || SEQUENCE_PREFIX.test(joined);
}

export function decodeText(text: string): KeyEvent[] {
  const keys: KeyEvent[] = [];
  for (const char of text) keys.push(decodeChar(char));
  return keys;
}

function decodeChar(char: string): KeyEvent {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\r' || char === '\n') return keyEvent('return');
  if (char === '\t') return keyEvent('tab');
  if (char === '\x7f' || char === '\b') return keyEvent('backspace');
  if (code === 0) return charKey(' ', { ctrl: true });
  if (code < 0x20) return charKey(String.fromCharCode(code + 0x60), { ctrl: true });
  return charKey(char);
}

const FINAL_KEYS: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  Z: 'backtab',
  P: 'f1',
};

const TILDE_KEYS: Record<string, KeyName> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
};

function decodeSequence(sequence: string): KeyEvent {
  const final = sequence.at(-1) ?? '';
  // The Linux console sends ESC [ [ A for F1.
  if (sequence.startsWith('\x1b[[')) return keyEvent(final === 'A' ? 'f1' : 'unknown');
  const body = sequence.slice(2, -1);
  const [first = '', modifier = ''] = body.split(';');
  // xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4)
  const modifierBits = modifier === '' ? 0 : Number(modifier) - 1;
  const options = { ctrl: (modifierBits & 4) !== 0, meta: (modifierBits & 2) !== 0 };
  if (final === '~') return keyEvent(TILDE_KEYS[first] ?? 'unknown', options);
  return keyEvent(FINAL_KEYS[final] ?? 'unknown', options);
}
