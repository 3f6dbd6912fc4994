import { type KeyEvent, pasteKey } from './key-event.js';

const isText = (key: KeyEvent): boolean => (key.name === 'char' && !key.ctrl && !key.meta) || key.name === 'paste';
const isLineBreak = (key: KeyEvent): boolean => key.name === 'return' || key.name === 'tab';

/**
 * The run of text starting at `keys[start]` in keys that arrived together, as one `paste`
 * key: typed or pasted characters, and the Enter and Tab keys inside the run (a newline or a
 * tab in pasted text, never a command: the first line of a paste must not set a value or
 * leave the field). An Enter after the last character is a key of its own. Null when the run
 * is a single character (typed as usual) or `keys[start]` is not text.
 */
export function typedRun(keys: readonly KeyEvent[], start: number): { key: KeyEvent; next: number } | null {
  let text = '';
  let count = 0;
  let index = start;
  while (index < keys.length) {
    const key = keys[index]!;
    if (isText(key)) {
      text += key.char;
      count++;
      index++;
      continue;
    }
    if (!isLineBreak(key) || count === 0) break;
    // Line breaks count as text only when more text follows them.
    let after = index;
    while (after < keys.length && isLineBreak(keys[after]!)) after++;
    if (after === keys.length || !isText(keys[after]!)) break;
    count += after - index;
    for (; index < after; index++) text += keys[index]!.name === 'tab' ? '\t' : '\n';
  }
  if (count === 0 || (count === 1 && keys[start]!.name !== 'paste')) return null;
  return { key: pasteKey(text), next: index };
}
