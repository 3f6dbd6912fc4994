/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text } from 'ink';
import type { LineKind } from '../../../features/build/log-classifier.js';
import type { KernelTree } from '../../../engine/session.js';
import { fieldWindow, type TextField } from '../../text/text-field.js';
import type { BuildLogRow, BuildQuestion, BuildScreen } from './screen.js';
import { BUILD_SHEET_ROWS, type BuildForm } from './state.js';
import { fit } from '../../text/fit.js';
import { plainLine, type StyledLine, wrapLine } from '../../text/styled-text.js';
import { InfoPane } from '../../components/info-pane.js';
import { PageLines } from '../../components/page-lines.js';
import { Buttons, Sheet } from '../../components/sheet.js';
import { StyledTextLine } from '../../components/styled-text-line.js';
import { type Theme, useTheme } from '../../components/theme.js';

export interface BuildContentProps {
  screen: BuildScreen;
  logPath: string;
  /** The warnings and errors filter is on. */
  issuesOnly: boolean;
  /** make has been started: the progress line and the log path are shown. */
  started: boolean;
  width: number;
  height: number;
}

/** Errors inverse and warnings bold without colour, so both stand out under NO_COLOR. */
export function logRowStyle(kind: LineKind, selected: boolean, theme: Theme): { bold?: boolean; inverse?: boolean; dimColor?: boolean; color?: string } {
  const style: { bold?: boolean; inverse?: boolean; dimColor?: boolean; color?: string } = {};
  if (kind === 'error') Object.assign(style, theme.color ? { bold: true, color: theme.bad } : { bold: true, inverse: true });
  else if (kind === 'warning') Object.assign(style, theme.color ? { bold: true, color: theme.warn } : { bold: true });
  else if (kind === 'failure') style.bold = true;
  else if (kind === 'note') style.dimColor = true;
  // The highlighted one turns over: an error back to plain-on-inverse-marker, everything else inverse.
  if (selected) style.inverse = !style.inverse;
  return style;
}

function LogRow({ row, width }: { row: BuildLogRow; width: number }) {
  const theme = useTheme();
  const room = Math.max(1, width - 1);
  const chars = Array.from(row.text);
  const text = chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : row.text;
  return (
    <Text wrap="truncate">
      {row.selected ? '>' : ' '}
      <Text {...logRowStyle(row.kind, row.selected, theme)}>{text === '' ? ' ' : text}</Text>
    </Text>
  );
}

function Question({ question, width, height }: { question: BuildQuestion; width: number; height: number }) {
  const inner = Math.max(1, width - 4);
  const buttons = question.labels.length > 0;
  // Inside the frame: the title, the buttons if any, and the note on the rows left.
  const noteRows = Math.max(1, height - 3 - (buttons ? 1 : 0));
  const note = wrapLine(plainLine(question.note, buttons ? 'muted' : 'heading'), inner, false).slice(0, noteRows);
  return (
    <Sheet title={question.title} width={width} height={height}>
      {buttons ? <Buttons labels={question.labels} chosen={question.chosen} /> : null}
      {note.map((line, index) => (
        <StyledTextLine key={index} line={line} width={inner} />
      ))}
    </Sheet>
  );
}

/**
 * The build's log while make runs and after: the progress (or result) line, the log file's path,
 * the log rows on screen (warnings and errors highlighted), and the result under them.
 */
export function BuildContent({ screen, logPath, issuesOnly, started, width, height }: BuildContentProps) {
  const { layout, headline, rows, summary, page, question } = screen;
  const flag = issuesOnly ? '  [warnings and errors only]' : '';
  const head = (
    <>
      <StyledTextLine line={plainLine(headline.text, headline.tone === 'plain' ? 'heading' : headline.tone)} width={width} />
      <Text wrap="truncate" dimColor>
        {fit(`log: ${logPath}${flag}`, width)}
      </Text>
    </>
  );
  if (page) {
    // Before make starts the page is the whole pane; a warning or error in full keeps the progress above it.
    const sheet = question ? Math.min(BUILD_SHEET_ROWS, height) : 0;
    const above = started ? layout.head : 0;
    const pageHeight = Math.max(1, height - sheet - above);
    return (
      <Box flexDirection="column" width={width} height={height}>
        {started ? head : null}
        <PageLines lines={page} top={0} width={width} height={pageHeight} />
        {question ? <Question question={question} width={width} height={sheet} /> : null}
      </Box>
    );
  }
  const filler = Math.max(0, layout.log - rows.length);
  const empty = rows.length === 0 ? (issuesOnly ? '  No warnings or errors so far.' : '  Waiting for make…') : null;
  return (
    <Box flexDirection="column" width={width} height={height}>
      {head}
      <Box flexDirection="column" width={width} height={layout.log}>
        {rows.map((row) => (
          <LogRow key={row.index} row={row} width={width} />
        ))}
        {empty ? (
          <Text wrap="truncate" dimColor>
            {fit(empty, width)}
          </Text>
        ) : null}
        {Array.from({ length: Math.max(0, filler - (empty ? 1 : 0)) }, (_, index) => (
          <Text key={`pad-${index}`}> </Text>
        ))}
      </Box>
      {layout.summary > 0 ? <InfoPane title="result" lines={summary} width={width} height={layout.summary} /> : null}
      {question && layout.sheet > 0 ? <Question question={question} width={width} height={layout.sheet} /> : null}
    </Box>
  );
}

/** A field of the form as one line: its label, its text with the caret when it has the focus, and a note. */
function fieldLine(label: string, field: TextField, focused: boolean, note: string, room: number): StyledLine {
  const shown = fieldWindow(focused ? field : { text: field.text, caret: field.text.length }, room);
  const text: StyledLine = focused
    ? [
        { text: shown.before, tone: 'plain' },
        { text: shown.atCaret || ' ', tone: 'caret' },
        { text: shown.after, tone: 'plain' },
      ]
    : [{ text: `${shown.before}${shown.atCaret}${shown.after}`, tone: 'plain' }];
  return [{ text: `${focused ? '>' : ' '} ${label.padEnd(8)}`, tone: focused ? 'heading' : 'plain' }, ...text, { text: `   ${note}`, tone: 'muted' }];
}

/** B's question before anything runs: the target (and make's options) and -j, with the command line they give. */
export function buildFormLines(form: BuildForm, kernel: KernelTree, command: string | null, logPath: string, width: number): StyledLine[] {
  const room = Math.max(8, Math.min(40, width - 14));
  return [
    plainLine(`Build Linux ${kernel.version} for ${kernel.arch} in ${kernel.objTree}`, 'heading'),
    plainLine(''),
    fieldLine('Target', form.target, form.focus === 'target', "targets and make's options; empty: make's default goal", room),
    fieldLine('-j', form.jobs, form.focus === 'jobs', 'parallel jobs; empty: as many as there are cores', room),
    plainLine(''),
    ...wrapLine(plainLine(`  ${command ?? '(planning the make command...)'}`, command ? 'plain' : 'muted'), width),
    plainLine(''),
    ...wrapLine(plainLine(`The whole log goes to ${logPath}`, 'muted'), width),
    form.error ? plainLine(form.error, 'error') : plainLine('Enter builds, Tab goes to the other field, Esc closes.', 'muted'),
  ];
}
