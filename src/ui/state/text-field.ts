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
  if (key.name === 'char' && !key.ctrl && !key.meta) {
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
