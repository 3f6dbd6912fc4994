import type { Session } from '../../engine/session.js';
import type { SymbolType } from '../../model/types.js';
import type { HardwareNeeds, UnmatchedDevice } from './hardware-needs.js';
import { hardwareNeeds } from './hardware-needs.js';
import { type HardwareInputs, type InputStatus, inputStatuses } from './hardware-inputs.js';
import { type KbuildModuleMap, loadKbuildModuleMap } from './kbuild-module-map.js';
import { mapNeededModules, type ModuleMapping } from './module-symbols.js';
import type { ReasonChain } from './reason-chain.js';
import { type MissingSymbol, symbolWants, type SymbolWant } from './symbol-wants.js';
import { dependencyNames, selectorNames } from './kconfig-expression.js';
import { type Requirement, requirementsFor } from './requirements.js';

/** What hardware suggestions read from an open configuration. */
export type HardwareSession = Pick<Session, 'kernel' | 'model' | 'state' | 'symbol' | 'value' | 'explain'>;

export interface Suggestion {
  name: string;
  prompt: string | null;
  type: SymbolType;
  /** Value now (`n` when unset). */
  current: string;
  /** `m`, or `y` for bools, for the root file system's path, and when the config has no module support. */
  value: 'y' | 'm';
  reasons: ReasonChain[];
  modules: string[];
  rootPath: boolean;
  /** Another symbol builds the same module and is suggested first: left out of "accept all". */
  alternative: boolean;
  /** It has a prompt, so it can be requested; promptless symbols follow from others. */
  settable: boolean;
  /** The value can be set right now, without other changes. */
  possibleNow: boolean;
  /** What else must change first, dependencies before dependants. */
  requires: Requirement[];
  /** Dependency terms tuxconf cannot turn into a change of one symbol (`!FOO`, `A || B`, promptless symbols). */
  unresolved: string[];
}

export interface SatisfiedWant {
  name: string;
  current: string;
  modules: string[];
}

export interface ModuleReport {
  module: string;
  why: string;
  reasons: ReasonChain[];
}

export interface HardwareReport {
  origin: string;
  kernelRelease: string | null;
  inputs: InputStatus[];
  notes: string[];
  suggestions: Suggestion[];
  satisfied: SatisfiedWant[];
  outOfTree: ModuleReport[];
  notInTree: ModuleReport[];
  missingSymbols: MissingSymbol[];
  unmatchedDevices: UnmatchedDevice[];
}

/** Every input-derived fact the suggestions and the trim plan share. */
export interface HardwareAnalysis {
  inputs: HardwareInputs;
  needs: HardwareNeeds;
  mappings: ModuleMapping[];
  map: KbuildModuleMap;
}

export async function analyzeHardware(session: Pick<HardwareSession, 'kernel'>, inputs: HardwareInputs): Promise<HardwareAnalysis> {
  const map = await loadKbuildModuleMap(session.kernel.srcTree);
  const needs = hardwareNeeds(inputs, { isTreeModule: (module) => map.byModule.has(module) });
  return { inputs, needs, map, mappings: mapNeededModules(needs, map, session.kernel.srcArch) };
}

/** What this configuration lacks for the machine, why, and what else each needs. */
export async function computeSuggestions(session: HardwareSession, inputs: HardwareInputs): Promise<HardwareReport> {
  const analysis = await analyzeHardware(session, inputs);
  return suggestionsFrom(session, analysis);
}

