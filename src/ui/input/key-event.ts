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
  | 'unknown';

export interface KeyEvent {
  name: KeyName;
  /** For `char`: the character, lower case for Ctrl combinations (Ctrl+R is `r` with ctrl). */
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
