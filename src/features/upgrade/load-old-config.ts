import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Session } from '../../engine/session.js';
import { makeWorkDir, removeWorkDir } from '../../engine/work-dir.js';
import { describeHeader, type OldConfig } from './old-config.js';

/**
 * Loads an old config into the session as one undoable step, from the bytes already read (the
 * file is read once: what is reported is what is loaded). Returns what the kernel said reading
 * it, naming the user's file.
 */
export async function loadOldConfig(session: Pick<Session, 'loadConfig'>, old: OldConfig, shownPath: string): Promise<string[]> {
  const work = await makeWorkDir();
  try {
    const copy = join(work, 'old.config');
    await writeFile(copy, old.bytes, { mode: 0o600 });
    const { warnings } = await session.loadConfig(copy, `load ${shownPath} (${describeHeader(old.header)})`);
    // The kernel names the private file it read (FILE:LINE:warning: ...): name the user's.
    return warnings.map((warning) => warning.replace(/^.*?(:\d+:(?:warning|error):)/, (_, rest: string) => `${shownPath}${rest}`));
  } finally {
    await removeWorkDir(work);
  }
}
