/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Text } from 'ink';
import { fit, fitLeft } from '../text/fit.js';
import { useTheme } from './theme.js';

/** The inverse bar naming the screen: the menu path, and where the cursor is in it. */
export function TitleBar({ width, title, position, keep = 'end' }: { width: number; title: string; position: string; keep?: 'start' | 'end' }) {
  const theme = useTheme();
  const right = position ? ` ${position} ` : '';
  const room = Math.max(1, width - right.length - 2);
  // A menu path keeps its end (the current menu); other titles keep their start.
  const left = ` ${keep === 'end' ? fitLeft(title, room) : title}`;
  return (
    <Text wrap="truncate" inverse bold color={theme.accent}>
      {fit(left, width - right.length)}
      {right}
    </Text>
  );
}
