/**
 * Requirement checks, for the CLI and a TUI checks pane:
 *
 * - `listProfiles(env)`: the shipped and user profiles and `boot`, with files that cannot be used
 *   as issues (file, line, column).
 * - `resolveProfiles(names, options)`: profiles by name or path; `boot` made from a machine.
 * - `ProfileChecks.open(session, profiles)`: looks modules up in the tree once; then
 *   `evaluate()` gives every entry's verdict from the session's values alone (cheap enough to run
 *   after every change), `regressions(before)` the profiles a change broke (the header's warning),
 *   `blockers(profile, entry)` why an entry is off (one kconfig explain per symbol it needs),
 *   `targets()` the symbol values a fix sets, `planFix()` one fix engine plan for them (a diff),
 *   `applyFix(plan)` that plan as one undoable step, with what is still unmet named with why.
 */
export type { Blocker, BlockReason } from './blockers.js';
export { describeBlocker } from './blockers.js';
export type { EntryStatus, LevelCount, ProfileStatus, Regression, Unavailability, Verdict } from './evaluate.js';
export type { NotApplicable } from './kernel-version.js';
export type { ChecksFixPlan, FixTarget, FixTargets } from './fix.js';
export type { ChecksFix, ChecksSession, FixOptions, FixReport, ProfileListing, ResolveOptions, UnmetEntry } from './profile-checks.js';
export { listProfiles, ProfileChecks, resolveProfiles } from './profile-checks.js';
export type { Level, Profile, ProfileEntry, ProfileIssue, ProfileOrigin, Want } from './profile-types.js';
export { describeNotApplicable, describeUnavailable, entryLabel, MARK as VERDICT_MARK } from './describe-checks.js';
export { formatProfileIssue } from './profile-files.js';
export type { OpenedProfiles, OpenProfilesOptions } from './open-profiles.js';
export { openProfiles } from './open-profiles.js';
