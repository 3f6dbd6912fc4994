import type { MenuModel } from './types.js';
import { readConfigAssignments, requestedValue, sameConfigValue } from './config-text.js';

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
