import type { Session } from '../../engine/session.js';
import { loadKbuildModuleMap } from '../hardware/kbuild-module-map.js';
import { type BuildState, type ConfigValues, moduleBuildState, moduleObjects, type ModuleObjects } from '../hardware/module-build-state.js';
import { normalizeModuleName } from '../hardware/module-alias-index.js';
import { applicability, type NotApplicable, parseKernelVersion } from './kernel-version.js';
import type { KernelVersion, Level, Profile, ProfileEntry } from './profile-types.js';

/** What checks read from an open configuration. */
export type CheckSession = Pick<Session, 'kernel' | 'symbol' | 'value'>;

/** Why an entry cannot be had in this tree for this architecture, whatever the configuration. */
export type Unavailability =
  | { kind: 'unknown-symbol'; symbol: string }
  /** A string, int or hex symbol: a profile entry is about building something in, as a module, or not. */
  | { kind: 'not-a-switch'; symbol: string; type: string }
  | { kind: 'other-architectures'; module: string; arches: string[] }
  | { kind: 'no-makefile'; module: string }
  /** The Makefile lines name symbols this tree's Kconfig does not define for this architecture. */
  | { kind: 'symbols-undefined'; module: string; symbols: string[] };

/** An entry with what the tree offers for it, computed once per tree: evaluation then reads values only. */
export interface PreparedEntry {
  entry: ProfileEntry;
  /** For module entries that the tree can build: the Makefile lines that decide it. */
  objects: ModuleObjects | null;
  unavailable: Unavailability | null;
}

export interface PreparedProfile {
  profile: Profile;
  entries: PreparedEntry[];
}

/** The kernel being configured: its version decides `since`/`before`, its SRCARCH decides `arch`. */
export interface CheckTarget {
  version: KernelVersion;
  srcArch: string;
}

/**
 * `met`; `missing` (not built at all); `wrong-state` (a module where built in is wanted, or built
 * where off is wanted); `unavailable` (the tree cannot build it here); `not-applicable` (another
 * kernel version or architecture).
 */
export type Verdict = 'met' | 'missing' | 'wrong-state' | 'unavailable' | 'not-applicable';

export interface EntryStatus {
  entry: ProfileEntry;
  verdict: Verdict;
  /** Met, or not applicable here: nothing to do. */
  met: boolean;
  /** What the configuration builds for it. */
  state: BuildState;
  /** The symbols that decide it: the symbol itself, or those of the module's Makefile lines. */
  symbols: string[];
  unavailable: Unavailability | null;
  notApplicable: NotApplicable | null;
}

export interface LevelCount {
  total: number;
  met: number;
}

export interface ProfileStatus {
  profile: Profile;
  entries: EntryStatus[];
  /** Every applicable required entry is met. */
  met: boolean;
  counts: Record<Level, LevelCount>;
  notApplicable: number;
}

export function checkTarget(session: Pick<CheckSession, 'kernel'>): CheckTarget {
  return { version: parseKernelVersion(session.kernel.version) ?? { major: 0, minor: 0 }, srcArch: session.kernel.srcArch };
}

/** The values of an open session as module build states read them. */
export function sessionValues(session: Pick<CheckSession, 'symbol' | 'value'>): ConfigValues {
  return { value: (name) => session.value(name), type: (name) => session.symbol(name)?.type };
}

