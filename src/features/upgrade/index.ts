/**
 * Carrying a config to another kernel release: what the CLI (`tuxconf upgrade`, `tuxconf
 * presets --check`) and the TUI's review flow use.
 *
 * The TUI flow: `readOldConfig` the file the user loads; when `fromOtherRelease(old.header,
 * session.kernel.version)`, `carryOldConfig` (loads it as one undoable step and reports);
 * walk `nextItem` with an `UpgradeReview`; "accept the defaults of this menu" is
 * `acceptMenuDefaults` (no session change); "fix this lost entry" is `planEntryFix` (optionally
 * with the successor the user picked: enable-with-dependencies through the session's planFix),
 * applied with the session's applyFix as one undoable step; `report.machine` flags what matters
 * for the machine.
 */
export { carryConfig, carryOldConfig, fromOtherRelease, reportLoaded } from './carry.js';
export type { CarryOptions, Carried } from './carry.js';
export { fixesWithoutAsking, fixLostEntries, fixTargets, planEntryFix, planLostFix, targetsHold } from './fix-lost.js';
export type { AcceptOutcome, EntryFix, FixTarget, LostFixPlan, LostFixSession, TargetBlocked } from './fix-lost.js';
export { lostMatters } from './machine-flags.js';
export { groupByMenu, listnewconfigLine } from './new-symbols.js';
export { describeHeader, parseOldConfig, readOldConfig } from './old-config.js';
export type { ConfigHeader, OldConfig, OldEntry } from './old-config.js';
export { architectureMismatch, upgradeReport } from './report.js';
export { acceptAllDefaults, acceptDefault, acceptMenuDefaults, decideLost, nextItem, noteChanged, reviewProgress, startReview } from './review.js';
export type { ReviewItem, ReviewProgress, UpgradeReview } from './review.js';
export { SuccessorFinder } from './successors.js';
export type {
  ChangedDefault,
  LostCategory,
  LostEntry,
  MachineFlag,
  NewEntry,
  NewMenuGroup,
  ReportScope,
  Successor,
  SuccessorMethod,
  UpgradeReport,
} from './types.js';
