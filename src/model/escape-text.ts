/**
 * Text from outside (file contents, names, values) made safe to print on a terminal: every
 * control character (C0, DEL, C1) and every character that reorders or hides text (bidi
 * overrides and isolates) is shown as an escape, so none of them reaches the terminal raw.
 * Newlines are kept with `keepNewlines` (multi-line text), tabs with `keepTabs` (Makefile lines,
 * aligned columns), else escaped too.
 */
export function escapeControl(text: string, options: { keepNewlines?: boolean; keepTabs?: boolean } = {}): string {
  return text.replace(UNSAFE, (char) =>
    (options.keepNewlines && char === '\n') || (options.keepTabs && char === '\t') ? char : escapeOne(char),
  );
}

/** Whether `escapeControl` would change the text. */
export function hasControl(text: string): boolean {
  return UNSAFE_ANY.test(text);
}

// C0 controls, DEL, C1 controls, and the bidi/format characters U+200E/F, U+202A-E, U+2066-9.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_ANY = new RegExp(UNSAFE.source);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
