import type { HardwareInputs } from '../hardware/hardware-inputs.js';
import { type Blocker, type BlockerSession, entryBlockers } from './blockers.js';
import { deriveBootProfile } from './boot-profile.js';
import {
  type CheckSession,
  type CheckTarget,
  checkTarget,
  type EntryStatus,
  evaluateProfiles,
  type PreparedProfile,
  prepareProfiles,
  type ProfileStatus,
  regressions,
  type Regression,
  sessionValues,
} from './evaluate.js';
import { type FixerOutcome, type FixerSession, type FixTarget, type FixTargets, fixTargets, type ProfileFixer, setManyFixer } from './fix.js';
import { BOOT_PROFILE, loadProfileCatalog, type ProfileCatalog, resolveProfile } from './profile-files.js';
import type { Profile, ProfileIssue, ProfileOrigin } from './profile-types.js';

export type ChecksSession = CheckSession & BlockerSession & FixerSession;

/** One profile as a list shows it before it is checked. */
export interface ProfileListing {
  name: string;
  origin: ProfileOrigin;
  path: string | null;
  description: string;
  sources: string[];
  /** Entries, or null for `boot`, which is made from a machine when it is loaded. */
  entryCount: number | null;
}

/** The shipped and the user's profiles, and `boot`; files that cannot be used are issues with their place. */
export async function listProfiles(env: NodeJS.ProcessEnv): Promise<{ profiles: ProfileListing[]; issues: ProfileIssue[] }> {
  const catalog = await loadProfileCatalog(env);
  const profiles: ProfileListing[] = catalog.profiles.map((profile) => ({
    name: profile.name,
    origin: profile.origin,
    path: profile.path,
    description: profile.description,
    sources: profile.sources,
    entryCount: profile.entries.length,
  }));
  profiles.push({
    name: BOOT_PROFILE,
    origin: 'derived',
    path: null,
    description:
      'what a machine needs to boot: its root file system and every driver under it, its console, modules and initrd (from this machine or a capture)',
    sources: [],
    entryCount: null,
  });
  return { profiles, issues: catalog.issues };
}

export interface ResolveOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The machine `boot` is made from (a capture, or this machine), read only when `boot` is asked for. */
  machine: () => Promise<HardwareInputs>;
  srcTree: string;
  initrd: boolean;
}

/** Profiles by name or path, in the order given; `boot` made from the machine. */
export async function resolveProfiles(names: string[], options: ResolveOptions): Promise<{ profiles: Profile[]; notes: string[] }> {
  let catalog: ProfileCatalog | null = null;
  const profiles: Profile[] = [];
  const notes: string[] = [];
  for (const name of names) {
    if (name === BOOT_PROFILE) {
      const boot = await deriveBootProfile(options.srcTree, await options.machine(), { initrd: options.initrd });
      profiles.push(boot.profile);
      notes.push(...boot.notes);
      continue;
    }
    catalog ??= await loadProfileCatalog(options.env);
    profiles.push(await resolveProfile(name, catalog, options.cwd));
  }
  return { profiles, notes };
}

export interface FixOptions {
  /** Fix recommended entries too. */
  recommended: boolean;
  /** Compute and apply, report, then undo: the session ends as it started. */
  dryRun: boolean;
}

export interface UnmetEntry {
  profile: string;
  status: EntryStatus;
  /** Why it is still unmet: the tree cannot build it (`status.unavailable`), or these blockers. */
  blockers: Blocker[];
}

export interface FixReport {
  targets: FixTarget[];
  conflicts: FixTargets['conflicts'];
  outcome: FixerOutcome;
  before: ProfileStatus[];
  after: ProfileStatus[];
  /** Entries of the fixed levels still unmet after the fix, each with its blockers. */
  unmet: UnmetEntry[];
  /** A dry run: the step was undone. */
  undone: boolean;
}

/**
 * Loaded profiles on an open configuration: what a checks pane lists. `evaluate` reads the
 * session's values only (no kconfig round trip), so it can run after every change; blockers are
 * asked for per entry; `fix` is one undoable step through a fixer.
 */
export class ProfileChecks {
  readonly target: CheckTarget;

  private constructor(
    private readonly session: ChecksSession,
    readonly prepared: PreparedProfile[],
  ) {
    this.target = checkTarget(session);
  }

  /** Looks the profiles' modules up in the tree's Makefiles (once per tree and process). */
  static async open(session: ChecksSession, profiles: Profile[]): Promise<ProfileChecks> {
    return new ProfileChecks(session, await prepareProfiles(session, profiles));
  }

  get profiles(): Profile[] {
    return this.prepared.map((prepared) => prepared.profile);
  }

  evaluate(): ProfileStatus[] {
    return evaluateProfiles(this.prepared, sessionValues(this.session), this.target);
  }

  /** Profiles that were met in `before` and are not now: for the header's warning after a change. */
  regressions(before: ProfileStatus[], now: ProfileStatus[] = this.evaluate()): Regression[] {
    return regressions(before, now);
  }

  /** Why an entry is unmet now (one kconfig explain per symbol it needs). */
  blockers(profileIndex: number, entryIndex: number, status?: EntryStatus): Promise<Blocker[]> {
    const prepared = this.prepared[profileIndex]?.entries[entryIndex];
    const current = status ?? this.evaluate()[profileIndex]?.entries[entryIndex];
    if (!prepared || !current) return Promise.resolve([]);
    return entryBlockers(this.session, prepared, current, this.session.value('MODULES') === 'y');
  }

  targets(options: Pick<FixOptions, 'recommended'>, statuses: ProfileStatus[] = this.evaluate()): FixTargets {
    return fixTargets(this.prepared, statuses, sessionValues(this.session), options);
  }

  /** Required entries (and recommended ones on request) as one undoable step; what is still unmet is named with its blockers. */
  async fix(options: FixOptions, fixer: ProfileFixer = setManyFixer(this.session)): Promise<FixReport> {
    const before = this.evaluate();
    const { targets, conflicts } = this.targets(options, before);
    const label = `checks: ${this.profiles.map((profile) => profile.name).join(', ')}`;
    const outcome = targets.length > 0 ? await fixer.fix(targets, label) : { stepAdded: false, changed: [], refused: [] };
    const after = this.evaluate();
    const unmet: UnmetEntry[] = [];
    for (const [profileIndex, status] of after.entries()) {
      for (const [entryIndex, entry] of status.entries.entries()) {
        if (entry.met) continue;
        const level = entry.entry.level;
        if (level === 'optional' || (level === 'recommended' && !options.recommended)) continue;
        unmet.push({ profile: status.profile.name, status: entry, blockers: await this.blockers(profileIndex, entryIndex, entry) });
      }
    }
    let undone = false;
    if (options.dryRun && outcome.stepAdded) {
      await this.session.undo();
      undone = true;
    }
    return { targets, conflicts, outcome, before, after, unmet, undone };
  }
}
