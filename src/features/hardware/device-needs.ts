import { type HardwareInputs, inputText } from './hardware-inputs.js';
import { mergePciDevices, parseLspciKernel, parseLspciMachine, type PciDevice, pciModalias } from './lspci.js';
import { type AliasMatch, type ModuleAliasIndex, normalizeModuleName } from './module-alias-index.js';
import type { NeedCollector } from './need-collector.js';
import { type ReasonChain, step } from './reason-chain.js';
import { parseSysfsDevices, pciSlotOf, type SysfsDevice } from './sysfs-devices.js';

export interface UnmatchedDevice {
  description: string;
  modalias: string;
  why: string;
}

interface Device {
  description: string;
  modalias: string;
  path: string | null;
  driver: string | null;
  driverModule: string | null;
  pci: PciDevice | null;
}

function collectDevices(inputs: HardwareInputs): Device[] {
  const pciDevices = mergePciDevices(
    parseLspciMachine(inputText(inputs, 'lspci-vmmnnk') ?? ''),
    parseLspciKernel(inputText(inputs, 'lspci-nnk') ?? ''),
  );
  const pciBySlot = new Map(pciDevices.map((device) => [device.slot, device]));
  const devices: Device[] = [];
  const seenSlots = new Set<string>();
  for (const sysfs of parseSysfsDevices(inputText(inputs, 'sysfs-devices') ?? '')) {
    const slot = pciSlotOf(sysfs.path);
    const pci = slot ? (pciBySlot.get(slot) ?? null) : null;
    if (slot) seenSlots.add(slot);
    devices.push({
      description: pci ? describePci(pci) : describeSysfs(sysfs),
      modalias: sysfs.modalias,
      path: sysfs.path,
      driver: sysfs.driver ?? pci?.driver ?? null,
      driverModule: sysfs.driverModule,
      pci,
    });
  }
  for (const pci of pciDevices) {
    if (seenSlots.has(pci.slot)) continue;
    devices.push({
      description: describePci(pci),
      modalias: pciModalias(pci),
      path: null,
      driver: pci.driver,
      driverModule: null,
      pci,
    });
  }
  return devices;
}

function describePci(pci: PciDevice): string {
  return `${pci.slot.replace(/^0000:/, '')} ${pci.description} [${pci.vendorId}:${pci.deviceId}]`;
}

function describeSysfs(device: SysfsDevice): string {
  const bus = device.modalias.split(':')[0];
  const name = device.path.split('/').pop();
  if (bus === 'cpu') return 'CPU features';
  if (bus === 'dmi') return 'machine (DMI)';
  return `${bus} device ${name}`;
}

/** Every device's module: its bound driver's, else the best modules.alias match, else lspci's or the platform name. */
export function addDevices(
  inputs: HardwareInputs,
  aliases: ModuleAliasIndex | null,
  rootPaths: Map<string, ReasonChain>,
  collector: NeedCollector,
  isTreeModule: (module: string) => boolean,
): UnmatchedDevice[] {
  const unmatched: UnmatchedDevice[] = [];
  const unmatchedSeen = new Set<string>();
  for (const device of collectDevices(inputs)) {
    const rootChain = device.path ? rootChainFor(device.path, rootPaths) : null;
    const head = rootChain ? [...rootChain, step('device', device.description)] : [step('device', device.description)];
    const flags = { rootPath: rootChain !== null };
    const bound = device.driver ? boundModule(device, aliases, isTreeModule) : null;
    if (bound) {
      collector.module(bound.module, [...head, step('driver', `driver in use: ${device.driver}`), step('module', bound.how)], flags);
      continue;
    }
    // A CPU or the machine (DMI) is no single device: every feature or model alias is its own need.
    const everyMatch = /^(cpu|dmi):/.test(device.modalias);
    const matches = (everyMatch ? uniqueModules(aliases?.match(device.modalias) ?? []) : aliases?.bestMatches(device.modalias)) ?? [];
    if (matches.length > 0) {
      for (const match of matches) {
        collector.module(
          match.module,
          [...head, step('modalias', `modalias ${shortModalias(device.modalias)}`), step('alias', `alias ${match.pattern} ${match.module} (modules.alias)`)],
          flags,
        );
      }
      continue;
    }
    const fallback = fallbackModules(device, isTreeModule);
    if (fallback.length > 0) {
      for (const found of fallback) collector.module(found.module, [...head, step('modalias', found.how)], flags);
      continue;
    }
    const unmatchedKey = JSON.stringify([device.modalias, device.description]);
    if (unmatchedSeen.has(unmatchedKey)) continue;
    unmatchedSeen.add(unmatchedKey);
    unmatched.push({
      description: device.description,
      modalias: device.modalias,
      why: device.driver
        ? `driver ${device.driver} is not a module this tree builds`
        : aliases
          ? 'no driver bound and no modules.alias pattern matches'
          : 'no driver bound, and no modules.alias to match against',
    });
  }
  return unmatched;
}

function uniqueModules(matches: AliasMatch[]): AliasMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => !seen.has(match.module) && seen.add(match.module));
}

/** The module behind a bound driver: sysfs's `driver/module` link, else lspci's list, else the driver's own name. */
function boundModule(
  device: Device,
  aliases: ModuleAliasIndex | null,
  isTreeModule: (module: string) => boolean,
): { module: string; how: string } | null {
  const driver = normalizeModuleName(device.driver as string);
  if (device.driverModule) return { module: normalizeModuleName(device.driverModule), how: `module ${normalizeModuleName(device.driverModule)} (sysfs driver/module)` };
  const listed = (device.pci?.modules ?? []).map(normalizeModuleName);
  const aliased = (aliases?.match(device.modalias) ?? []).map((match) => match.module);
  if (listed.includes(driver) || aliased.includes(driver)) return { module: driver, how: `module ${driver}` };
  const known = [...listed, ...aliased].find(isTreeModule);
  if (known && !isTreeModule(driver)) return { module: known, how: `module ${known} (driver ${device.driver} is part of it)` };
  if (isTreeModule(driver)) return { module: driver, how: `module ${driver}` };
  return null;
}

/** Without modules.alias: lspci's own lookup on the captured machine, or a platform device's name (= its driver's). */
function fallbackModules(device: Device, isTreeModule: (module: string) => boolean): { module: string; how: string }[] {
  if (device.pci && device.pci.modules.length > 0) {
    return device.pci.modules.map((module) => ({ module: normalizeModuleName(module), how: `lspci: Kernel modules: ${module}` }));
  }
  const platform = device.modalias.match(/^platform:(.+)$/);
  if (platform) {
    const module = normalizeModuleName(platform[1] as string);
    if (isTreeModule(module)) return [{ module, how: `modalias ${device.modalias}: platform devices bind to the driver of the same name` }];
  }
  return [];
}

/** A CPU modalias lists every feature number: keep the head, the patterns name the feature that matched. */
function shortModalias(modalias: string): string {
  const features = modalias.match(/^(cpu:type:[^:]*:feature:)(.*)$/);
  if (!features) return modalias;
  return `${features[1]}... (${(features[2] as string).split(',').filter(Boolean).length} features)`;
}

function rootChainFor(devicePath: string, rootPaths: Map<string, ReasonChain>): ReasonChain | null {
  for (const [blockPath, chain] of rootPaths) {
    if (blockPath.startsWith(`${devicePath}/`)) return chain;
  }
  return null;
}
