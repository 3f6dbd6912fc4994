/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../state/layout.js';

/** Shown instead of the menu when the terminal is smaller than 80x24. */
export function TooSmall({ columns, rows, question }: { columns: number; rows: number; question: string | null }) {
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text bold wrap="wrap">
        tuxconf needs a terminal of at least {MIN_COLUMNS}x{MIN_ROWS}; this one is {columns}x{rows}.
      </Text>
      <Text wrap="wrap">Enlarge the window (the menu comes back at once), or use the subcommands: tuxconf --help.</Text>
      <Text wrap="wrap">{question ?? 'q quits.'}</Text>
    </Box>
  );
}
