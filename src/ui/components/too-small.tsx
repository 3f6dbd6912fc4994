/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../shell/layout.js';

/** Shown instead of the menu when the terminal is smaller than menuconfig's minimum (80x19). */
export function TooSmall({ columns, rows, question }: { columns: number; rows: number; question: string | null }) {
  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, rows - 1)} overflow="hidden">
      <Text bold wrap="wrap">
        This terminal is too small for tuxconf: it must be at least {MIN_ROWS} lines by {MIN_COLUMNS} columns (as for menuconfig); it is{' '}
        {rows} lines by {columns} columns.
      </Text>
      <Text wrap="wrap">Enlarge the window (the menu comes back at once), or use the subcommands: tuxconf --help.</Text>
      <Text wrap="wrap">{question ?? 'q quits.'}</Text>
    </Box>
  );
}
