/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit } from '../text/fit.js';

export interface MenuLine {
  key: number;
  text: string;
  /** Shown only because show-all is on. */
  hidden: boolean;
  cursor: boolean;
}

/**
 * The visible slice of a menu (the caller passes only the rows on screen), padded to `height`
 * lines. The cursor row is inverse and marked with `>` so it shows even without attributes.
 */
export function MenuList({ lines, width, height, empty }: { lines: MenuLine[]; width: number; height: number; empty: string }) {
  const filler = Math.max(0, height - Math.max(lines.length, 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.length === 0 ? (
        <Text dimColor wrap="truncate">
          {fit(`  ${empty}`, width)}
        </Text>
      ) : (
        lines.map((line) => (
          <Text key={line.key} wrap="truncate" inverse={line.cursor} dimColor={line.hidden && !line.cursor}>
            {fit(`${line.cursor ? '>' : ' '}${line.text}`, width)}
          </Text>
        ))
      )}
      {Array.from({ length: filler }, (_, index) => (
        <Text key={`pad-${index}`}> </Text>
      ))}
    </Box>
  );
}
