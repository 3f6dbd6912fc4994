import { isAbsolute, join } from 'node:path';
import type { KernelTree } from '../../../engine/kernel-tree.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import type { BuildResult, BuildSnapshot } from '../../../features/build/build-run.js';
import { formatDuration, formatSummary } from '../../../features/build/build-summary.js';
import { plainLine, type StyledLine, type Tone, wrapLine } from '../../text/styled-text.js';
import { type BuildViewEnv, type BuildViewState, issueTop, logTop } from './state.js';

type Hints = readonly (readonly [key: string, label: string])[];

const TAB = '        ';

/** A log line as the terminal can draw it in one row: tabs expanded, control characters (colour codes) dropped. */
export function displayText(text: string): string {
  let expanded = '';
  for (const char of text) {
    if (char === '\t') expanded += TAB.slice(expanded.length % TAB.length);
    else expanded += char;
  }
  // eslint-disable-next-line no-control-regex
  return expanded.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f]/g, '');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "exit code 2" (make's) or "ended by SIGTERM". */
export function exitText(result: BuildResult): string {
  if (result.exitCode !== null) return `exit code ${result.exitCode}`;
  if (result.signal) return `ended by ${result.signal}`;
  return 'make did not run';
}

/** The line that replaces the progress line at the end: how the build ended, make's exit code, duration and counts. */
export function resultHeadline(result: BuildResult): { text: string; tone: Tone } {
  const how = result.status === 'succeeded' ? 'Build succeeded' : result.status === 'cancelled' ? 'Build cancelled' : 'Build FAILED';
  const counts = `${plural(result.counts.errors, 'error')}, ${plural(result.counts.warnings, 'warning')} · ${plural(result.counts.objects, 'object')}`;
  const text = `${how} · ${exitText(result)} · ${formatDuration(result.durationMs)} · ${counts}`;
  const tone: Tone = result.status === 'succeeded' ? 'true' : result.status === 'failed' ? 'error' : 'heading';
  return { text, tone };
}

/**
 * What to read after the build, under the log: why make could not run, the first error (Enter
 * shows it in full), and where the results are. The first line and the log path are shown elsewhere.
 */
export function summaryLines(result: BuildResult, objTree: string): StyledLine[] {
  const lines = formatSummary(result, objTree).slice(1);
  const body = lines.filter((line) => !line.startsWith('  log: '));
  const styled = body.map((line) => {
    const text = line.trimStart();
    if (text.startsWith('first error: ')) return plainLine(displayText(text), 'error');
    if (result.runError && text === result.runError) return plainLine(displayText(text), 'error');
    return plainLine(displayText(text));
  });
  const built = result.artifacts.artifacts.length > 0 || result.artifacts.modules !== undefined;
  if (result.status === 'succeeded' && !built) styled.push(plainLine('no kernel image or modules from this target', 'muted'));
  styled.push(plainLine(`output directory: ${objTree}`, 'muted'));
  return styled;
}

/** The status line above the log: progress while make runs, the result once it has ended. */
export function headline(snapshot: BuildSnapshot, result: BuildResult | null, progressLine: string): { text: string; tone: Tone } {
  if (result) return resultHeadline(result);
  if (snapshot.status !== 'running') return { text: `${progressLine} · finishing…`, tone: 'heading' };
  return { text: progressLine, tone: snapshot.cancelling ? 'heading' : 'plain' };
}

/** The title bar: what make builds (its default goal when no target was given). */
export function buildTitle(targets: readonly string[]): string {
  return `Build: make ${targets.length > 0 ? targets.join(' ') : '(default goal)'}`;
}

/** Where the view is in the log: following the tail, or the lines (or listed warnings and errors) on screen. */
export function buildPosition(state: BuildViewState, env: BuildViewEnv): string {
  if (state.issuesOnly) {
    const count = env.issues.length;
    if (count === 0) return 'no warnings or errors';
    const top = issueTop(state, env);
    return `${top + 1}-${Math.min(count, top + env.rows)}/${count} issues${state.issueTop === null && env.running ? ' following' : ''}`;
  }
  if (env.total === 0) return '';
  const top = logTop(state, env);
  const range = `${top + 1}-${Math.min(env.total, top + env.rows)}/${env.total}`;
  return state.top === null ? `${range} following` : `${range} paused (G follows)`;
}

const RUNNING_HINTS: Hints = [
  ['c', 'cancel'],
  ['↑↓', 'scroll'],
  ['G', 'follow'],
  ['w', 'warnings+errors'],
  ['n/N', 'next/prev'],
  ['⏎', 'show'],
  ['q', 'close'],
];
const ENDED_HINTS: Hints = [
  ['↑↓', 'scroll'],
  ['w', 'warnings+errors'],
  ['n/N', 'next/prev'],
  ['⏎', 'show'],
  ['r', 'build again'],
  ['q', 'close'],
];
const DETAIL_HINTS: Hints = [['Esc', 'back to the log'], ['n/N', 'next/prev'], ['q', 'back']];
const SAVE_HINTS: Hints = [['y', 'save and build'], ['n', 'build the saved file'], ['Esc', 'cancel']];
const OVERWRITE_HINTS: Hints = [['y', 'overwrite and build'], ['n', 'cancel']];
const STOP_HINTS: Hints = [['y', 'stop the build and close'], ['n', 'keep building']];
const FAILED_HINTS: Hints = [['r', 'try again'], ['Esc', 'close']];

export function buildHints(state: BuildViewState, running: boolean): Hints {
  switch (state.stage.kind) {
    case 'idle':
    case 'starting':
      return [];
    case 'ask-save':
      return SAVE_HINTS;
    case 'ask-overwrite':
      return OVERWRITE_HINTS;
    case 'not-started':
      return FAILED_HINTS;
    case 'log':
      if (state.closing) return STOP_HINTS;
      if (state.detail) return DETAIL_HINTS;
      return running ? RUNNING_HINTS : ENDED_HINTS;
  }
}

/** What pressing B will run, before it runs: the command and where the log goes. */
export function plannedLines(kernel: KernelTree, command: string, logPath: string, width: number): StyledLine[] {
  return [
    plainLine(`Build Linux ${kernel.version} for ${kernel.arch} in ${kernel.objTree}`, 'heading'),
    plainLine(''),
    ...wrapLine(plainLine(`  ${command}`), width),
    plainLine(''),
    ...wrapLine(plainLine(`The whole log goes to ${logPath}`, 'muted'), width),
  ];
}

/** Files a diagnostic's path may name: absolute, or relative to the output directory (where make runs) or the source tree. */
export function sourceCandidates(file: string, kernel: Pick<KernelTree, 'objTree' | 'srcTree'>): string[] {
  if (isAbsolute(file)) return [file];
  return [join(kernel.objTree, file), join(kernel.srcTree, file)];
}

export interface SourceExcerpt {
  path: string;
  /** Numbered lines around the diagnostic's line. */
  lines: { number: number; text: string }[];
}

/** The lines around `line` (1-based) of a file's text. */
export function excerpt(path: string, text: string, line: number, around: number): SourceExcerpt {
  const all = text.split('\n');
  const first = Math.max(1, line - around);
  const last = Math.min(all.length, line + around);
  const lines: SourceExcerpt['lines'] = [];
  for (let number = first; number <= last; number += 1) lines.push({ number, text: all[number - 1] ?? '' });
  return { path, lines };
}

export type SourceState = { kind: 'none' } | { kind: 'loading' } | { kind: 'ready'; excerpt: SourceExcerpt } | { kind: 'missing'; reason: string };

/** The highlighted warning or error in full: where, what, the source lines around it. */
export function detailLines(issue: LogIssue, source: SourceState, width: number): StyledLine[] {
  const tone: Tone = issue.kind === 'error' ? 'error' : 'heading';
  const where = issue.location;
  const position = where ? [where.file, where.line, where.column].filter((part) => part !== undefined).join(':') : null;
  const lines: StyledLine[] = [
    plainLine(`${issue.kind === 'error' ? 'Error' : 'Warning'} on log line ${issue.index + 1}${position ? ` at ${position}` : ''}`, tone),
    ...wrapLine(plainLine(`  ${displayText(issue.message)}`), width),
  ];
  // Without a location the message is the whole line; tools' own reports (modpost, ld) read best as printed.
  if (!where && issue.message !== issue.text) lines.push(...wrapLine(plainLine(`  ${displayText(issue.text)}`, 'muted'), width));
  lines.push(plainLine(''));
  if (source.kind === 'loading') lines.push(plainLine('Reading the source…', 'muted'));
  if (source.kind === 'missing') lines.push(plainLine(source.reason, 'muted'));
  if (source.kind === 'ready') {
    const { path, lines: numbered } = source.excerpt;
    lines.push(...wrapLine(plainLine(`${path}:`, 'muted'), width));
    const digits = String(numbered.at(-1)?.number ?? 1).length;
    for (const { number, text } of numbered) {
      const mark = number === where?.line ? '>' : ' ';
      lines.push(plainLine(`${mark} ${String(number).padStart(digits)} | ${displayText(text)}`, number === where?.line ? tone : 'plain'));
    }
  }
  return lines;
}
