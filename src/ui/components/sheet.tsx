/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { fit } from '../text/fit.js';
import { fieldWindow } from '../text/text-field.js';
import { useTheme } from './theme.js';

/** A framed dialog under the menu (value editor, file name, quit, overwrite). */
export function Sheet({ title, width, height, children }: { title: string; width: number; height: number; children: ReactNode }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor={theme.accent} paddingX={1}>
      <Text bold wrap="truncate">
        {fit(title, Math.max(1, width - 4))}
      </Text>
      {children}
    </Box>
  );
}

/** A one-line input with its caret drawn inverse (and as `_` at the end of the text); control characters show escaped. */
export function FieldView({ text, caret, width }: { text: string; caret: number; width: number }) {
  const shown = fieldWindow({ text, caret }, Math.max(4, width - 2));
  return (
    <Text wrap="truncate">
      {'> '}
      {shown.before}
      <Text inverse>{shown.atCaret || '_'}</Text>
      {shown.after}
    </Text>
  );
}

/** Buttons in a row; the chosen one is inverse and bracketed so it reads without attributes. */
export function Buttons({ labels, chosen }: { labels: string[]; chosen: number }) {
  return (
    <Text wrap="truncate">
      {labels.map((label, index) => (
        <Text key={label} inverse={index === chosen} bold={index === chosen}>
          {index === chosen ? `[ ${label} ]` : `  ${label}  `}
          {index < labels.length - 1 ? '  ' : ''}
        </Text>
      ))}
    </Text>
  );
}
