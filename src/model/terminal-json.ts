/**
 * JSON text that is safe to print on a terminal: JSON.stringify already writes C0 controls as
 * escapes, but leaves DEL, the C1 controls (U+009B is CSI on many terminals) and the bidi
 * overrides raw. They can only occur inside JSON strings, so writing them as `\uXXXX` gives
 * the same JSON value.
 */
export function terminalJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