/** Looks each entry up in the tree once: the Makefile lines of modules, symbols the tree lacks. */
export async function prepareProfiles(session: CheckSession, profiles: Profile[]): Promise<PreparedProfile[]> {
  const needsMap = profiles.some((profile) => profile.entries.some((entry) => entry.kind === 'module'));
  const map = needsMap ? await loadKbuildModuleMap(session.kernel.srcTree) : null;
  const values = sessionValues(session);
  const srcArch = session.kernel.srcArch;
  return profiles.map((profile) => ({
    profile,
    entries: profile.entries.map((entry): PreparedEntry => {
      if (entry.kind === 'symbol') {
        const info = session.symbol(entry.name);
        if (!info) return { entry, objects: null, unavailable: { kind: 'unknown-symbol', symbol: entry.name } };
        if (info.type !== 'bool' && info.type !== 'tristate')
          return { entry, objects: null, unavailable: { kind: 'not-a-switch', symbol: entry.name, type: info.type } };
        return { entry, objects: null, unavailable: null };
      }
      const module = normalizeModuleName(entry.name);
      const objects = moduleObjects(map!, module, { srcArch }, values);
      if (objects.objects.length === 0) {
        const elsewhere = [
          ...new Set((map!.byModule.get(module) ?? []).filter((object) => object.dir.startsWith('arch/')).map((object) => object.dir.split('/')[1] as string)),
        ];
        return {
          entry,
          objects: null,
          unavailable:
            elsewhere.length > 0 ? { kind: 'other-architectures', module: entry.name, arches: elsewhere.sort() } : { kind: 'no-makefile', module: entry.name },
        };
      }
      const defined = objects.objects.filter((object) => object.symbols.every((name) => session.symbol(name) !== undefined));
      if (defined.length === 0) {
        const symbols = [...new Set(objects.objects.flatMap((object) => object.symbols))];
        return { entry, objects: null, unavailable: { kind: 'symbols-undefined', module: entry.name, symbols } };
      }
      return { entry, objects: { module: objects.module, objects: defined }, unavailable: null };
    }),
  }));
}

/**
 * Every entry's verdict from the configuration's values alone: no kconfig round trip, so a pane
 * can evaluate again after each change (why an entry is off is `entryBlockers`, asked for lazily).
 */
export function evaluateProfiles(prepared: PreparedProfile[], values: Pick<ConfigValues, 'value'>, target: CheckTarget): ProfileStatus[] {
  return prepared.map((profile) => evaluateProfile(profile, values, target));
}

export function evaluateProfile(prepared: PreparedProfile, values: Pick<ConfigValues, 'value'>, target: CheckTarget): ProfileStatus {
  const entries = prepared.entries.map((entry) => evaluateEntry(entry, values, target));
  const counts: Record<Level, LevelCount> = { required: { total: 0, met: 0 }, recommended: { total: 0, met: 0 }, optional: { total: 0, met: 0 } };
  let notApplicable = 0;
  for (const status of entries) {
    if (status.verdict === 'not-applicable') {
      notApplicable++;
      continue;
    }
    const count = counts[status.entry.level];
    count.total++;
    if (status.met) count.met++;
  }
  return { profile: prepared.profile, entries, met: counts.required.met === counts.required.total, counts, notApplicable };
}

export function evaluateEntry(prepared: PreparedEntry, values: Pick<ConfigValues, 'value'>, target: CheckTarget): EntryStatus {
  const { entry } = prepared;
  const notApplicable = applicability(entry.when, target.version, target.srcArch);
  const symbols = prepared.objects ? [...new Set(prepared.objects.objects.flatMap((object) => object.symbols))] : entry.kind === 'symbol' ? [entry.name] : [];
  const base = { entry, symbols, unavailable: prepared.unavailable, notApplicable };
  if (notApplicable) return { ...base, verdict: 'not-applicable', met: true, state: 'n' };
  const state: BuildState = prepared.unavailable ? 'n' : prepared.objects ? moduleBuildState(prepared.objects, values) : tristate(values.value(entry.name));
  const met = entry.want === 'y' ? state === 'y' : entry.want === 'y/m' ? state !== 'n' : state === 'n';
  if (met) return { ...base, verdict: 'met', met, state };
  if (prepared.unavailable) return { ...base, verdict: 'unavailable', met, state };
  return { ...base, verdict: state === 'n' ? 'missing' : 'wrong-state', met, state };
}

/** A loaded profile that was met and is not any more after a change, with the entries that broke. */
export interface Regression {
  profile: string;
  entries: EntryStatus[];
}

/** Profiles met before and not after (the header's warning), each with the required entries newly unmet. */
export function regressions(before: ProfileStatus[], after: ProfileStatus[]): Regression[] {
  const found: Regression[] = [];
  after.forEach((status, index) => {
    const previous = before[index];
    if (!previous || previous.profile !== status.profile || !previous.met || status.met) return;
    const broken = status.entries.filter((entry, at) => entry.entry.level === 'required' && !entry.met && previous.entries[at]?.met);
    found.push({ profile: status.profile.name, entries: broken });
  });
  return found;
}

function tristate(value: string | undefined): BuildState {
  return value === 'y' || value === 'm' ? value : 'n';
}
