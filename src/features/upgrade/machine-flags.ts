import type { HardwareReport } from '../hardware/suggestions.js';
import { formatChain } from '../hardware/reason-chain.js';
import type { LostEntry, MachineFlag, NewEntry } from './types.js';

/**
 * The symbols a machine needs, from its hardware report on the carried config: those the config
 * lacks (suggestions, with their reason chains) and those it already gives (met).
 */
export function machineNeeds(report: HardwareReport): Map<string, MachineFlag> {
  const needs = new Map<string, MachineFlag>();
  for (const suggestion of report.suggestions) {
    needs.set(suggestion.name, { name: suggestion.name, wanted: suggestion.value, reasons: suggestion.reasons.map(formatChain), met: false });
  }
  for (const satisfied of report.satisfied) {
    if (needs.has(satisfied.name)) continue;
    const wanted = satisfied.current === 'y' ? 'y' : 'm';
    needs.set(satisfied.name, { name: satisfied.name, wanted, reasons: satisfied.modules.map((module) => `module ${module}`), met: true });
  }
  return needs;
}

/** The needs that concern the report: new symbols, lost ones, and the successors offered for lost ones. */
export function flagsFor(needs: Map<string, MachineFlag>, entries: { lost: LostEntry[]; new: NewEntry[] }): Map<string, MachineFlag> {
  const flags = new Map<string, MachineFlag>();
  const names = [
    ...entries.new.map((entry) => entry.name),
    ...entries.lost.flatMap((entry) => [entry.name, ...entry.successors.map((successor) => successor.name)]),
  ];
  for (const name of names) {
    const need = needs.get(name);
    if (need) flags.set(name, need);
  }
  return flags;
}

/** Whether a lost entry matters for the machine: itself or a confident successor is needed. */
export function lostMatters(entry: LostEntry, flags: Map<string, MachineFlag>): MachineFlag | undefined {
  return (
    flags.get(entry.name) ??
    entry.successors
      .filter((successor) => successor.confident)
      .map((successor) => flags.get(successor.name))
      .find(Boolean)
  );
}