export async function suggestionsFrom(session: HardwareSession, analysis: HardwareAnalysis): Promise<HardwareReport> {
  const { needs, mappings, inputs } = analysis;
  const { wants, missing } = symbolWants(needs, mappings, session);
  const modulesOn = session.value('MODULES') === 'y';
  const suggestions: Suggestion[] = [];
  const satisfied: SatisfiedWant[] = [];
  const explainCache = new Map<string, ReturnType<HardwareSession['explain']>>();
  const wantedNames = new Set(wants.map((want) => want.name));
  for (const want of wants) {
    const info = session.symbol(want.name);
    if (!info || (info.type !== 'bool' && info.type !== 'tristate')) continue;
    const value = wantedValue(info.type, want, modulesOn);
    const current = session.value(want.name) ?? 'n';
    if (current === 'y' || (current === 'm' && value === 'm')) {
      satisfied.push({ name: want.name, current, modules: want.modules });
      continue;
    }
    const state = session.state.symbols[info.index];
    const possibleNow = state?.allowed.includes(value) ?? false;
    const settable = info.prompt !== null;
    const { requires, unresolved } = possibleNow || !settable
      ? { requires: [], unresolved: [] }
      : await requirementsFor(session, want.name, value, explainCache);
    if (!settable) {
      const note = promptlessNote(session, want.name, wantedNames);
      const selector = note.followsOthers ? null : promptedSelector(session, want.name, wantedNames);
      if (selector) {
        const via = await requirementsFor(session, selector, value, explainCache);
        requires.push(...via.requires, {
          name: selector,
          from: session.value(selector) ?? 'n',
          to: session.symbol(selector)?.type === 'bool' ? 'y' : value,
          because: `${want.name} has no prompt; ${selector} selects it`,
        });
        unresolved.push(...via.unresolved);
      } else unresolved.unshift(note.text);
    }
    suggestions.push({
      name: want.name,
      prompt: info.prompt,
      type: info.type,
      current,
      value,
      reasons: want.chains,
      modules: want.modules,
      rootPath: want.rootPath,
      alternative: want.alternative,
      settable,
      possibleNow,
      requires,
      unresolved,
    });
  }
  suggestions.sort(
    (a, b) => Number(b.rootPath) - Number(a.rootPath) || Number(a.alternative) - Number(b.alternative) || a.name.localeCompare(b.name),
  );
  const report = (kind: 'out-of-tree' | 'not-in-tree'): ModuleReport[] =>
    mappings.flatMap((mapping) =>
      mapping.kind === kind ? [{ module: mapping.need.module, why: mapping.why, reasons: mapping.need.chains }] : [],
    );
  return {
    origin: inputs.origin,
    kernelRelease: inputs.kernelRelease,
    inputs: inputStatuses(inputs),
    notes: needs.notes,
    suggestions,
    satisfied,
    outOfTree: report('out-of-tree'),
    notInTree: report('not-in-tree'),
    missingSymbols: missing,
    unmatchedDevices: needs.unmatchedDevices,
  };
}

/** How a promptless symbol gets its value: from the selects or dependencies that other suggestions raise. */
function promptlessNote(session: HardwareSession, name: string, wanted: Set<string>): { text: string; followsOthers: boolean } {
  const selectors = selectorsOf(session, name).filter((selector) => wanted.has(selector));
  if (selectors.length > 0) {
    const list = `${selectors.slice(0, 4).join(', ')}${selectors.length > 4 ? ' ...' : ''}`;
    return { text: `CONFIG_${name} has no prompt: selected by ${list} (suggested too)`, followsOthers: true };
  }
  const hasDefault = (session.symbol(name)?.defaults.length ?? 0) > 0;
  const dependencies = hasDefault ? dependencyNames(session, name).filter((dependency) => wanted.has(dependency)) : [];
  if (dependencies.length > 0) {
    const verb = dependencies.length > 1 ? 'are' : 'is';
    return { text: `CONFIG_${name} has no prompt: it follows its default once ${dependencies.join(', ')} ${verb} on (suggested too)`, followsOthers: true };
  }
  return { text: `CONFIG_${name} has no prompt: it follows from its defaults and selects`, followsOthers: false };
}

/**
 * A symbol with a prompt that selects `name`: the one depending on the most other suggestions
 * (SND_HDA_HWDEP, under the suggested SND_HDA, for SND_HWDEP), else the first in Kconfig source order.
 */
function promptedSelector(session: HardwareSession, name: string, wanted: Set<string>): string | null {
  const prompted = selectorsOf(session, name).filter((selector) => {
    const info = session.symbol(selector);
    return info?.prompt && (info.type === 'bool' || info.type === 'tristate');
  });
  const related = (selector: string): number => -dependencyNames(session, selector).filter((dependency) => wanted.has(dependency)).length;
  const order = (selector: string): number => Math.min(...(session.symbol(selector)?.nodes ?? [Number.MAX_SAFE_INTEGER]));
  return prompted.sort((a, b) => related(a) - related(b) || order(a) - order(b))[0] ?? null;
}

function selectorsOf(session: HardwareSession, name: string): string[] {
  return selectorNames(session.symbol(name)?.selectedBy ?? '');
}

function wantedValue(type: SymbolType, want: SymbolWant, modulesOn: boolean): 'y' | 'm' {
  if (type === 'bool' || want.rootPath || !modulesOn) return 'y';
  return 'm';
}
