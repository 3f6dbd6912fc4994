/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import type { StyledLine } from '../text/styled-text.js';
import { StyledTextLine } from './styled-text-line.js';

/** A scrolled page of styled lines (help, why): the caller has already wrapped them to `width`. */
export function PageLines({ lines, top, width, height }: { lines: StyledLine[]; top: number; width: number; height: number }) {
  const shown = lines.slice(top, top + height);
  const filler = Math.max(0, height - shown.length);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {shown.map((line, index) => (
        <StyledTextLine key={top + index} line={line} width={width} />
      ))}
      {Array.from({ length: filler }, (_, index) => (
        <Text key={`pad-${index}`}> </Text>
      ))}
    </Box>
  );
}
