/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { fit, fitLeft } from '../text/fit.js';
import { useTheme } from './theme.js';

export interface HeaderProps {
  width: number;
  version: string;
  arch: string;
  tree: string;
  demo: boolean;
  configPath: string;
  /** What saving would do: `3 unsaved changes`, `saved` ...; `attention` draws it to stand out. */
  status: { text: string; attention: boolean };
  flags: string[];
  /** A loaded requirement profile is no longer met: shown in place of the config's path. */
  warning?: string | null;
}

/** Two lines: what is open (tree, version, arch, config file) and what saving would do. */
export function Header({ width, version, arch, tree, demo, configPath, status, flags, warning }: HeaderProps) {
  const theme = useTheme();
  const unsavedText = status.text;
  const attention = status.attention;
  const head = `tuxconf  Linux ${version}  ARCH=${arch}  `;
  const treeText = demo ? `${tree} (demo tree)` : tree;
  const first = head + fitLeft(treeText, Math.max(10, width - head.length - unsavedText.length - 2));
  const flagText = flags.length > 0 ? `[${flags.join('] [')}]` : '';
  const config = `config ${fitLeft(configPath, Math.max(10, width - 8 - flagText.length - 2))}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>{fit(first, width - unsavedText.length)}</Text>
        <Text bold={attention} inverse={attention && !theme.color} color={attention ? theme.warn : undefined}>
          {unsavedText}
        </Text>
      </Text>
      <Text wrap="truncate">
        {warning ? (
          <Text bold inverse={!theme.color} color={theme.warn}>
            {fit(warning, width - flagText.length)}
          </Text>
        ) : (
          fit(config, width - flagText.length)
        )}
        <Text bold>{flagText}</Text>
      </Text>
    </Box>
  );
}
