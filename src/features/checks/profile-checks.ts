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
import type { FixApplyOutcome, FixOptions as EngineFixOptions, Session } from '../../engine/session.js';
import { type RefusedTarget, summarizeFix, type FixSummary } from '../fix/describe-fix.js';
import { type ChecksFixPlan, type FixSession, type FixTargets, fixTargets, planTargets } from './fix.js';
import { BOOT_PROFILE, loadProfileCatalog, type ProfileCatalog, resolveProfile } from './profile-files.js';
import type { Profile, ProfileIssue, ProfileOrigin } from './profile-types.js';

export type ChecksSession = CheckSession & BlockerSession & FixSession & Pick<Session, 'applyFix' | 'model'>;

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
  const seen = new Set<string>();
  // Each profile once, however often it is named (`containers shipped:containers ./x.profile x.profile`).
  for (const name of new Set(names)) {
    if (name === BOOT_PROFILE) {
      if (seen.has(BOOT_PROFILE)) continue;
      seen.add(BOOT_PROFILE);
      const boot = await deriveBootProfile(options.srcTree, await options.machine(), { initrd: options.initrd });
      profiles.push(boot.profile);
      notes.push(...boot.notes);
      continue;
    }
    catalog ??= await loadProfileCatalog(options.env);
    const profile = await resolveProfile(name, catalog, options.cwd);
    const identity = `${profile.origin}\0${profile.path ?? profile.name}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    profiles.push(profile);
  }
  return { profiles, notes };
}

export interface FixOptions {
  /** Fix recommended entries too (required ones always, optional ones never). */
  recommended: boolean;
  /** For the fix engine: what it must leave alone (default: what the user changed in this session), its budget. */
  engine?: EngineFixOptions;
}

/** A checks fix as planned, before it is applied: what a pane shows as a diff. */
export interface ChecksFix extends ChecksFixPlan {
  recommended: boolean;
  before: ProfileStatus[];
  /** The plan's changes with their reasons, and the targets that cannot be had, in words. */
  summary: FixSummary;
}

export interface UnmetEntry {
  profile: string;
  status: EntryStatus;
  /** Values it needs that the fix engine cannot reach, each with its blocker in words. */
  refused: RefusedTarget[];
  /** Why it is off now, as kconfig says (empty when the tree cannot build it: `status.unavailable`). */
  blockers: Blocker[];
}

export interface FixReport {
  fix: ChecksFix;
  /** The plan was only reported: the session is as it was. */
  dryRun: boolean;
  /** What applying did; null for a dry run or a plan with nothing to change. */
  applied: FixApplyOutcome | null;
  after: ProfileStatus[];
  /** Entries of the fixed levels still unmet (after a dry run: those the plan cannot meet), each with why. */
  unmet: UnmetEntry[];
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

  /** Every entry's verdict on other values of the same tree (the config as it was loaded, say). */
  evaluateWith(value: (name: string) => string | undefined): ProfileStatus[] {
    return evaluateProfiles(this.prepared, { value }, this.target);
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

  /** One fix engine plan for every unmet entry of the wanted levels; nothing changes yet. */
  async planFix(options: FixOptions): Promise<ChecksFix> {
    const before = this.evaluate();
    const planned = await planTargets(this.session, this.targets(options, before), options.engine ?? {});
    return { ...planned, recommended: options.recommended, before, summary: summarizeFix(planned.plan, this.session.model) };
  }

  /** Applies a plan as one undoable step; reports what is still unmet and why. */
  async applyFix(fix: ChecksFix): Promise<FixReport> {
    const applied = fix.plan.changes.length > 0 ? await this.session.applyFix(fix.plan) : null;
    const after = this.evaluate();
    return { fix, dryRun: false, applied, after, unmet: await this.unmetAfter(fix, after, true) };
  }

  /** A plan and its report without applying it: the session stays as it is. */
  async dryRun(fix: ChecksFix): Promise<FixReport> {
    return { fix, dryRun: true, applied: null, after: fix.before, unmet: await this.unmetAfter(fix, fix.before, false) };
  }

  /** Required entries (and recommended ones on request) as one undoable step, or a dry run. */
  async fix(options: FixOptions & { dryRun: boolean }): Promise<FixReport> {
    const planned = await this.planFix(options);
    return options.dryRun ? this.dryRun(planned) : this.applyFix(planned);
  }

  /**
   * Entries of the fixed levels that are unmet in `statuses`; when the plan was not applied, only
   * those it cannot meet (the tree cannot build them, two profiles disagree, or a value is refused).
   */
  private async unmetAfter(fix: ChecksFix, statuses: ProfileStatus[], applied: boolean): Promise<UnmetEntry[]> {
    const refusedBy = refusalsByEntry(fix);
    const conflicted = new Set(fix.conflicts.flatMap((conflict) => [...conflict.on, ...conflict.off].map((from) => `${from.profile}\0${from.entry}`)));
    const unmet: UnmetEntry[] = [];
    for (const [profileIndex, status] of statuses.entries()) {
      for (const [entryIndex, entry] of status.entries.entries()) {
        if (entry.met || !fixedLevel(entry, fix.recommended)) continue;
        const key = `${status.profile.name}\0${entry.entry.written}`;
        const refused = refusedBy.get(key) ?? [];
        if (!applied && !entry.unavailable && refused.length === 0 && !conflicted.has(key)) continue;
        unmet.push({ profile: status.profile.name, status: entry, refused, blockers: await this.blockers(profileIndex, entryIndex, entry) });
      }
    }
    return unmet;
  }
}

function fixedLevel(status: EntryStatus, recommended: boolean): boolean {
  return status.entry.level === 'required' || (recommended && status.entry.level === 'recommended');
}

/** The plan's refused targets under each entry that needs them (`profile\0entry`). */
function refusalsByEntry(fix: ChecksFix): Map<string, RefusedTarget[]> {
  const refused = new Map(fix.summary.refused.map((target) => [target.name, target]));
  const byEntry = new Map<string, RefusedTarget[]>();
  for (const target of fix.targets) {
    const refusal = refused.get(target.name);
    if (!refusal) continue;
    for (const from of target.entries) {
      const key = `${from.profile}\0${from.entry}`;
      byEntry.set(key, [...(byEntry.get(key) ?? []), refusal]);
    }
  }
  return byEntry;
}
