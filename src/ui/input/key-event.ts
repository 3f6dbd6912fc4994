/** One key press, decoded from the bytes a terminal sends. */
export type KeyName =
  | 'char'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'insert'
  | 'delete'
  | 'backspace'
  | 'return'
  | 'tab'
  | 'backtab'
  | 'escape'
  /** Two ESC bytes together: menuconfig's "Esc Esc". */
  | 'escape-escape'
  | 'f1'
  /**
   * Text that arrived together: a bracketed paste (the terminal marks pasted text), or a run
   * of typed characters from one read; `char` holds all of it, control characters included.
   */
  | 'paste'
  | 'unknown';

export interface KeyEvent {
  name: KeyName;
  /** For `char`: the character, lower case for Ctrl combinations (Ctrl+R is `r` with ctrl); for `paste`: the text. */
  char: string;
  ctrl: boolean;
  meta: boolean;
}

export function keyEvent(name: KeyName, options: Partial<Omit<KeyEvent, 'name'>> = {}): KeyEvent {
  return { name, char: options.char ?? '', ctrl: options.ctrl ?? false, meta: options.meta ?? false };
}

export function charKey(char: string, options: { ctrl?: boolean; meta?: boolean } = {}): KeyEvent {
  return keyEvent('char', { char, ...options });
}

export function pasteKey(text: string): KeyEvent {
  return keyEvent('paste', { char: text });
}
