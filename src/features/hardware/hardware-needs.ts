import { addDevices, type UnmatchedDevice } from './device-needs.js';
import { filesystemProvider, nlsModulesFor } from './filesystem-modules.js';
import { type HardwareInputs, inputState, inputText } from './hardware-inputs.js';
import { readConfigValues } from '../../model/config-text.js';
import { type LoadedModule, outOfTreeTaint, parseLsmod, parseProcModules } from './loaded-modules.js';
import { ModuleAliasIndex } from './module-alias-index.js';
import { type ModulePath, parseModulesBuiltin, parseModulesDep } from './module-paths.js';
import { type Mount, parseMounts, rootMount } from './mounts.js';
import { NeedCollector, type ModuleNeed, type SymbolNeed } from './need-collector.js';
import { step } from './reason-chain.js';
import { rootStoragePaths } from './root-storage.js';

export type { ModuleNeed, SymbolNeed } from './need-collector.js';
export type { UnmatchedDevice } from './device-needs.js';

export interface HardwareNeeds {
  modules: ModuleNeed[];
  symbols: SymbolNeed[];
  unmatchedDevices: UnmatchedDevice[];
  /** Modules the running kernel was built with, for telling "built in there" in the reasons. */
  runningConfig: Map<string, string> | null;
  /** Notes about the inputs that limit what could be found (no modules.alias, lsmod failed). */
  notes: string[];
}

export interface NeedsOptions {
  /** True when the target tree builds a module of this name (its Makefiles have it). */
  isTreeModule?: (module: string) => boolean;
}

/** Everything the machine described by `inputs` needs: loaded modules, devices, mounts, root storage. */
export function hardwareNeeds(inputs: HardwareInputs, options: NeedsOptions = {}): HardwareNeeds {
  const isTreeModule = options.isTreeModule ?? (() => true);
  const collector = new NeedCollector(modulePaths(inputs));
  const notes: string[] = [];

  const aliasText = inputText(inputs, 'modules-alias');
  const aliases = aliasText === null ? null : ModuleAliasIndex.parse(aliasText);
  if (!aliases && inputState(inputs.inputs['modules-alias']) === 'failed')
    notes.push('no modules.alias: devices without a bound driver are matched only by lspci and platform names');

  addLoadedModules(inputs, collector, notes);
  const mounts = parseMounts(inputText(inputs, 'mounts') ?? '');
  const rootPaths = rootStoragePaths(inputs, mounts, collector);
  const unmatchedDevices = addDevices(inputs, aliases, rootPaths, collector, isTreeModule);
  addMounts(mounts, aliases, collector);

  const configText = inputText(inputs, 'kernel-config');
  return {
    modules: collector.moduleList(),
    symbols: collector.symbolList(),
    unmatchedDevices,
    runningConfig: configText === null ? null : readConfigValues(configText),
    notes,
  };
}

function modulePaths(inputs: HardwareInputs): Map<string, ModulePath> {
  const paths = new Map<string, ModulePath>();
  for (const path of parseModulesBuiltin(inputText(inputs, 'modules-builtin') ?? '')) paths.set(path.name, path);
  for (const path of parseModulesDep(inputText(inputs, 'modules-dep') ?? '')) paths.set(path.name, path);
  return paths;
}

/** /proc/modules has taint flags that lsmod hides; either lists the same modules. */
function addLoadedModules(inputs: HardwareInputs, collector: NeedCollector, notes: string[]): void {
  const procText = inputText(inputs, 'proc-modules');
  const lsmodText = inputText(inputs, 'lsmod');
  let loaded: LoadedModule[] = [];
  let source = '';
  if (lsmodText !== null) {
    loaded = parseLsmod(lsmodText);
    source = 'lsmod';
  }
  if (procText !== null) {
    const fromProc = parseProcModules(procText);
    const taints = new Map(fromProc.map((module) => [module.name, module.taint]));
    if (lsmodText === null) {
      loaded = fromProc;
      source = '/proc/modules';
    } else for (const module of loaded) module.taint = taints.get(module.name) ?? '';
  }
  if (lsmodText === null && procText === null) notes.push('no list of loaded modules (lsmod and /proc/modules both failed)');
  for (const module of loaded) {
    const taint = outOfTreeTaint(module.taint);
    const users = module.usedBy.length > 0 ? `, used by ${module.usedBy.join(',')}` : '';
    collector.module(module.name, [step('loaded', `loaded module ${module.name} (${source}${users})`)], {
      loaded: true,
      outOfTree: taint ? `taint ${taint} in /proc/modules: provided outside the kernel tree` : null,
    });
  }
}

function addMounts(mounts: Mount[], aliases: ModuleAliasIndex | null, collector: NeedCollector): void {
  const root = rootMount(mounts);
  const seen = new Set<string>();
  for (const mount of mounts) {
    const isRoot = mount === root;
    const key = `${mount.type}${isRoot ? ' root' : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const head = step(isRoot ? 'root' : 'mount', `${isRoot ? 'root file system' : 'mounted'} ${mount.type} on ${mount.target}`);
    const aliasModule = aliases?.match(`fs-${mount.type}`).find((match) => match.pattern === `fs-${mount.type}`)?.module ?? null;
    const provider = filesystemProvider(mount.type, aliasModule);
    if (provider.kind === 'symbols') {
      for (const symbol of provider.symbols) collector.symbol(symbol, [head, step('symbol', `${mount.type} is provided by CONFIG_${symbol}`)], isRoot);
    } else if (provider.kind === 'module') {
      collector.module(provider.module, [head, step('alias', provider.how)], { rootPath: isRoot, dirHint: 'fs/' });
    }
    for (const nls of nlsModulesFor(mount)) {
      collector.module(nls, [head, step('alias', `${mount.type} mount uses character set table ${nls}`)], { dirHint: 'fs/nls' });
    }
  }
}
