import { LARGE_INPUT, readBoundedIfExists } from '../../engine/files/read-bounded.js';
import type { Session } from '../../engine/session.js';
import { type FileDifference, fileDifferences } from '../../model/file-differences.js';

export { type FileDifference, fileDifferences };

/** The differences between the session's config file as it is on disk and its values now; none without a file. */
export async function configFileDifferences(session: Session): Promise<FileDifference[]> {
  const bytes = await readBoundedIfExists(session.kernel.configPath, { maxBytes: LARGE_INPUT, what: 'config file' });
  if (bytes === null) return [];
  return fileDifferences(session.model, bytes.toString('utf8'), (name) => session.value(name));
}
