import type { Session } from '../../engine/session.js';
import { type HardwareSourceOptions, hardwareInputsFor } from '../hardware/hardware-source.js';
import { computeSuggestions } from '../hardware/suggestions.js';
import { loadOldConfig } from './load-old-config.js';
import { loadMakefileFootprints } from './makefile-footprints.js';
import { groupByMenu } from './new-symbols.js';
import { type ConfigHeader, type OldConfig, readOldConfig } from './old-config.js';
import { openOldTree, type OldTree } from './old-tree.js';
import { architectureMismatch, upgradeReport } from './report.js';
import type { NewMenuGroup, UpgradeReport } from './types.js';

export interface CarryOptions {
  /** The old kernel's source tree. */
  oldTree?: string;
  /** Flag what matters for this machine (a `tuxconf capture` directory, or lsmod/lspci files). */
  hardware?: HardwareSourceOptions;
  /** Carry a config written for another architecture anyway. */
  crossArch?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  onProgress?: (message: string) => void;
}

export interface Carried {
  old: OldConfig;
  report: UpgradeReport;
  /** The new symbols by menu, for "accept the defaults of this menu". */
  groups: NewMenuGroup[];
}

/**
 * Carries an old config to the session's tree: reads it (once, bounded), refuses another
 * architecture's config unless asked, loads it as one undoable step, and reports what was lost,
 * what is new and which defaults changed. Reads the old tree and the machine when given.
 */
export async function carryConfig(session: Session, path: string, options: CarryOptions): Promise<Carried> {
  const old = await readOldConfig(path);
  return carryOldConfig(session, old, path, options);
}

/** The same for an old config already read (the TUI reads the file to look at its header first). */
export async function carryOldConfig(session: Session, old: OldConfig, shownPath: string, options: CarryOptions): Promise<Carried> {
  if (!options.crossArch) {
    const mismatch = architectureMismatch(old.header, session.kernel);
    if (mismatch) throw mismatch;
  }
  // The machine's inputs, the old tree and this tree's Makefiles are read side by side; the old config is loaded after.
  const [inputs, oldTree] = await Promise.all([
    options.hardware ? hardwareInputsFor({ ...options.hardware, env: options.env }) : null,
    options.oldTree === undefined ? null : openOldTreeBeside(session, old, options.oldTree, options),
  ]);
  const warnings = await loadOldConfig(session, old, shownPath);
  const hardware = inputs ? { origin: inputs.origin, report: await computeSuggestions(session, inputs) } : null;
  const report = await upgradeReport(session, old, { oldTree, hardware, warnings });
  return { old, report, groups: groupByMenu(session.model, report.new) };
}

/**
 * The report of an old config the session has loaded already (the menu opened on it, or loaded
 * it with `o`): nothing is loaded again. `warnings` are what the kernel said reading it.
 */
export async function reportLoaded(
  session: Session,
  old: OldConfig,
  options: { hardware?: HardwareSourceOptions; env: NodeJS.ProcessEnv; warnings?: string[] },
): Promise<Carried> {
  const inputs = options.hardware ? await hardwareInputsFor({ ...options.hardware, env: options.env }) : null;
  const hardware = inputs ? { origin: inputs.origin, report: await computeSuggestions(session, inputs) } : null;
  const report = await upgradeReport(session, old, { hardware, warnings: options.warnings ?? [] });
  return { old, report, groups: groupByMenu(session.model, report.new) };
}

/** The old tree, with this tree's Makefiles read meanwhile: they are compared with the old tree's. */
async function openOldTreeBeside(session: Session, old: OldConfig, dir: string, options: CarryOptions): Promise<OldTree> {
  const [oldTree] = await Promise.all([
    openOldTree(dir, old, {
      arch: old.header && options.crossArch ? old.header.arch : session.kernel.arch,
      makeVars: session.kernel.makeVars,
      env: options.env,
      cwd: options.cwd,
      onProgress: options.onProgress,
    }),
    loadMakefileFootprints(session.kernel.srcTree, session.kernel.srcArch),
  ]);
  return oldTree;
}

/** Whether a config was written by another kernel release than the tree's (its header says), for the TUI to offer the review. */
export function fromOtherRelease(header: ConfigHeader | null, treeVersion: string): boolean {
  return header !== null && header.version !== treeVersion;
}
