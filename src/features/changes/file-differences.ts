import { LARGE_INPUT, readBoundedIfExists } from '../../engine/files/read-bounded.js';
import type { Session } from '../../engine/session.js';
import type { MenuModel } from '../../model/types.js';
import { readConfigAssignments, requestedValue, sameConfigValue } from '../../model/config-text.js';

/** A value the config file sets that the save would write differently (or leave out). */
export interface FileDifference {
  name: string;
  /** As the file has it (`n` for "is not set"). */
  inFile: string;
  /** What the kernel made of it here; null: no such symbol in this tree (the save leaves the line out). */
  here: string | null;
}

/**
 * The values of a .config text that do not hold for this tree and machine: the kernel reads the
 * file and, with this machine's toolchain (no pahole: no DEBUG_INFO_BTF) or this tree's Kconfig,
 * gives them other values; saving writes those. `valueOf` is the session's value now.
 */
export function fileDifferences(model: MenuModel, fileText: string, valueOf: (name: string) => string | undefined): FileDifference[] {
  const differences: FileDifference[] = [];
  for (const [name, text] of readConfigAssignments(fileText)) {
    const inFile = requestedValue(text);
    const info = model.byName.get(name);
    if (!info) {
      differences.push({ name, inFile, here: null });
      continue;
    }
    const here = valueOf(name) ?? '';
    // A symbol left unset in the file that the kernel leaves at n, or at an empty value, is the same.
    if (sameConfigValue(info.type, inFile, here) || (text === null && here === '')) continue;
    differences.push({ name, inFile, here });
  }
  return differences;
}

/** The differences between the config file as the session last read or wrote it and its values now; none without a file. */
export function loadedFileDifferences(session: Session): FileDifference[] {
  const text = session.configTextOnDisk;
  return text === null ? [] : fileDifferences(session.model, text, (name) => session.value(name));
}

/** The differences between the session's config file as it is on disk and its values now; none without a file. */
export async function configFileDifferences(session: Session): Promise<FileDifference[]> {
  const bytes = await readBoundedIfExists(session.kernel.configPath, { maxBytes: LARGE_INPUT, what: 'config file' });
  if (bytes === null) return [];
  return fileDifferences(session.model, bytes.toString('utf8'), (name) => session.value(name));
}
