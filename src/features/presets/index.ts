/** What the CLI and the TUI use of fragment presets. */
export { applyPresets, previewPresets, unapplyPresets } from './apply-presets.js';
export { AppliedLedger, type TakeBackOutcome } from './applied-ledger.js';
export type { AppliedPresets, PresetOutcome, RequestOutcome } from './apply-presets.js';
export { createPreset, NothingToSaveError, PresetExistsError, presetPath } from './create-preset.js';
export {
  type BaseChoice,
  type BaseConfig,
  catalogDefconfig,
  changesAgainst,
  changesDescription,
  exportBase,
  minimalChangesAgainst,
  readBaseConfig,
  sessionDefconfig,
} from './base-config.js';
export type { CreatePresetOptions } from './create-preset.js';
export { describeConflict, describeNotApplied, describeOutcome, satisfactionMark } from './describe-outcome.js';
export { changedOptions, formatExport, guixCannotCarry } from './export-changes.js';
export { appendedConfig, minimalChanges, placeInMenus } from './minimal-changes.js';
export type { ExportEntry, ExportFormat } from './export-changes.js';
export { kbuildDefconfig } from './kbuild-defconfig.js';
export { loadCatalog, resolvePreset, resolvePresets } from './preset-catalog.js';
export type { PresetCatalog } from './preset-catalog.js';
export { PresetError, formatIssue } from './preset-error.js';
export type { Conflict, PresetPlan, Request } from './preset-plan.js';
export { catalogFor, listPresets, planByName, planFor } from './preset-service.js';
export type { PresetListing } from './preset-service.js';
export { presetStatus } from './preset-status.js';
export type { PresetStatus, Satisfaction } from './preset-status.js';
export type { Preset, PresetEntry, PresetFile, PresetOrigin, SourceIssue } from './preset-types.js';
