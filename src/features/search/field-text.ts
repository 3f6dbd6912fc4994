/**
 * A name, prompt or menu path prepared for matching: lowercase letters and digits only,
 * with the positions where a word starts. Keeping only alphanumerics lets one query word
 * span punctuation ("pcie" matches "PCI-Express", "pro/1000" matches "PRO/1000").
 */
export interface FieldText {
  compact: string;
  /**
   * At each index of `compact`, as a character code: WORD_START, DIGITS_START (digits after
   * letters) or 0. A string, not a typed array: one small object per field instead of three
   * (35,000 fields on a 6.x tree).
   */
  starts: string;
}

export const WORD_START = 1;
export const DIGITS_START = 2;

export const EMPTY_FIELD: FieldText = { compact: '', starts: '' };

/**
 * Words start after punctuation or spaces and where digits follow letters, so "8188" is
 * a word of "RTL8188EE" and "4" one of "EXT4".
 */
export function fieldText(text: string): FieldText {
  return asciiFieldText(text) ?? unicodeFieldText(text);
}

/** Character codes of the field being made (reused: a field is a few dozen characters). */
const compactCodes: number[] = [];
const startCodes: number[] = [];

/**
 * The field of an ASCII text in one pass over it, or undefined for any other text. Lowercasing
 * and removing the rest with a regular expression gave the same, but left about 5 MB behind
 * for the 35,000 fields of a 6.x tree that only a full collection frees.
 */
function asciiFieldText(text: string): FieldText | undefined {
  let previous = OTHER;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code > 127) return undefined;
    if (code >= 65 && code <= 90) code += 32;
    const kind = code >= 97 && code <= 122 ? LETTER : code >= 48 && code <= 57 ? DIGIT : OTHER;
    if (kind === OTHER) {
      previous = OTHER;
      continue;
    }
    startCodes[count] = previous === OTHER ? WORD_START : previous === LETTER && kind === DIGIT ? DIGITS_START : 0;
    compactCodes[count++] = code;
    previous = kind;
  }
  compactCodes.length = count;
  startCodes.length = count;
  return { compact: String.fromCharCode.apply(null, compactCodes), starts: String.fromCharCode.apply(null, startCodes) };
}

function unicodeFieldText(text: string): FieldText {
  const lower = text.toLowerCase();
  const compact = lower.replace(NOT_ALPHANUMERIC, '');
  const starts = new Array<number>(compact.length).fill(0);
  let previous = OTHER;
  let at = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const kind = code >= 97 && code <= 122 ? LETTER : code >= 48 && code <= 57 ? DIGIT : OTHER;
    if (kind === OTHER) {
      previous = OTHER;
      continue;
    }
    if (previous === OTHER) starts[at] = WORD_START;
    else if (previous === LETTER && kind === DIGIT) starts[at] = DIGITS_START;
    at++;
    previous = kind;
  }
  return { compact, starts: String.fromCharCode(...starts) };
}

const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;

export const NO_WORD_MATCH = 0;
export const WORD_PREFIX = 1;
export const WHOLE_WORD = 2;

/**
 * How `token` occurs in the field: WHOLE_WORD when it spans whole words ("pro1000" in
 * "PRO/1000 PCI-Express"), WORD_PREFIX when it only begins one, NO_WORD_MATCH when not at a word start.
 */
export function wordStartMatch(field: FieldText, token: string): number {
  let best = NO_WORD_MATCH;
  let at = field.compact.indexOf(token);
  while (at !== -1) {
    if (field.starts.charCodeAt(at) !== 0) {
      const end = at + token.length;
      if (end === field.compact.length || field.starts.charCodeAt(end) === WORD_START) return WHOLE_WORD;
      best = WORD_PREFIX;
    }
    at = field.compact.indexOf(token, at + 1);
  }
  return best;
}
