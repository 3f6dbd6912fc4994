import type { KeyEvent } from './key-event.js';

/** A printable key without modifiers: `j`, `G`, `/`. */
export function isChar(key: KeyEvent, char: string): boolean {
  return key.name === 'char' && !key.ctrl && !key.meta && key.char === char;
}

/** Ctrl with a letter: `isCtrl(key, 'd')` for Ctrl-d. */
export function isCtrl(key: KeyEvent, char: string): boolean {
  return key.name === 'char' && key.ctrl && key.char === char;
}
