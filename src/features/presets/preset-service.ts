import type { Session } from '../../engine/session.js';
import { findDefinitions } from './kconfig-definitions.js';
import { type PresetCatalog, loadCatalog, resolvePresets } from './preset-catalog.js';
import { type PresetPlan, planPresets, unknownNames } from './preset-plan.js';
import { type PresetStatus, presetStatus } from './preset-status.js';
import type { Preset } from './preset-types.js';

export interface PresetListing {
  preset: Preset;
  status: PresetStatus;
}

/** The presets a session can use, with the KBUILD_DEFCONFIG of its tree when known. */
export function catalogFor(session: Session, options: { env: NodeJS.ProcessEnv; cwd: string; kbuildDefconfig?: string }): Promise<PresetCatalog> {
  return loadCatalog({ tree: session.kernel, env: options.env, cwd: options.cwd, kbuildDefconfig: options.kbuildDefconfig });
}

/** Every preset with how far the session's current values already satisfy it. */
export function listPresets(session: Session, catalog: PresetCatalog): PresetListing[] {
  return catalog.presets.map((preset) => ({ preset, status: presetStatus(preset, session.model, (name) => session.value(name)) }));
}

/** Checks presets against the session's tree and orders them into configuration runs; throws on bad sources. */
export async function planFor(session: Session, presets: Preset[]): Promise<PresetPlan> {
  const unknown = unknownNames(presets, session.model);
  const definitions = await findDefinitions(session.kernel.srcTree, unknown);
  return planPresets(presets, { model: session.model, arch: session.kernel.arch, definitions });
}

/** Resolves names (or paths) and plans them: what `tuxconf apply NAME...` and the presets view start from. */
export async function planByName(session: Session, names: string[], catalog: PresetCatalog, cwd: string): Promise<PresetPlan> {
  return planFor(session, await resolvePresets(names, catalog, cwd));
}
