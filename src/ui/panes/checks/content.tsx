/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import type { Blocker } from '../../../features/checks/index.js';
import { escapeControl } from '../../../model/escape-text.js';
import { InfoPane } from '../../components/info-pane.js';
import { PageLines } from '../../components/page-lines.js';
import { StyledTextLine } from '../../components/styled-text-line.js';
import { fit } from '../../text/fit.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';
import { entryDetail, entryTitle, type PlanOutcome, planSummary, profileDetail } from './lines.js';
import { type ChecksRow, checksRowText } from './rows.js';
import { checksPaneLayout, type ChecksPaneState } from './state.js';

export type ProfilesStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'failed'; error: string };

export interface ChecksContentProps {
  state: ChecksPaneState;
  loading: ProfilesStatus;
  /** null until the profiles are read. */
  rows: ChecksRow[] | null;
  /** Why the highlighted entry is off (null while kconfig is asked). */
  blockers: readonly Blocker[] | null;
  plan: PlanOutcome;
  planLines: StyledLine[];
  stale: boolean;
  kernel: { version: string; srcArch: string };
  width: number;
  height: number;
}

/** Requirement profiles with their entries and the highlighted one's details, or the plan of a fix. */
export function ChecksContent(props: ChecksContentProps) {
  const { state, width, height } = props;
  if (state.page === 'plan') {
    const summary = planSummary(props.plan, props.stale);
    return (
      <Box flexDirection="column" width={width} height={height}>
        <StyledTextLine line={plainLine(summary.text, summary.tone)} width={width} />
        <PageLines lines={props.planLines} top={state.planTop} width={width} height={height - 1} />
      </Box>
    );
  }
  return <ChecksList {...props} />;
}

function header(loading: ProfilesStatus, rows: ChecksRow[] | null): StyledLine {
  if (!rows) {
    return loading.kind === 'failed'
      ? plainLine(`Cannot read the profiles: ${loading.error}`, 'error')
      : plainLine('Reading the requirement profiles and the tree’s Makefiles...', 'muted');
  }
  const profiles = rows.filter((row) => row.kind === 'profile');
  const met = profiles.filter((row) => row.kind === 'profile' && row.status.met).length;
  return plainLine(`${met} of ${profiles.length} profiles met (their required entries)`, 'heading');
}

function ChecksList({ state, loading, rows, blockers, kernel, width, height }: ChecksContentProps) {
  const layout = checksPaneLayout(height);
  const shown = rows ? rows.slice(state.top, state.top + layout.list) : [];
  const filler = Math.max(0, layout.list - shown.length);
  const selected = rows?.[state.cursor];
  let detail = null;
  if (layout.detail > 0) {
    const title = selected?.kind === 'entry' ? entryTitle(selected.status) : selected?.kind === 'profile' ? escapeControl(selected.status.profile.name) : '';
    const lines =
      selected?.kind === 'entry'
        ? entryDetail(selected.status, blockers, kernel, width)
        : selected?.kind === 'profile'
          ? profileDetail(selected.status, width)
          : [];
    detail = <InfoPane title={title} lines={lines} width={width} height={layout.detail} />;
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StyledTextLine line={header(loading, rows)} width={width} />
      <Box flexDirection="column" width={width} height={layout.list}>
        {shown.map((row, index) => {
          const at = state.top + index;
          const cursor = at === state.cursor;
          return (
            <Text key={at} wrap="truncate" inverse={cursor} bold={row.kind === 'profile'} dimColor={row.kind === 'entry' && row.status.met}>
              {fit(`${cursor ? '>' : ' '}${checksRowText(row)}`, width)}
            </Text>
          );
        })}
        {Array.from({ length: filler }, (_, index) => (
          <Text key={`pad-${index}`}> </Text>
        ))}
      </Box>
      {detail}
    </Box>
  );
}
