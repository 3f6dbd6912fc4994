import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TuxconfError } from '../../engine/errors.js';
import { InputRejectedError } from '../../engine/files/input-error.js';
import { pathExists } from '../../engine/path-exists.js';
import { readBounded, SMALL_INPUT } from '../../engine/files/read-bounded.js';
import { escapeControl } from '../../model/escape-text.js';
import { issuesPerFile } from '../../model/issues-per-file.js';
import { firstInvalidUtf8 } from '../presets/preset-file.js';
import { parseConfigCheck } from './config-check.js';
import { parseGuixInitrdModules } from './guix-initrd-modules.js';
import { PROFILE_LIMITS, PROFILE_NAME, parseProfileText } from './profile-text.js';
import { NO_CONDITIONS, type Profile, type ProfileEntry, type ProfileFormat, type ProfileIssue, type ProfileOrigin } from './profile-types.js';

/** The profiles tuxconf ships (package.json "files"), beside src/ and dist/. */
export const SHIPPED_PROFILE_DIR = fileURLToPath(new URL('../../../profiles', import.meta.url));

/** The name of the profile made from a machine (its root storage, console, modules): not a file. */
export const BOOT_PROFILE = 'boot';

/** `$XDG_CONFIG_HOME/tuxconf/profiles` (or `~/.config/tuxconf/profiles`). */
export function userProfileDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'tuxconf', 'profiles');
}

const PROFILE_EXTENSIONS = new Set(['.profile', '.scm', '.sexp', '.guix', '.ebuild', '.eclass', '.check']);

/** By extension; else by content: Scheme starts with `(` or `;`, an ebuild assigns CONFIG_CHECK. */
export function detectProfileFormat(path: string, text: string): Exclude<ProfileFormat, 'derived'> {
  const extension = extname(path);
  if (extension === '.profile') return 'profile';
  if (extension === '.scm' || extension === '.sexp' || extension === '.guix') return 'guix-initrd-modules';
  if (extension === '.ebuild' || extension === '.eclass' || extension === '.check') return 'config-check';
  if (/^\s*[(;'`]/.test(text)) return 'guix-initrd-modules';
  if (/\bCONFIG_CHECK\s*\+?=/.test(text)) return 'config-check';
  return 'profile';
}

export interface LoadedProfile {
  profile: Profile | null;
  issues: ProfileIssue[];
}

export interface LoadOptions {
  origin: Exclude<ProfileOrigin, 'derived'>;
  /** Refuse a link as the file (files found in a profiles directory). */
  noFollow?: boolean;
  /** Guix's default list, for a Guix file that includes `%base-initrd-modules`. */
  guixBase?: () => Promise<Profile>;
}

/**
 * Reads one profile file: a regular file of at most 1 MiB, UTF-8 text; every problem is an issue
 * with its file, line and column, and a file with any issue gives no profile (nothing half-read).
 */
export async function loadProfileFile(path: string, options: LoadOptions): Promise<LoadedProfile> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path, { maxBytes: SMALL_INPUT, what: 'profile', noFollow: options.noFollow });
  } catch (error) {
    if (!(error instanceof InputRejectedError)) throw error;
    return { profile: null, issues: [{ path, line: 0, column: 0, message: error.message }] };
  }
  if (bytes.includes(0)) return { profile: null, issues: [{ path, line: 1, column: 1, message: 'this is a binary file, not a profile' }] };
  const invalid = firstInvalidUtf8(bytes);
  if (invalid) return { profile: null, issues: [{ path, ...invalid, message: 'this line is not UTF-8 text: save the file as UTF-8' }] };
  return parseProfileSource(path, bytes.toString('utf8'), options);
}

export async function parseProfileSource(path: string, text: string, options: LoadOptions): Promise<LoadedProfile> {
  const format = detectProfileFormat(path, text);
  const fileName = basename(path, extname(path));
  const nameFromFile = PROFILE_NAME.test(fileName) && fileName.length <= PROFILE_LIMITS.name ? fileName : null;
  const base = { origin: options.origin, format, path };
  if (format === 'profile') {
    const parsed = parseProfileText(text, path);
    if (parsed.issues.length > 0) return { profile: null, issues: parsed.issues };
    const name = parsed.name ?? nameFromFile;
    if (!name) return { profile: null, issues: [{ path, line: 1, column: 1, message: 'name the profile (profile: NAME): its file name is not one' }] };
    if (parsed.entries.length === 0) return { profile: null, issues: [{ path, line: 1, column: 1, message: 'the profile has no entries' }] };
    return { profile: { ...base, name, description: parsed.description, sources: parsed.sources, entries: parsed.entries }, issues: [] };
  }
  const name = nameFromFile ?? 'profile';
  if (format === 'config-check') {
    const parsed = parseConfigCheck(text, path);
    if (parsed.issues.length > 0) return { profile: null, issues: parsed.issues };
    return {
      profile: { ...base, name, description: `CONFIG_CHECK of ${escapeControl(basename(path))}`, sources: [path], entries: parsed.entries },
      issues: [],
    };
  }
  const parsed = parseGuixInitrdModules(text, path);
  if (parsed.issues.length > 0) return { profile: null, issues: parsed.issues };
  const entries: ProfileEntry[] = parsed.modules.map((module) => ({
    kind: 'module',
    written: module.name,
    name: module.name,
    want: 'y/m',
    level: 'required',
    reason: `in initrd-modules of ${basename(path)}: guix system stops with "kernel module not found" without it`.slice(0, PROFILE_LIMITS.reason),
    when: NO_CONDITIONS,
    at: module.at,
  }));
  if (parsed.includesBase && options.guixBase) {
    const known = new Set(entries.map((entry) => entry.name));
    for (const entry of (await options.guixBase()).entries) if (!known.has(entry.name)) entries.push(entry);
  }
  return {
    profile: {
      ...base,
      name,
      description: `Guix initrd-modules of ${escapeControl(basename(path))}${parsed.includesBase ? ' (with %base-initrd-modules)' : ''}`,
      sources: [path],
      entries,
    },
    issues: [],
  };
}

