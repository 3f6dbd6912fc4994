import { relative } from 'node:path';
import type { BuildResult, BuildSnapshot } from './build-run.js';
import type { LogIssue } from './build-log.js';
import { plural } from '../../model/plural.js';

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** `file:line:col: message` for an issue, or its whole line when it has no location. */
export function formatIssue(issue: LogIssue): string {
  const where = issue.location;
  if (!where) return issue.text;
  const position = [where.file, where.line, where.column].filter((part) => part !== undefined).join(':');
  return `${position}: ${issue.message}`;
}

/** One line: elapsed, objects and rate, what remains, -j and the compiler wrapper, counts. */
export function formatProgressLine(snapshot: BuildSnapshot): string {
  const { progress, counts } = snapshot;
  const parts = [`[${formatDuration(progress.elapsedMs)}]`, `${plural(progress.objects, 'object')}`];
  if (progress.rate > 0) parts[1] += ` (${progress.rate.toFixed(1)}/s)`;
  const estimate = progress.estimate;
  if (estimate?.remainingMs !== undefined) parts.push(`~${formatDuration(estimate.remainingMs)} left (${Math.floor(estimate.fraction * 100)}%)`);
  parts.push(`-j${snapshot.jobs.jobs}${snapshot.jobs.source === 'distcc hosts' ? ' for the distcc hosts' : ''}`);
  if (snapshot.wrapper) parts.push(snapshot.wrapper);
  parts.push(`${plural(counts.warnings, 'warning')}, ${plural(counts.errors, 'error')}`);
  if (snapshot.cancelling) parts.push('cancelling…');
  return parts.join(' · ');
}

/** The end-of-build report, one string per line. */
export function formatSummary(result: BuildResult, objTree: string): string[] {
  return summaryParts(result, objTree).map((part) => part.text);
}

/** What a line of the build summary says: the CLI prints them all, the build pane styles and picks them by kind. */
export type SummaryKind = 'headline' | 'run-error' | 'cancelled' | 'first-error' | 'artifact' | 'modules' | 'log';

/** The build summary, line by line with what each line is (`formatSummary` gives the text alone). */
export function summaryParts(result: BuildResult, objTree: string): { kind: SummaryKind; text: string }[] {
  const how =
    result.status === 'succeeded'
      ? 'build succeeded'
      : result.status === 'cancelled'
        ? 'build cancelled'
        : result.exitCode !== null
          ? `build failed (make exit code ${result.exitCode})`
          : result.signal
            ? `build failed (make ended by ${result.signal})`
            : 'build failed';
  const counts = `${plural(result.counts.errors, 'error')}, ${plural(result.counts.warnings, 'warning')}, ${plural(result.counts.objects, 'object')} built`;
  const lines: { kind: SummaryKind; text: string }[] = [{ kind: 'headline', text: `tuxconf: ${how} in ${formatDuration(result.durationMs)}: ${counts}` }];
  if (result.runError) lines.push({ kind: 'run-error', text: `  ${result.runError}` });
  // After a cancel make's last lines are about the stop itself (make[5]: *** ... Terminated), not a fault.
  if (result.status === 'cancelled')
    lines.push({
      kind: 'cancelled',
      text: `  stopped on request after ${plural(result.counts.objects, 'object')}; make was ended, as were the compilers it started`,
    });
  if (result.firstError && result.status === 'failed') lines.push({ kind: 'first-error', text: `  first error: ${formatIssue(result.firstError)}` });
  for (const artifact of result.artifacts.artifacts) {
    const note = artifact.updated ? '' : ', not rebuilt';
    lines.push({
      kind: 'artifact',
      text: `  ${artifact.label}: ${relative(objTree, artifact.path) || artifact.path} (${formatSize(artifact.sizeBytes)}${note})`,
    });
  }
  const modules = result.artifacts.modules;
  if (modules)
    lines.push({ kind: 'modules', text: `  modules: ${modules.count} in ${modules.dir} (${modules.updated} rebuilt); install with make modules_install` });
  lines.push({ kind: 'log', text: `  log: ${result.logPath}` });
  return lines;
}

const SHELL_SAFE = /^[\w@%+=:,./-]*$/;

function shellQuote(text: string): string {
  return SHELL_SAFE.test(text) && text !== '' ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A command line as a shell would take it back (`CC='distcc gcc'`). */
export function formatCommand(words: readonly string[]): string {
  return words
    .map((word) => {
      const assignment = /^([A-Za-z_]\w*)=(.*)$/.exec(word);
      return assignment && !SHELL_SAFE.test(word) ? `${assignment[1]}=${shellQuote(assignment[2] as string)}` : shellQuote(word);
    })
    .join(' ');
}
