import { join } from 'node:path';
import { readBoundedIfExists } from '../../engine/files/read-bounded.js';
import { replaceFile } from '../../engine/files/write-atomic.js';

/** What an earlier successful build of some targets in an output directory took. */
export interface BuildRecord {
  objects: number;
  durationMs: number;
  finishedAt: string;
}

/** What the user asked the last build of an output directory to make: its targets and options, and -j. */
export interface BuildChoice {
  makeArgs: string[];
  jobs: number | null;
}

interface HistoryFile {
  version: 1;
  builds: Record<string, BuildRecord>;
  /** The last build asked for from the menu, offered again by the next one. */
  choice?: BuildChoice;
}

/** Kept in the output directory; a dot file, so the kernel's .gitignore already ignores it. */
export const HISTORY_FILE_NAME = '.tuxconf-build-history.json';
const MAX_RECORDS = 32;
/** 32 records take about 4 KiB. */
const MAX_HISTORY_BYTES = 256 << 10;

export function historyPath(objTree: string): string {
  return join(objTree, HISTORY_FILE_NAME);
}

/** Builds of the same targets are compared; make's default goal is recorded as `(default)`. */
export function historyKey(targets: readonly string[]): string {
  return targets.length === 0 ? '(default)' : targets.join(' ');
}

/** The build the menu last asked for in this output directory, if any. */
export async function readBuildChoice(path: string): Promise<BuildChoice | undefined> {
  return (await readHistory(path)).choice;
}

/** Remembers what a build asked for, for the next one in this output directory. */
export async function rememberBuildChoice(path: string, choice: BuildChoice): Promise<void> {
  const history = await readHistory(path);
  history.choice = { makeArgs: [...choice.makeArgs], jobs: choice.jobs };
  await replaceFile(path, `${JSON.stringify(history, null, 2)}\n`, { what: 'build history' });
}

export async function readBuildRecord(path: string, key: string): Promise<BuildRecord | undefined> {
  const history = await readHistory(path);
  return history.builds[key];
}

/**
 * Records a successful build. An incremental rebuild that compiled far fewer objects than the
 * recorded build does not replace it: the full build is the better yardstick for the next one.
 */
export async function recordBuild(path: string, key: string, record: BuildRecord): Promise<boolean> {
  const history = await readHistory(path);
  const earlier = history.builds[key];
  if (record.objects <= 0 || (earlier && record.objects * 2 < earlier.objects)) return false;
  delete history.builds[key];
  history.builds[key] = record;
  const keys = Object.keys(history.builds);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_RECORDS))) delete history.builds[old];
  // Whole or not at all, and a link planted in the output directory is replaced, not written through.
  await replaceFile(path, `${JSON.stringify(history, null, 2)}\n`, { what: 'build history' });
  return true;
}

/**
 * The history, or an empty one: a damaged, oversized or unreadable history (a link, a FIFO) only
 * costs the estimate, and is replaced on the next success.
 */
async function readHistory(path: string): Promise<HistoryFile> {
  // No prototype: a key such as `__proto__` (from the file, or a make target) stays an ordinary key.
  const empty: HistoryFile = { version: 1, builds: Object.create(null) as Record<string, BuildRecord> };
  let text: string;
  try {
    const bytes = await readBoundedIfExists(path, { maxBytes: MAX_HISTORY_BYTES, what: 'build history', noFollow: true });
    if (bytes === null) return empty;
    text = bytes.toString('utf8');
  } catch {
    return empty;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return empty;
  }
  const builds = (parsed as Partial<HistoryFile> | null)?.builds;
  if ((parsed as Partial<HistoryFile> | null)?.version !== 1 || typeof builds !== 'object' || builds === null) return empty;
  const kept = Object.create(null) as Record<string, BuildRecord>;
  for (const [key, record] of Object.entries(builds)) if (isRecord(record)) kept[key] = record;
  const choice = (parsed as Partial<HistoryFile>).choice;
  return isChoice(choice) ? { version: 1, builds: kept, choice } : { version: 1, builds: kept };
}

function isChoice(value: unknown): value is BuildChoice {
  const choice = value as Partial<BuildChoice> | null | undefined;
  return (
    typeof choice === 'object' &&
    choice !== null &&
    Array.isArray(choice.makeArgs) &&
    choice.makeArgs.length <= 64 &&
    choice.makeArgs.every((arg) => typeof arg === 'string' && arg.length <= 4096) &&
    (choice.jobs === null || (Number.isInteger(choice.jobs) && (choice.jobs as number) > 0))
  );
}

function isRecord(value: unknown): value is BuildRecord {
  const record = value as Partial<BuildRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    Number.isFinite(record.objects) &&
    Number.isFinite(record.durationMs) &&
    (record.durationMs as number) >= 0 &&
    typeof record.finishedAt === 'string'
  );
}
