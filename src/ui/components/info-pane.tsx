/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit } from '../text/fit.js';
import type { StyledLine } from '../text/styled-text.js';
import { StyledTextLine } from './styled-text-line.js';

/** The pane under the menu that follows the cursor: a rule with the entry's name, then its lines. */
export function InfoPane({ title, lines, width, height }: { title: string; lines: StyledLine[]; width: number; height: number }) {
  const body = lines.slice(0, Math.max(0, height - 1));
  const filler = Math.max(0, height - 1 - body.length);
  const rule = `── ${title} `;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {fit(rule + '─'.repeat(Math.max(0, width - rule.length)), width)}
      </Text>
      {body.map((line, index) => (
        <StyledTextLine key={index} line={line} width={width} />
      ))}
      {Array.from({ length: filler }, (_, index) => (
        <Text key={`pad-${index}`}> </Text>
      ))}
    </Box>
  );
}
