import type { KernelTree } from '../../../engine/session.js';
import type { IssueSource } from '../../../features/build/issue-source.js';
import type { LogIssue } from '../../../features/build/build-log.js';
import type { BuildResult, BuildSnapshot } from '../../../features/build/build-run.js';
import { formatDuration, summaryParts } from '../../../features/build/build-summary.js';
import { plural } from '../../../model/plural.js';
import { plainLine, type StyledLine, type Tone, wrapLine } from '../../text/styled-text.js';
import { type BuildPaneEnv, issueTop, logTop } from './log-state.js';
import type { BuildPaneState } from './state.js';

const TAB = '        ';

/** A log line as the terminal can draw it in one row: tabs expanded, control characters (colour codes) dropped. */
export function displayText(text: string): string {
  let expanded = '';
  for (const char of text) {
    if (char === '\t') expanded += TAB.slice(expanded.length % TAB.length);
    else expanded += char;
  }
  return expanded.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x1f\x7f]/g, '');
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
  // A cancel's errors are make's own reports of the stop: not counted as the build's.
  const issues = result.status === 'cancelled' ? '' : `${plural(result.counts.errors, 'error')}, ${plural(result.counts.warnings, 'warning')} · `;
  const counts = `${issues}${plural(result.counts.objects, 'object')}`;
  const text = `${how} · ${exitText(result)} · ${formatDuration(result.durationMs)} · ${counts}`;
  const tone: Tone = result.status === 'succeeded' ? 'true' : result.status === 'failed' ? 'error' : 'heading';
  return { text, tone };
}

/**
 * What to read after the build, under the log: why make could not run, the first error (Enter
 * shows it in full), and where the results are. The first line and the log path are shown elsewhere.
 */
export function summaryLines(result: BuildResult, objTree: string): StyledLine[] {
  const body = summaryParts(result, objTree).filter((part) => part.kind !== 'headline' && part.kind !== 'log');
  const styled = body.map((part) => {
    const text = displayText(part.text.trimStart());
    return part.kind === 'first-error' || part.kind === 'run-error' ? plainLine(text, 'error') : plainLine(text);
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

/** Where the pane is in the log: following the tail, or the lines (or listed warnings and errors) on screen. */
export function buildPosition(state: BuildPaneState, env: BuildPaneEnv): string {
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

/** What the build will run, before it runs: the plan's own command line (null while it is planned) and where the log goes. */
export function plannedLines(kernel: KernelTree, command: string | null, logPath: string, width: number): StyledLine[] {
  return [
    plainLine(`Build Linux ${kernel.version} for ${kernel.arch} in ${kernel.objTree}`, 'heading'),
    plainLine(''),
    ...wrapLine(plainLine(`  ${command ?? '(planning the make command...)'}`, command ? 'plain' : 'muted'), width),
    plainLine(''),
    ...wrapLine(plainLine(`The whole log goes to ${logPath}`, 'muted'), width),
  ];
}

export type SourceState = { kind: 'none' } | { kind: 'loading' } | IssueSource;

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
