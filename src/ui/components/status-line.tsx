/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Text } from 'ink';
import { fit } from '../text/fit.js';
import type { StatusMessage } from '../shell/ui-state.js';
import { useTheme } from './theme.js';

/** The line above the key hints: the outcome of the last action, or "working" while the engine runs. */
export function StatusLine({ message, busy, width }: { message: StatusMessage | null; busy: boolean; width: number }) {
  const theme = useTheme();
  if (message) {
    const isError = message.tone === 'error';
    return (
      <Text wrap="truncate" bold={isError} color={isError ? theme.bad : undefined}>
        {fit(`${isError ? '! ' : ''}${message.text}`, width)}
      </Text>
    );
  }
  return (
    <Text wrap="truncate" dimColor>
      {fit(busy ? 'working...' : '', width)}
    </Text>
  );
}
