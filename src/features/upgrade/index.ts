/**
 * Carrying a config to another kernel release: what the CLI (`tuxconf upgrade`, `tuxconf
 * presets --check`) and the TUI's review flow use.
 *
 * The TUI flow: `readOldConfig` the file the user loads; when `fromOtherRelease(old.header,
 * session.kernel.version)`, `carryOldConfig` (loads it as one undoable step and reports);
 * walk `nextItem` with an `UpgradeReview`; "accept the defaults of this menu" is
 * `acceptMenuDefaults` (no session change); "fix this lost entry" is `fixTargets` (optionally
 * with the successor the user picked) handed to a `TargetFixer`; `report.machine` flags what
 * matters for the machine.
 */
export { carryConfig, carryOldConfig, fromOtherRelease } from './carry.js';
export type { CarryOptions, Carried } from './carry.js';
export { fixesWithoutAsking, fixLabel, fixLostEntries, fixTargets, setManyFixer } from './fix-lost.js';
export type { AcceptOutcome, EntryFix, FixOutcome, FixRefusal, FixTarget, TargetFixer } from './fix-lost.js';
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
