import { TuxconfError } from '../../engine/errors.js';
import { escapeControl } from '../../model/escape-text.js';
import type { HardwareReport } from '../hardware/suggestions.js';
import { computedChanges, keptChanges } from './changed-defaults.js';
import { categorize, lostValues } from './lost.js';
import { flagsFor, machineNeeds } from './machine-flags.js';
import { loadMakefileFootprints } from './makefile-footprints.js';
import { newSymbols } from './new-symbols.js';
import { type ConfigHeader, describeHeader, type OldConfig, parseOldConfig } from './old-config.js';
import type { OldTree } from './old-tree.js';
import { SuccessorFinder } from './successors.js';
import type { ChangedDefault, LostEntry, UpgradeReport } from './types.js';
import type { UpgradeSession } from './upgrade-session.js';

export interface ReportOptions {
  /** The old kernel's tree, opened with `openOldTree`. */
  oldTree?: OldTree | null;
  /** The machine's hardware report on the carried config, and where the machine was described. */
  hardware?: { origin: string; report: HardwareReport } | null;
  /** What the kernel said reading the old config (from `loadOldConfig`). */
  warnings?: string[];
}

/**
 * The upgrade report of an old config that the session has just loaded (`loadOldConfig`):
 * - lost: the kernel's writer gives the .config `make olddefconfig` would write; every symbol
 *   the old file sets (y, m, a value) whose line there differs or is missing, with the reason
 *   from the kernel's state and explanation of the symbol, and successors for removed ones;
 * - new: listnewconfig's walk of the menu on the session's state;
 * - changedDefaults: values the old file leaves `n` that this tree turns on by itself, and with
 *   the old tree, values at the old default whose default here differs.
 */
export async function upgradeReport(session: UpgradeSession, old: OldConfig, options: ReportOptions = {}): Promise<UpgradeReport> {
  const { model, kernel } = session;
  const oldTree = options.oldTree ?? null;
  const written = parseOldConfig(Buffer.from(await session.configText(), 'utf8')).entries;
  const finder = new SuccessorFinder({
    model,
    footprints: oldTree ? await loadMakefileFootprints(kernel.srcTree, kernel.srcArch) : null,
    old: oldTree ? { model: oldTree.model, footprints: oldTree.footprints } : null,
    oldOrder: [...old.entries.keys()],
  });
  const lost: LostEntry[] = [];
  for (const value of lostValues(old.entries.values(), written)) {
    const entry = await categorize(session, value, oldTree?.model ?? null);
    if (entry.category === 'removed') entry.successors = finder.find(entry.name, entry.old);
    lost.push(entry);
  }
  const fresh = newSymbols(model, session.state);
  const changedDefaults: ChangedDefault[] = computedChanges(model, old.entries.values(), written);
  if (oldTree) {
    const skip = new Set([...lost.map((entry) => entry.name), ...changedDefaults.map((entry) => entry.name)]);
    const minimalNames = new Set(parseOldConfig(oldTree.minimal).entries.keys());
    const fromMinimal = await session.evaluateConfig(oldTree.minimal);
    changedDefaults.push(...keptChanges(model, oldTree.model, old.entries.values(), minimalNames, session.state, fromMinimal, skip, written));
  }
  const hardware = options.hardware ?? null;
  return {
    scope: {
      from: old.header,
      to: { arch: kernel.arch, srcArch: kernel.srcArch, version: kernel.version },
      oldTree: oldTree?.srcTree ?? null,
      hardware: hardware?.origin ?? null,
    },
    lost,
    new: fresh,
    changedDefaults,
    machine: hardware ? flagsFor(machineNeeds(hardware.report), { lost, new: fresh }) : new Map(),
    warnings: options.warnings ?? [],
    unreadable: old.unreadable,
  };
}

/**
 * Why an old config cannot be carried to a tree opened for another architecture (its header
 * names the ARCH it was written for), or null when it can.
 */
export function architectureMismatch(header: ConfigHeader | null, target: { arch: string; srcArch: string }): TuxconfError | null {
  if (!header || header.srcArch === target.srcArch) return null;
  return new TuxconfError(`the old config was written for ${escapeControl(describeHeader(header))}, and this tree is opened for ARCH=${target.arch}`, {
    hint: `open the tree for that architecture (--arch ${escapeControl(header.arch)}), or give --cross-arch to compare anyway`,
  });
}
