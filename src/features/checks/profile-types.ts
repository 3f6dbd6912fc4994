/** Plain data for requirement profiles: what a kernel configuration must build for something to work. */

/** `y`: built in; `y/m`: built in or a module; `n`: off. */
export type Want = 'y' | 'y/m' | 'n';

/** `required` entries decide whether a check passes; `recommended` ones are fixed on request; `optional` ones are listed. */
export type Level = 'required' | 'recommended' | 'optional';

export const LEVELS: readonly Level[] = ['required', 'recommended', 'optional'];
export const WANTS: readonly Want[] = ['y', 'y/m', 'n'];

/**
 * `shipped`: the profiles/ folder of tuxconf; `user`: $XDG_CONFIG_HOME/tuxconf/profiles;
 * `file`: a path the user named; `derived`: made from a machine (boot).
 */
export type ProfileOrigin = 'shipped' | 'user' | 'file' | 'derived';

/** The profile text format, a Guix `initrd-modules` list, or an ebuild's `CONFIG_CHECK`. */
export type ProfileFormat = 'profile' | 'guix-initrd-modules' | 'config-check' | 'derived';

export interface KernelVersion {
  major: number;
  minor: number;
}

/** Where an entry was written: `path:line:column`. */
export interface SourcePosition {
  path: string;
  line: number;
  column: number;
}

/** When an entry applies; an entry that does not apply is neither met nor missing. */
export interface EntryConditions {
  /** From this kernel version on (`since 4.15`). */
  since: KernelVersion | null;
  /** For kernels older than this (`before 5.2`). */
  before: KernelVersion | null;
  /** Only on these source architectures (SRCARCH: x86, arm64, riscv ...); empty: on all. */
  arches: string[];
  /** Not on these source architectures. */
  notArches: string[];
}

export interface ProfileEntry {
  kind: 'symbol' | 'module';
  /** The entry as the profile writes it: `CONFIG_NAMESPACES`, `dm-crypt`, `nls_iso8859-1`. */
  written: string;
  /** A symbol without `CONFIG_`, or the module name as written. */
  name: string;
  want: Want;
  level: Level;
  reason: string;
  when: EntryConditions;
  at: SourcePosition;
}

export interface Profile {
  /** What the user types: `guix-initrd`, `containers`, `boot`, or a file's name. */
  name: string;
  origin: ProfileOrigin;
  format: ProfileFormat;
  /** The file it was read from; null for a derived profile. */
  path: string | null;
  description: string;
  /** Where its entries come from (upstream files with their commits), as the profile says. */
  sources: string[];
  entries: ProfileEntry[];
}

/** A problem in a profile file, with the place to fix it. */
export interface ProfileIssue {
  path: string;
  line: number;
  column: number;
  message: string;
}

export const NO_CONDITIONS: EntryConditions = { since: null, before: null, arches: [], notArches: [] };
