import { normalizeModuleName } from './module-alias-index.js';
import type { ModulePath } from './module-paths.js';
import type { ReasonChain } from './reason-chain.js';

/** A module the machine needs, with every reason found for it. */
export interface ModuleNeed {
  module: string;
  chains: ReasonChain[];
  /** The root file system or the storage under it needs this: it must be built in (y). */
  rootPath: boolean;
  /** The machine has it loaded as a module (so its symbol is a tristate one). */
  loaded: boolean;
  /** The running kernel's tree directory for it (modules.dep / modules.builtin), for the Makefile lookup. */
  treeDir: string | null;
  /** Why it is not from the kernel tree (taint flags, modules.dep outside kernel/), or null. */
  outOfTree: string | null;
  /** Where to look when treeDir is unknown: file systems live under fs/ (`debugfs.o` is also in kernel/irq). */
  dirHint: string | null;
}

/** A symbol needed without a module in between (pseudo file systems such as tmpfs). */
export interface SymbolNeed {
  symbol: string;
  chains: ReasonChain[];
  rootPath: boolean;
}

/** Gathers needs from every input, merging the reasons found for the same module or symbol. */
export class NeedCollector {
  private readonly modules = new Map<string, ModuleNeed>();
  private readonly symbols = new Map<string, SymbolNeed>();
  /** The chains a module need has, by text: a capture binding 100,000 devices to one driver must not compare each with all. */
  private readonly chainKeys = new Map<ModuleNeed, Set<string>>();

  constructor(private readonly paths: Map<string, ModulePath>) {}

  module(
    name: string,
    chain: ReasonChain,
    flags: { rootPath?: boolean; loaded?: boolean; outOfTree?: string | null; dirHint?: string } = {},
  ): ModuleNeed {
    const module = normalizeModuleName(name);
    let need = this.modules.get(module);
    if (!need) {
      const path = this.paths.get(module);
      need = {
        module,
        chains: [],
        rootPath: false,
        loaded: false,
        treeDir: path?.treeDir ?? null,
        outOfTree: path && !path.treeDir ? `installed as ${path.file}, outside the kernel tree's modules` : null,
        dirHint: null,
      };
      this.modules.set(module, need);
    }
    const known = this.chainKeys.get(need) ?? new Set<string>();
    this.chainKeys.set(need, known);
    const key = chainKey(chain);
    if (!known.has(key)) {
      known.add(key);
      need.chains.push(chain);
    }
    need.rootPath ||= flags.rootPath ?? false;
    need.loaded ||= flags.loaded ?? false;
    if (flags.outOfTree) need.outOfTree = flags.outOfTree;
    if (flags.dirHint) need.dirHint ??= flags.dirHint;
    return need;
  }

  symbol(name: string, chain: ReasonChain, rootPath: boolean): void {
    const need = this.symbols.get(name) ?? { symbol: name, chains: [], rootPath: false };
    need.chains.push(chain);
    need.rootPath ||= rootPath;
    this.symbols.set(name, need);
  }

  moduleList(): ModuleNeed[] {
    const rank = (chain: ReasonChain): number => ['root', 'device', 'mount', 'loaded'].indexOf(chain[0]?.kind ?? 'loaded');
    for (const need of this.modules.values()) need.chains.sort((a, b) => rank(a) - rank(b));
    return [...this.modules.values()];
  }

  symbolList(): SymbolNeed[] {
    return [...this.symbols.values()];
  }
}

/** Two chains are the same when their steps read the same. */
function chainKey(chain: ReasonChain): string {
  return JSON.stringify(chain.map((link) => link.text));
}
