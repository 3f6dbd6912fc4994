/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit } from '../text/fit.js';
import type { StyledLine } from '../text/styled-text.js';
import { StyledTextLine } from './styled-text-line.js';

const BLANK: StyledLine = [];

/**
 * The pane under the menu that follows the cursor: a heading with the entry's name, then its
 * lines. The heading ends with its text: a rule drawn on to the edge would have to be redrawn
 * (three bytes a cell) whenever a shorter name follows a longer one, on most cursor moves.
 */
export function InfoPane({ title, lines, width, height }: { title: string; lines: StyledLine[]; width: number; height: number }) {
  const body = lines.slice(0, Math.max(0, height - 1));
  const rule = title ? `── ${title}` : '─'.repeat(width);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {fit(rule, width)}
      </Text>
      {/* One line per row, keyed by place: the next entry's lines update them instead of replacing them. */}
      {Array.from({ length: Math.max(0, height - 1) }, (_, index) => (
        <StyledTextLine key={index} line={body[index] ?? BLANK} width={width} />
      ))}
    </Box>
  );
}
