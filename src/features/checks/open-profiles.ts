import type { HardwareInputs } from '../hardware/hardware-inputs.js';
import { deriveBootProfile } from './boot-profile.js';
import { loadProfileCatalog, formatProfileIssue } from './profile-files.js';
import { type ChecksSession, ProfileChecks } from './profile-checks.js';

export interface OpenProfilesOptions {
  env: NodeJS.ProcessEnv;
  /** The machine `boot` is made from (a capture, or this machine); null: no boot profile. */
  machine: (() => Promise<HardwareInputs>) | null;
  /** The machine boots with an initrd (else what comes before the root file system must be built in). */
  initrd: boolean;
}

/** Every profile a checks pane lists, each checkable on its own; what could not be read, in words. */
export interface OpenedProfiles {
  /** One per profile: the shipped and the user's (a user profile of the same name after it), then `boot`. */
  checks: ProfileChecks[];
  /** Profile files that cannot be used, and a `boot` that cannot be made, each with where and why. */
  problems: string[];
  /** What making `boot` noticed (a root on a network file system, a module the tree does not build ...). */
  notes: string[];
}

/**
 * Opens the shipped and user profiles and `boot` on a session: each profile on its own, so a fix
 * can be planned for one. A file that cannot be read, or a machine that cannot be read, is a
 * problem in words; the other profiles still open.
 */
export async function openProfiles(session: ChecksSession, options: OpenProfilesOptions): Promise<OpenedProfiles> {
  const catalog = await loadProfileCatalog(options.env);
  const problems = catalog.issues.map(formatProfileIssue);
  const notes: string[] = [];
  const profiles = [...catalog.profiles];
  if (options.machine) {
    try {
      const boot = await deriveBootProfile(session.kernel.srcTree, await options.machine(), { initrd: options.initrd });
      profiles.push(boot.profile);
      notes.push(...boot.notes);
    } catch (cause) {
      problems.push(`boot: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  const checks: ProfileChecks[] = [];
  for (const profile of profiles) checks.push(await ProfileChecks.open(session, [profile]));
  return { checks, problems, notes };
}