export interface ProfileCatalog {
  /** Shipped then user profiles; a user profile of the same name comes first when resolving. */
  profiles: Profile[];
  /** Files in the profile directories that cannot be used, with the place to fix. */
  issues: ProfileIssue[];
}

/** The shipped profiles and the user's; files that cannot be read are issues, the rest still load. */
export async function loadProfileCatalog(env: NodeJS.ProcessEnv): Promise<ProfileCatalog> {
  const issues: ProfileIssue[] = [];
  const shipped = await profilesInDir(SHIPPED_PROFILE_DIR, 'shipped', issues, async () => guixBase());
  const user = await profilesInDir(userProfileDir(env), 'user', issues, async () => guixBase());
  for (const profile of user) {
    if (profile.name === BOOT_PROFILE)
      issues.push({
        path: profile.path ?? '',
        line: 1,
        column: 1,
        message: `the name ${BOOT_PROFILE} is the profile tuxconf makes from a machine: rename this one`,
      });
  }
  return { profiles: [...shipped, ...user.filter((profile) => profile.name !== BOOT_PROFILE)], issues };
}

/** Guix's default list as shipped, for Guix files that include it. */
export async function guixBase(): Promise<Profile> {
  const loaded = await loadProfileFile(join(SHIPPED_PROFILE_DIR, 'guix-initrd.profile'), { origin: 'shipped', noFollow: true });
  if (!loaded.profile) throw new ProfileError('the shipped guix-initrd profile cannot be read', loaded.issues);
  return loaded.profile;
}

async function profilesInDir(dir: string, origin: 'shipped' | 'user', issues: ProfileIssue[], base: () => Promise<Profile>): Promise<Profile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const profiles: Profile[] = [];
  for (const entry of entries.filter((candidate) => PROFILE_EXTENSIONS.has(extname(candidate.name))).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      issues.push({
        path,
        line: 0,
        column: 0,
        message: `${escapeControl(path)} is a symbolic link: tuxconf follows no link out of its profiles directory (copy the file there)`,
      });
      continue;
    }
    const loaded = await loadProfileFile(path, { origin, noFollow: true, guixBase: base });
    issues.push(...loaded.issues);
    if (loaded.profile) profiles.push(loaded.profile);
  }
  return profiles;
}

/** A profile file that cannot be used, with every problem at its place; nothing was changed. */
export class ProfileError extends TuxconfError {
  override name = 'ProfileError';
  readonly issues: ProfileIssue[];

  constructor(message: string, issues: ProfileIssue[], hint?: string) {
    super(message, {
      details: formatProfileIssues(issues),
      ...(hint ? { hint } : {}),
    });
    this.issues = issues;
  }
}

/** The issues as lines to print, at most 20 per file, each file's rest counted. */
export function formatProfileIssues(issues: readonly ProfileIssue[]): string[] {
  return issuesPerFile(issues, formatProfileIssue);
}

/** `PATH:LINE:COLUMN: MESSAGE` (or the message alone for a whole-file problem), safe to print. */
export function formatProfileIssue(issue: ProfileIssue): string {
  if (issue.line === 0) return escapeControl(issue.message.includes(issue.path) ? issue.message : `${issue.path}: ${issue.message}`);
  return escapeControl(`${issue.path}:${issue.line}:${issue.column}: ${issue.message}`);
}

const QUALIFIED = /^(shipped|user):(.+)$/;

/**
 * A profile by name (`containers`, `user:mine`, `shipped:containers`) or by path (anything with a
 * `/`, or an existing file). `boot` is made from a machine by the caller.
 */
export async function resolveProfile(argument: string, catalog: ProfileCatalog, cwd: string): Promise<Profile> {
  const qualified = QUALIFIED.exec(argument);
  const origin = qualified?.[1] as 'shipped' | 'user' | undefined;
  const name = qualified ? (qualified[2] as string) : argument;
  if (origin || !argument.includes('/')) {
    const found = catalog.profiles.filter((profile) => profile.name === name && (!origin || profile.origin === origin));
    const best = found.find((profile) => profile.origin === 'user') ?? found[0];
    if (best) return best;
  }
  const path = resolve(cwd, argument);
  if (!origin && (argument.includes('/') || PROFILE_EXTENSIONS.has(extname(argument)) || (await pathExists(path)))) {
    const loaded = await loadProfileFile(path, { origin: 'file', guixBase });
    if (!loaded.profile) throw new ProfileError(`${escapeControl(argument)} cannot be used as a profile`, loaded.issues);
    return loaded.profile;
  }
  const broken = catalog.issues.filter((issue) => basename(issue.path, extname(issue.path)) === name);
  if (broken.length > 0) throw new ProfileError(`profile '${escapeControl(argument)}' cannot be read`, broken);
  const known = [...new Set(catalog.profiles.map((profile) => profile.name)), BOOT_PROFILE].sort().join(', ');
  throw new TuxconfError(`no profile named '${escapeControl(argument)}'`, {
    hint: `known profiles: ${known}; a file is taken by path (./${escapeControl(argument)}.profile, a Guix .scm list, an ebuild)`,
  });
}
