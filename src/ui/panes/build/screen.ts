import type { KernelTree } from '../../../engine/session.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import type { BuildHandle, BuildResult, BuildSnapshot } from '../../../features/build/build-run.js';
import { formatProgressLine } from '../../../features/build/build-summary.js';
import type { LineKind } from '../../../features/build/log-classifier.js';
import { plainLine, type StyledLine, type Tone } from '../../text/styled-text.js';
import { detailLines, displayText, headline, plannedLines, type SourceState, summaryLines } from './lines.js';
import { type BuildPaneEnv, issueTop, logTop } from './log-state.js';
import { type BuildPaneLayout, type BuildPaneState, buildPaneLayout, CLOSE_ANSWERS, SAVE_ANSWERS } from './state.js';

/** One row of the log (or of the warnings and errors list) on screen. */
export interface BuildLogRow {
  index: number;
  text: string;
  kind: LineKind;
  selected: boolean;
}

/** A question under the page: the buttons of the quit dialog's pattern, or a line when there is nothing to choose. */
export interface BuildQuestion {
  title: string;
  labels: string[];
  chosen: number;
  note: string;
}

/** What the build pane draws, worked out from its state and the build's. */
export interface BuildScreen {
  layout: BuildPaneLayout;
  /** The progress line while make runs, its result once it has ended, the command before. */
  headline: { text: string; tone: Tone };
  rows: BuildLogRow[];
  summary: StyledLine[];
  /** A page instead of the log: before make starts, when it could not, and a warning or error in full. */
  page: StyledLine[] | null;
  question: BuildQuestion | null;
}

export interface BuildScreenInput {
  state: BuildPaneState;
  env: BuildPaneEnv;
  handle: BuildHandle | null;
  snapshot: BuildSnapshot | null;
  result: BuildResult | null;
  kernel: KernelTree;
  /** The command line of the plan (null while it is planned). */
  command: string | null;
  logPath: string;
  unsaved: number;
  shownIssue: LogIssue | undefined;
  source: SourceState;
  width: number;
  height: number;
}

function pageOf(input: BuildScreenInput): StyledLine[] | null {
  const { state, kernel, command, logPath, width } = input;
  const stage = state.stage;
  if (stage.kind === 'idle' || stage.kind === 'starting' || stage.kind === 'ask-save' || stage.kind === 'ask-overwrite') {
    const page = plannedLines(kernel, command, logPath, width);
    if (stage.kind === 'starting') page.push(plainLine(''), plainLine(stage.step, 'muted'));
    return page;
  }
  if (stage.kind === 'not-started') {
    return [...plannedLines(kernel, command, logPath, width), plainLine(''), plainLine(stage.error, 'error'), plainLine('r tries again, Esc closes.', 'muted')];
  }
  if (stage.kind === 'log' && state.detail && input.shownIssue) return detailLines(input.shownIssue, input.source, width);
  return null;
}

function rowsOf(input: BuildScreenInput, rows: number): BuildLogRow[] {
  const { state, env, handle } = input;
  if (!handle) return [];
  const shown = (line: { index: number; text: string; kind: LineKind }): BuildLogRow => ({
    index: line.index,
    text: displayText(line.text),
    kind: line.kind,
    selected: line.index === state.selected,
  });
  if (state.issuesOnly) {
    const top = issueTop(state, env);
    return env.issues.slice(top, top + rows).map(shown);
  }
  const top = logTop(state, env);
  return handle.lines(top, Math.min(env.total, top + rows)).map(shown);
}

function questionOf(input: BuildScreenInput): BuildQuestion | null {
  const { state, unsaved } = input;
  if (state.stage.kind === 'ask-save') {
    return {
      title: `${unsaved} unsaved change${unsaved === 1 ? '' : 's'}. Save ${unsaved === 1 ? 'it' : 'them'} before building?`,
      labels: ['Save and build', 'Build the saved file', 'Cancel'],
      chosen: SAVE_ANSWERS.indexOf(state.stage.choice),
      note: 'y saves and builds, n builds the file as it is on disk, Esc goes back.',
    };
  }
  if (state.stage.kind === 'ask-overwrite') {
    return {
      title: 'The config file changed on disk since tuxconf loaded it.',
      labels: [],
      chosen: -1,
      note: 'Overwrite it with this configuration and build? y overwrites and builds, n builds nothing (w saves elsewhere).',
    };
  }
  if (!state.closing) return null;
  return {
    title: 'make is still running. Stop it and close the log?',
    labels: ['Stop the build', 'Keep building'],
    chosen: CLOSE_ANSWERS.indexOf(state.closing),
    note: 'y stops make and every compiler it started, n goes back to the log.',
  };
}

/** What the build pane shows now; only the log rows on screen are read from the build's ring buffer. */
export function buildScreen(input: BuildScreenInput): BuildScreen {
  const { state, snapshot, result, kernel, command } = input;
  const summary = result ? summaryLines(result, kernel.objTree) : [];
  const layout = buildPaneLayout(input.height, summary.length, state.closing !== null);
  const page = pageOf(input);
  // The log's rows on screen decide which lines are shown: the keys' env gets the same count.
  const rows = state.stage.kind === 'log' && page === null ? rowsOf({ ...input, env: { ...input.env, rows: layout.log } }, layout.log) : [];
  const progress = snapshot ? headline(snapshot, result, formatProgressLine(snapshot)) : { text: command ?? '', tone: 'muted' as Tone };
  return { layout, headline: progress, rows, summary, page, question: questionOf(input) };
}
