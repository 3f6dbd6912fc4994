/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Text } from 'ink';
import type { Tone, StyledLine } from '../text/styled-text.js';
import { type Theme, useTheme } from './theme.js';

interface ToneStyle {
  bold?: boolean;
  dimColor?: boolean;
  underline?: boolean;
  inverse?: boolean;
  color?: string;
}

/** Tones as text attributes; without colour, bold/underline/dim keep them apart. */
export function toneStyle(tone: Tone, theme: Theme): ToneStyle {
  switch (tone) {
    case 'plain':
      return {};
    case 'heading':
      return { bold: true };
    case 'true':
      return theme.color ? { bold: true, color: theme.good } : { bold: true };
    case 'false':
      return theme.color ? { color: theme.bad } : { underline: true };
    case 'muted':
    case 'fold':
      return { dimColor: true };
    case 'error':
      return theme.color ? { bold: true, color: theme.bad } : { bold: true, inverse: true };
    case 'caret':
      return { inverse: true };
  }
}

/** One line of styled segments, cut to `width` columns. */
export function StyledTextLine({ line, width }: { line: StyledLine; width: number }) {
  const theme = useTheme();
  let room = width;
  const parts = [];
  for (const [index, segment] of line.entries()) {
    if (room <= 0) break;
    const chars = Array.from(segment.text);
    const text = chars.length > room ? chars.slice(0, Math.max(0, room - 1)).join('') + '…' : segment.text;
    room -= Math.min(chars.length, room);
    parts.push(
      <Text key={index} {...toneStyle(segment.tone, theme)}>
        {text}
      </Text>,
    );
  }
  // An empty Text takes no line in Ink: keep blank lines one space wide.
  const blank = line.every((segment) => segment.text === '');
  return <Text wrap="truncate">{blank ? ' ' : parts}</Text>;
}
