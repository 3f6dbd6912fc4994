/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import { describeHeader } from '../../../features/upgrade/old-config.js';
import { escapeControl } from '../../../model/escape-text.js';
import { InfoPane } from '../../components/info-pane.js';
import { PageLines } from '../../components/page-lines.js';
import { fit } from '../../text/fit.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';
import { type ReviewRow, rowDetail, rowText } from './rows.js';
import { undecided, upgradePaneLayout, type UpgradePaneState } from './state.js';
import type { UpgradeReportState } from './use-upgrade-report.js';

export interface UpgradeContentProps {
  status: UpgradeReportState;
  rows: readonly ReviewRow[];
  state: UpgradePaneState;
  version: string;
  width: number;
  height: number;
}

function waiting(status: UpgradeReportState): StyledLine[] {
  if (status.kind === 'failed')
    return [plainLine('Could not make the upgrade report:', 'heading'), plainLine(`  ${status.error}`, 'error'), plainLine('Esc closes.', 'muted')];
  const source = status.kind === 'idle' ? '' : escapeControl(status.source);
  return [plainLine(`Comparing ${source} with this tree:`, 'heading'), plainLine('  what was lost, what is new, which defaults changed...', 'muted')];
}

/** `Linux/x86 6.1.192 -> 6.12.117: lost 3 open of 192, new 500 open of 521`. */
function summary(rows: readonly ReviewRow[], from: string, version: string): string {
  const lost = rows.filter((row) => row.kind === 'lost');
  const fresh = rows.filter((row) => row.kind === 'new');
  const open = (list: ReviewRow[]) => list.filter(undecided).length;
  return `${from} -> ${version}: lost ${open(lost)} open of ${lost.length}, new ${open(fresh)} open of ${fresh.length}`;
}

/**
 * The upgrade review: a summary line, the rows on screen (lost values, new options by menu,
 * changed defaults; `[+]` holds or set, `[=]` accepted, `[!]` blocked, `*` matters for this
 * machine) and the highlighted row's detail.
 */
export function UpgradeContent({ status, rows, state, version, width, height }: UpgradeContentProps) {
  if (status.kind !== 'ready') return <PageLines lines={waiting(status)} top={0} width={width} height={height} />;
  const layout = upgradePaneLayout(height);
  const { carried } = status;
  const shown = rows.slice(state.top, state.top + layout.list).map((row, index) => {
    const cursor = state.top + index === state.cursor;
    return (
      <Text key={state.top + index} wrap="truncate" inverse={cursor} bold={row.kind === 'heading'}>
        {`${cursor ? '>' : ' '}${rowText(row, width - 1)}`}
      </Text>
    );
  });
  const filler = Math.max(0, layout.list - shown.length);
  const selected = rows[state.cursor];
  const name = selected && selected.kind !== 'heading' ? (selected.kind === 'changed' ? selected.change.name : selected.entry.name) : '';
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate" bold>
        {fit(escapeControl(summary(rows, describeHeader(carried.report.scope.from), version)), width)}
      </Text>
      <Box flexDirection="column" width={width} height={layout.list}>
        {shown}
        {Array.from({ length: filler }, (_, index) => (
          <Text key={`pad-${index}`}> </Text>
        ))}
      </Box>
      {layout.detail > 0 ? (
        <InfoPane title={name ? `CONFIG_${name}` : ''} lines={rowDetail(selected, carried, state.marks, width)} width={width} height={layout.detail} />
      ) : null}
    </Box>
  );
}
