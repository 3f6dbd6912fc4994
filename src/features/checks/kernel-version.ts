import type { EntryConditions, KernelVersion } from './profile-types.js';

/** `5.2` (a profile's condition) or `6.12.117` (a tree's version): its major and minor numbers. */
export function parseKernelVersion(text: string): KernelVersion | null {
  const match = /^([0-9]{1,3})\.([0-9]{1,3})(?:\.[0-9]{1,6})?$/.exec(text);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : null;
}

export function formatKernelVersion(version: KernelVersion): string {
  return `${version.major}.${version.minor}`;
}

export function compareKernelVersions(a: KernelVersion, b: KernelVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** Why an entry does not apply to this kernel and architecture, or null when it does. */
export type NotApplicable =
  | { kind: 'kernel-version'; version: KernelVersion; since: KernelVersion | null; before: KernelVersion | null }
  | { kind: 'architecture'; srcArch: string; arches: string[]; notArches: string[] };

export function applicability(when: EntryConditions, version: KernelVersion, srcArch: string): NotApplicable | null {
  const tooOld = when.since !== null && compareKernelVersions(version, when.since) < 0;
  const tooNew = when.before !== null && compareKernelVersions(version, when.before) >= 0;
  if (tooOld || tooNew) return { kind: 'kernel-version', version, since: when.since, before: when.before };
  const excluded = (when.arches.length > 0 && !when.arches.includes(srcArch)) || when.notArches.includes(srcArch);
  if (excluded) return { kind: 'architecture', srcArch, arches: when.arches, notArches: when.notArches };
  return null;
}
