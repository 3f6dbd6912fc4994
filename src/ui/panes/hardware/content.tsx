/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import type { HardwareReportState } from './use-hardware-report.js';
import { type HardwarePlanOutcome, inputsLines, modulesQuestion, nameColumn, originLine, planSummary, suggestionDetail, suggestionRow } from './lines.js';
import { hardwarePaneLayout, type HardwarePaneState } from './state.js';
import { fit } from '../../text/fit.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';
import { InfoPane } from '../../components/info-pane.js';
import { PageLines } from '../../components/page-lines.js';
import { StyledTextLine } from '../../components/styled-text-line.js';

export interface HardwareContentProps {
  status: HardwareReportState;
  state: HardwarePaneState;
  reportLines: StyledLine[];
  /** The fix accepting would apply, and its diff (the plan page). */
  plan: HardwarePlanOutcome;
  planLines: StyledLine[];
  /** The config changed since the plan was made. */
  stale: boolean;
  width: number;
  height: number;
}

function Lines({ lines, width, height }: { lines: StyledLine[]; width: number; height: number }) {
  return <PageLines lines={lines} top={0} width={width} height={height} />;
}

/** The fix that accepting would apply: where it stands, over its diff. */
function PlanPage({
  plan,
  lines,
  top,
  stale,
  width,
  height,
}: {
  plan: HardwarePlanOutcome;
  lines: StyledLine[];
  top: number;
  stale: boolean;
  width: number;
  height: number;
}) {
  const summary = planSummary(plan, stale);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StyledTextLine line={plainLine(summary.text, summary.tone)} width={width} />
      <PageLines lines={lines} top={top} width={width} height={height - 1} />
    </Box>
  );
}

/**
 * What this configuration lacks for the machine's hardware: the inputs that failed, one line per
 * suggestion (marked ones with [x]), and the reason chain and requirements of the highlighted one;
 * or the fix that accepting would apply, as a diff. Only the rows on screen are drawn.
 */
export function HardwareContent({ status, state, reportLines, plan, planLines, stale, width, height }: HardwareContentProps) {
  const layout = hardwarePaneLayout(height);
  if (state.page === 'plan') return <PlanPage plan={plan} lines={planLines} top={state.planTop} stale={stale} width={width} height={height} />;
  if (status.kind === 'idle' || status.kind === 'loading') {
    const step = status.kind === 'loading' ? status.step : 'starting...';
    return <Lines lines={[plainLine('Looking at the hardware:', 'heading'), plainLine(`  ${step}`, 'muted')]} width={width} height={height} />;
  }
  if (status.kind === 'failed') {
    return (
      <Lines
        lines={[
          plainLine('Could not look at the hardware:', 'heading'),
          plainLine(`  ${status.error}`, 'error'),
          plainLine('r tries again, Esc closes.', 'muted'),
        ]}
        width={width}
        height={height}
      />
    );
  }
  const { report } = status;
  const [inputs, detailOrNote] = inputsLines(report);
  const marked = report.suggestions.filter((suggestion) => state.marked.includes(suggestion.name)).length;
  const header = (
    <>
      <Text wrap="truncate" bold>
        {fit(status.updating ? `${originLine(report, marked, width - 15)}  (updating...)` : originLine(report, marked, width), width)}
      </Text>
      <StyledTextLine line={plainLine(inputs?.text ?? '', inputs?.tone ?? 'muted')} width={width} />
      <StyledTextLine line={plainLine(detailOrNote?.text ?? '', detailOrNote?.tone ?? 'muted')} width={width} />
    </>
  );
  if (state.page !== 'list') {
    const page = state.page === 'modules' ? { lines: modulesQuestion(state.pending.length, width), top: 0 } : { lines: reportLines, top: state.reportTop };
    return (
      <Box flexDirection="column" width={width} height={height}>
        {header}
        <PageLines lines={page.lines} top={page.top} width={width} height={height - layout.header} />
      </Box>
    );
  }
  const suggestions = report.suggestions;
  const nameWidth = nameColumn(suggestions);
  const rows = suggestions.slice(state.top, state.top + layout.list).map((suggestion, index) => {
    const cursor = state.top + index === state.cursor;
    const text = suggestionRow(suggestion, state.marked.includes(suggestion.name), nameWidth, width - 1);
    return (
      <Text key={suggestion.name} wrap="truncate" inverse={cursor}>
        {`${cursor ? '>' : ' '}${text}`}
      </Text>
    );
  });
  const empty = suggestions.length === 0 ? '  Nothing to suggest: the configuration has what this hardware needs.' : null;
  const filler = Math.max(0, layout.list - rows.length - (empty ? 1 : 0));
  const selected = suggestions[state.cursor];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {header}
      <Box flexDirection="column" width={width} height={layout.list}>
        {rows}
        {empty ? (
          <Text wrap="truncate" dimColor>
            {fit(empty, width)}
          </Text>
        ) : null}
        {Array.from({ length: filler }, (_, index) => (
          <Text key={`pad-${index}`}> </Text>
        ))}
      </Box>
      {layout.detail > 0 ? (
        <InfoPane
          title={selected ? `CONFIG_${selected.name}  ${selected.type}: ${selected.current} -> ${selected.value}` : ''}
          lines={selected ? suggestionDetail(selected, width) : []}
          width={width}
          height={layout.detail}
        />
      ) : null}
    </Box>
  );
}
