/** Cuts `text` to `width` columns (with an ellipsis) or pads it with spaces. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(text);
  if (chars.length > width) return chars.slice(0, Math.max(0, width - 1)).join('') + '…';
  return text + ' '.repeat(width - chars.length);
}

/** Cuts `text` from the left (paths: the end matters most). */
export function fitLeft(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return '…' + chars.slice(chars.length - width + 1).join('');
}
