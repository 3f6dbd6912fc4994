/** How a piece of text is drawn; the components map tones to bold, dim, inverse and colours. */
/** `caret`: the cell under a text field's caret. */
export type Tone = 'plain' | 'heading' | 'true' | 'false' | 'muted' | 'fold' | 'error' | 'caret';

export interface Segment {
  text: string;
  tone: Tone;
}

export type StyledLine = Segment[];

export function plainLine(text: string, tone: Tone = 'plain'): StyledLine {
  return [{ text, tone }];
}

export function lineText(line: StyledLine): string {
  return line.map((segment) => segment.text).join('');
}

/**
 * Word-wraps a styled line to `width` columns. Continuation lines keep the line's indentation
 * plus two spaces, so wrapped dependency expressions stay readable.
 */
export function wrapLine(line: StyledLine, width: number, hanging = true): StyledLine[] {
  const limit = Math.max(8, width);
  if (lineText(line).length <= limit) return [line];
  const leading = lineText(line).match(/^\s*/)?.[0].length ?? 0;
  const indent = ' '.repeat(Math.min(hanging ? leading + 2 : leading, Math.floor(limit / 2)));
  const pieces: Segment[] = [];
  for (const segment of line) {
    for (const part of segment.text.split(/(\s+)/)) if (part) pieces.push({ text: part, tone: segment.tone });
  }
  const lines: StyledLine[] = [];
  let current: StyledLine = [];
  let used = 0;
  const push = (piece: Segment): void => {
    const last = current.at(-1);
    if (last && last.tone === piece.tone) last.text += piece.text;
    else current.push({ ...piece });
    used += piece.text.length;
  };
  const breakLine = (): void => {
    const last = current.at(-1);
    if (last) last.text = last.text.replace(/\s+$/, '');
    lines.push(current.filter((segment) => segment.text !== ''));
    current = [{ text: indent, tone: 'plain' }];
    used = indent.length;
  };
  for (const piece of pieces) {
    const blank = /^\s+$/.test(piece.text);
    if (used + piece.text.length <= limit) {
      push(piece);
      continue;
    }
    if (blank) {
      breakLine();
      continue;
    }
    if (used > indent.length) breakLine();
    let rest = piece.text;
    while (used + rest.length > limit) {
      const room = Math.max(1, limit - used);
      push({ text: rest.slice(0, room), tone: piece.tone });
      rest = rest.slice(room);
      breakLine();
    }
    if (rest) push({ text: rest, tone: piece.tone });
  }
  if (current.length > 0 && lineText(current).trim() !== '') lines.push(current);
  return lines;
}
