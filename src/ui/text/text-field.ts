import { escapeControl } from '../../model/escape-text.js';
import type { KeyEvent } from '../input/key-event.js';

/** A one-line text input: its text and the caret position (in code units). */
export interface TextField {
  text: string;
  caret: number;
}

export function textField(text: string): TextField {
  return { text, caret: text.length };
}

/**
 * Applies an editing key (readline-style) to a field; returns null for keys that do not edit,
 * so that callers can treat them as commands (Enter, Esc, ...).
 */
export function editField(field: TextField, key: KeyEvent): TextField | null {
  const { text, caret } = field;
  if ((key.name === 'char' && !key.ctrl && !key.meta) || key.name === 'paste') {
    return { text: text.slice(0, caret) + key.char + text.slice(caret), caret: caret + key.char.length };
  }
  if (key.name === 'char' && key.ctrl) {
    switch (key.char) {
      case 'a':
        return { text, caret: 0 };
      case 'e':
        return { text, caret: text.length };
      case 'b':
        return { text, caret: Math.max(0, caret - 1) };
      case 'f':
        return { text, caret: Math.min(text.length, caret + 1) };
      case 'u':
        return { text: text.slice(caret), caret: 0 };
      case 'k':
        return { text: text.slice(0, caret), caret };
      case 'w': {
        const start = text.slice(0, caret).replace(/\S+\s*$/, '').length;
        return { text: text.slice(0, start) + text.slice(caret), caret: start };
      }
      default:
        return null;
    }
  }
  switch (key.name) {
    case 'left':
      return { text, caret: Math.max(0, caret - 1) };
    case 'right':
      return { text, caret: Math.min(text.length, caret + 1) };
    case 'home':
      return { text, caret: 0 };
    case 'end':
      return { text, caret: text.length };
    case 'backspace':
      return caret === 0 ? field : { text: text.slice(0, caret - 1) + text.slice(caret), caret: caret - 1 };
    case 'delete':
      return { text: text.slice(0, caret) + text.slice(caret + 1), caret };
    default:
      return null;
  }
}

/** What a field shows in a line: the text around the caret, control characters escaped. */
export interface FieldWindow {
  before: string;
  /** The character under the caret ('' at the end of the text). */
  atCaret: string;
  after: string;
}

/**
 * The part of a field that fits in `room` columns with the caret in view (a cell is kept for
 * the caret at the end of the text). Control characters, typed or pasted, show as escapes
 * (`\n`, `\e`, `\x00`) and never reach the terminal raw; the caret steps over an escape as
 * over the one character it stands for.
 */
export function fieldWindow(field: TextField, room: number): FieldWindow {
  const { text } = field;
  const caret = Math.min(Math.max(0, field.caret), text.length);
  const shown = (index: number): string => escapeControl(text[index] ?? '');
  const atCaret = caret < text.length ? shown(caret) : '';
  let used = Math.max(1, atCaret.length);
  let start = caret;
  while (start > 0 && used + shown(start - 1).length <= room) used += shown(--start).length;
  let end = caret < text.length ? caret + 1 : caret;
  while (end < text.length && used + shown(end).length <= room) used += shown(end++).length;
  return { before: escapeControl(text.slice(start, caret)), atCaret, after: escapeControl(text.slice(caret < text.length ? caret + 1 : caret, end)) };
}
