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
  unsaved: number;
  flags: string[];
}

/** Two lines: what is open (tree, version, arch, config file) and how many changes are unsaved. */
export function Header({ width, version, arch, tree, demo, configPath, unsaved, flags }: HeaderProps) {
  const theme = useTheme();
  const unsavedText = unsaved === 0 ? 'saved' : `${unsaved} unsaved change${unsaved === 1 ? '' : 's'}`;
  const head = `tuxconf  Linux ${version}  ARCH=${arch}  `;
  const treeText = demo ? `${tree} (demo tree)` : tree;
  const first = head + fitLeft(treeText, Math.max(10, width - head.length - unsavedText.length - 2));
  const flagText = flags.length > 0 ? `[${flags.join('] [')}]` : '';
  const config = `config ${fitLeft(configPath, Math.max(10, width - 8 - flagText.length - 2))}`;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold>{fit(first, width - unsavedText.length)}</Text>
        <Text bold={unsaved > 0} inverse={unsaved > 0 && !theme.color} color={unsaved > 0 ? theme.warn : undefined}>
          {unsavedText}
        </Text>
      </Text>
      <Text wrap="truncate">
        {fit(config, width - flagText.length)}
        <Text bold>{flagText}</Text>
      </Text>
    </Box>
  );
}
