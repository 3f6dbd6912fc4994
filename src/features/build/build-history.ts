import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What an earlier successful build of some targets in an output directory took. */
export interface BuildRecord {
  objects: number;
  durationMs: number;
  finishedAt: string;
}

interface HistoryFile {
  version: 1;
  builds: Record<string, BuildRecord>;
}

/** Kept in the output directory; a dot file, so the kernel's .gitignore already ignores it. */
export const HISTORY_FILE_NAME = '.tuxconf-build-history.json';
const MAX_RECORDS = 32;

export function historyPath(objTree: string): string {
  return join(objTree, HISTORY_FILE_NAME);
}

/** Builds of the same targets are compared; make's default goal is recorded as `(default)`. */
export function historyKey(targets: readonly string[]): string {
  return targets.length === 0 ? '(default)' : targets.join(' ');
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
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(history, null, 2)}\n`);
  await rename(temporary, path);
  return true;
}

async function readHistory(path: string): Promise<HistoryFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { version: 1, builds: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<HistoryFile>;
    if (parsed.version === 1 && parsed.builds && typeof parsed.builds === 'object') return { version: 1, builds: { ...parsed.builds } };
  } catch {
    // A damaged history only costs the estimate; it is rewritten on the next success.
  }
  return { version: 1, builds: {} };
}
