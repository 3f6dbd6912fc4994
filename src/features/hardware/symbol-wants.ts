import type { SymbolInfo } from '../../model/types.js';
import type { HardwareNeeds } from './hardware-needs.js';
import type { KbuildObject } from './kbuild-module-map.js';
import { makefileStep, type ModuleMapping } from './module-symbols.js';
import { type ReasonChain, step } from './reason-chain.js';

/** A symbol the machine wants on, before looking at what the configuration has. */
export interface SymbolWant {
  name: string;
  chains: ReasonChain[];
  modules: string[];
  rootPath: boolean;
  /** Every module wanting it has another symbol listed first: not taken by "accept all". */
  alternative: boolean;
}

export interface MissingSymbol {
  module: string;
  symbols: string[];
  why: string;
}

export interface SymbolLookup {
  symbol(name: string): SymbolInfo | undefined;
  value(name: string): string | undefined;
}

/**
 * Turns mapped modules and direct symbol needs into wanted symbols. A module built by several
 * lines (`libahci` by 18) wants the first one this architecture has; the others are alternatives
 * kept for the record. Lines whose symbols this tree's Kconfig (for this ARCH) lacks are reported.
 */
export function symbolWants(
  needs: HardwareNeeds,
  mappings: ModuleMapping[],
  config: SymbolLookup,
): { wants: SymbolWant[]; missing: MissingSymbol[] } {
  const wants = new Map<string, SymbolWant>();
  const missing: MissingSymbol[] = [];
  const want = (name: string, chain: ReasonChain, rootPath: boolean, module: string | null, alternative: boolean): void => {
    let entry = wants.get(name);
    if (!entry) {
      entry = { name, chains: [], modules: [], rootPath: false, alternative: true };
      wants.set(name, entry);
    }
    entry.chains.push(chain);
    if (module && !entry.modules.includes(module)) entry.modules.push(module);
    entry.rootPath ||= rootPath;
    entry.alternative &&= alternative;
  };

  for (const mapping of mappings) {
    if (mapping.kind !== 'mapped') continue;
    const { need } = mapping;
    const present = mapping.objects.filter((object) => object.symbols.every((name) => config.symbol(name)));
    if (present.length === 0) {
      missing.push({
        module: need.module,
        symbols: [...new Set(mapping.objects.flatMap((object) => object.symbols))],
        why: 'the Makefile names symbols this tree\'s Kconfig does not define for this architecture',
      });
      continue;
    }
    const modular = preferModular(present, need.loaded, config);
    const enough = (name: string): boolean => {
      const value = config.value(name);
      return value === 'y' || (value === 'm' && !need.rootPath);
    };
    // One line already building the module is enough: the alternatives are not wanted then.
    const done = modular.find((object) => object.symbols.every(enough));
    const candidates = done ? [done] : modular;
    candidates.forEach((object, index) => {
      for (const name of object.symbols) {
        for (const chain of need.chains) {
          want(name, [...chain, makefileStep(object), ...runningKernelStep(needs, name), step('symbol', `CONFIG_${name}`)], need.rootPath, need.module, index > 0);
        }
      }
    });
  }
  for (const symbolNeed of needs.symbols) {
    if (!config.symbol(symbolNeed.symbol)) {
      missing.push({ module: '-', symbols: [symbolNeed.symbol], why: 'not defined in this tree for this architecture' });
      continue;
    }
    for (const chain of symbolNeed.chains) want(symbolNeed.symbol, chain, symbolNeed.rootPath, null, false);
  }
  return { wants: [...wants.values()], missing };
}

/** A loaded module comes from a tristate symbol: `kvm` is `obj-$(CONFIG_KVM_X86)`, not the bool KVM_GUEST's kvm.o. */
function preferModular(objects: KbuildObject[], loaded: boolean, config: SymbolLookup): KbuildObject[] {
  if (!loaded) return objects;
  const modular = objects.filter((object) => config.symbol(object.symbols.at(-1) as string)?.type === 'tristate');
  return modular.length > 0 ? modular : objects;
}

function runningKernelStep(needs: HardwareNeeds, name: string): ReasonChain {
  const value = needs.runningConfig?.get(name);
  return value ? [step('running-kernel', `running kernel: CONFIG_${name}=${value}`)] : [];
}
