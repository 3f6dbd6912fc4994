/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit } from '../text/fit.js';

export interface MenuLine {
  key: number | string;
  text: string;
  /** Shown only because show-all is on. */
  hidden: boolean;
  cursor: boolean;
}

/**
 * One row; a row whose text, mark and width did not change is not drawn again by React. The
 * cursor row is inverse as far as its text goes, as in menuconfig (not to the edge: fewer bytes
 * per cursor move).
 */
const Row = memo(function Row({ text, hidden, cursor, width }: Omit<MenuLine, 'key'> & { width: number }) {
  const fitted = fit(`${cursor ? '>' : ' '}${text}`, width);
  if (!cursor) {
    return (
      <Text wrap="truncate" dimColor={hidden}>
        {fitted}
      </Text>
    );
  }
  const shown = fitted.trimEnd();
  return (
    <Text wrap="truncate">
      <Text inverse>{shown}</Text>
      {fitted.slice(shown.length)}
    </Text>
  );
});

/**
 * The visible slice of a list (the caller passes only the rows on screen), padded to `height`
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
        lines.map((line) => <Row key={line.key} text={line.text} hidden={line.hidden} cursor={line.cursor} width={width} />)
      )}
      {Array.from({ length: filler }, (_, index) => (
        <Text key={`pad-${index}`}> </Text>
      ))}
    </Box>
  );
}
