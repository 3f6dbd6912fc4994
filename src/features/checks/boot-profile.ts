import { type HardwareInputs, inputText } from '../hardware/hardware-inputs.js';
import { hardwareNeeds } from '../hardware/hardware-needs.js';
import { loadKbuildModuleMap } from '../hardware/kbuild-module-map.js';
import { readConfigValues } from '../../model/config-text.js';
import { parseMounts, rootMount } from '../hardware/mounts.js';
import type { ReasonChain } from '../hardware/reason-chain.js';
import { parseBlockDevices, parseSysfsDevices } from '../hardware/sysfs-devices.js';
import { BOOT_PROFILE } from './profile-files.js';
import { PROFILE_LIMITS } from './profile-text.js';
import { type Level, NO_CONDITIONS, type Profile, type ProfileEntry, type Want } from './profile-types.js';

export interface BootOptions {
  /** The machine boots with an initrd that can load modules; without one, everything up to the root file system is built in. */
  initrd: boolean;
}

export interface BootProfile {
  profile: Profile;
  /** What the inputs could not tell (no mounts, no consoles), in words. */
  notes: string[];
}

/** Drivers that are never modules and whose name is no module's: the symbol that builds them. */
const BUILT_IN_DRIVERS: Record<string, string> = {
  pcieport: 'PCIEPORTBUS',
};

/** /proc/consoles names: the symbols that make the console work before any module is loaded. */
const CONSOLES: { pattern: RegExp; symbols: string[]; what: string }[] = [
  { pattern: /^tty[0-9]+$/, symbols: ['VT', 'VT_CONSOLE'], what: 'the virtual terminal' },
  { pattern: /^ttyS[0-9]+$/, symbols: ['SERIAL_8250', 'SERIAL_8250_CONSOLE'], what: 'an 8250/16550 serial port' },
  { pattern: /^ttyAMA[0-9]+$/, symbols: ['SERIAL_AMBA_PL011', 'SERIAL_AMBA_PL011_CONSOLE'], what: 'a PL011 serial port' },
  { pattern: /^ttynull$/, symbols: ['NULL_TTY'], what: 'the null console' },
];

/**
 * The `boot` profile of a machine: the root file system's type and every driver on its block
 * device's path (partitions, device-mapper, the controller and the bridges above it), the console
 * the kernel writes to, module support, and the initrd. Without an initrd everything the kernel
 * needs before it mounts the root file system must be built in (y).
 */
export async function deriveBootProfile(srcTree: string, inputs: HardwareInputs, options: BootOptions): Promise<BootProfile> {
  const map = await loadKbuildModuleMap(srcTree);
  const needs = hardwareNeeds(inputs, { isTreeModule: (module) => map.byModule.has(module) || module in BUILT_IN_DRIVERS });
  const notes: string[] = [];
  const entries: ProfileEntry[] = [];
  const at = { path: inputs.origin, line: 0, column: 0 };
  const rootWant: Want = options.initrd ? 'y/m' : 'y';
  const add = (written: string, want: Want, level: Level, reason: string): void => {
    const kind = written.startsWith('CONFIG_') ? 'symbol' : 'module';
    const name = kind === 'symbol' ? written.slice('CONFIG_'.length) : written;
    if (entries.some((entry) => entry.kind === kind && entry.name === name)) return;
    entries.push({ kind, written, name, want, level, reason: reason.slice(0, PROFILE_LIMITS.reason), when: NO_CONDITIONS, at });
  };

  const mounts = parseMounts(inputText(inputs, 'mounts') ?? '');
  const root = rootMount(mounts);
  if (!root) notes.push('no mounts were read: the root file system and its storage are unknown');
  for (const need of needs.modules.filter((module) => module.rootPath)) {
    const reason = shortChain(need.chains[0] ?? []);
    const symbol = BUILT_IN_DRIVERS[need.module];
    if (symbol) add(`CONFIG_${symbol}`, 'y', 'required', reason);
    else add(need.module, rootWant, 'required', need.outOfTree ? `${reason} (${need.outOfTree})` : reason);
  }
  for (const need of needs.symbols.filter((symbol) => symbol.rootPath)) add(`CONFIG_${need.symbol}`, 'y', 'required', shortChain(need.chains[0] ?? []));

  const blocks = parseBlockDevices(inputText(inputs, 'block-devices') ?? '');
  const rootName = root?.source.startsWith('/dev/') ? root.source.slice('/dev/'.length) : null;
  const onDeviceMapper = rootName !== null && (rootName.startsWith('mapper/') || rootName.startsWith('dm-'));
  if (!options.initrd && onDeviceMapper) {
    add(
      'CONFIG_DM_INIT',
      'y',
      'required',
      `root on device-mapper (${root?.source}) without an initrd: the kernel sets it up from dm-mod.create= (an encrypted root also needs its key there)`,
    );
  }
  if (root && rootOnPartition(blocks, rootName)) {
    const uefi = mounts.some((mount) => mount.type === 'efivarfs');
    if (uefi)
      add('CONFIG_EFI_PARTITION', 'y', 'recommended', 'the root file system is on a partition of a UEFI machine (efivarfs is mounted): a GPT partition table');
    else add('CONFIG_MSDOS_PARTITION', 'y', 'recommended', 'the root file system is on a partition of a machine without UEFI: an MBR partition table');
  }

  addConsoles(inputs, add, notes);

  const loaded = (inputText(inputs, 'lsmod') ?? inputText(inputs, 'proc-modules') ?? '')
    .split('\n')
    .filter((line) => /^[A-Za-z0-9_]+\s+[0-9]+/.test(line)).length;
  const runningModules =
    inputText(inputs, 'kernel-config') === null ? undefined : readConfigValues(inputText(inputs, 'kernel-config') as string).get('MODULES');
  if (loaded > 0 || runningModules === 'y') {
    add(
      'CONFIG_MODULES',
      'y',
      'required',
      loaded > 0 ? `the machine loads its other drivers and file systems as modules (${loaded} loaded)` : "the machine's running kernel has module support",
    );
  } else {
    add('CONFIG_MODULES', 'y', 'recommended', 'drivers beyond the boot path can then load as modules (none was loaded on the machine)');
  }
  if (options.initrd)
    add('CONFIG_BLK_DEV_INITRD', 'y', 'required', "the initrd that loads the root path's modules (--no-initrd when the machine boots without one)");

  const origin = inputs.origin === 'this machine' ? 'this machine' : `the capture ${inputs.origin}`;
  return {
    profile: {
      name: BOOT_PROFILE,
      origin: 'derived',
      format: 'derived',
      path: null,
      description: `What ${origin} needs to boot${options.initrd ? ' with an initrd' : ' without an initrd (built in up to the root file system)'}${inputs.kernelRelease ? `; recorded on ${inputs.kernelRelease}` : ''}`,
      sources: [inputs.origin],
      entries,
    },
    notes,
  };
}

function addConsoles(inputs: HardwareInputs, add: (written: string, want: Want, level: Level, reason: string) => void, notes: string[]): void {
  const consoles = parseConsoles(inputText(inputs, 'consoles') ?? '');
  const display = parseSysfsDevices(inputText(inputs, 'sysfs-devices') ?? '').find((device) => /^pci:.*bc03sc/.test(device.modalias));
  if (consoles.length > 0) {
    for (const name of consoles) {
      const known = CONSOLES.find((console) => console.pattern.test(name));
      if (!known) {
        notes.push(`console ${name}: tuxconf does not know the driver behind it`);
        continue;
      }
      for (const symbol of known.symbols) add(`CONFIG_${symbol}`, 'y', 'required', `the kernel's console ${name} (/proc/consoles) is ${known.what}`);
      if (known.symbols[0] === 'VT' && display)
        add(
          'CONFIG_FRAMEBUFFER_CONSOLE',
          'y',
          'recommended',
          `console ${name} on the display (${display.path.split('/').pop()}) is drawn by the framebuffer console`,
        );
    }
    return;
  }
  notes.push('no /proc/consoles in the inputs: the console is guessed from the devices');
  if (display) {
    const where = `the machine has a display controller (${display.path.split('/').pop()}, driver ${display.driver ?? 'none'})`;
    add('CONFIG_VT', 'y', 'recommended', `${where}: its console is the virtual terminal`);
    add('CONFIG_VT_CONSOLE', 'y', 'recommended', `${where}: kernel messages on the virtual terminal`);
    add('CONFIG_FRAMEBUFFER_CONSOLE', 'y', 'recommended', `${where}: drawn by the framebuffer console`);
  } else {
    add('CONFIG_SERIAL_8250', 'y', 'recommended', 'no display controller found: the console is most likely a serial port');
    add('CONFIG_SERIAL_8250_CONSOLE', 'y', 'recommended', 'no display controller found: kernel messages on the serial console');
  }
}

/** /proc/consoles: `ttyS0                -W- (EC  p a)    4:64`, the device name first. */
export function parseConsoles(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const name = /^([A-Za-z][A-Za-z0-9_]{0,31})\s/.exec(line)?.[1];
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function rootOnPartition(blocks: ReturnType<typeof parseBlockDevices>, rootName: string | null): boolean {
  if (!rootName) return false;
  const byName = new Map(blocks.map((block) => [block.name, block]));
  const start = rootName.startsWith('mapper/')
    ? blocks.find((block) => block.dmName === rootName.slice('mapper/'.length))
    : byName.get(rootName.split('/').pop() as string);
  const seen = new Set<string>();
  const visit = (name: string, depth: number): boolean => {
    const block = byName.get(name);
    if (!block || seen.has(name) || depth > 8) return false;
    seen.add(name);
    // A partition's sysfs directory sits inside its disk's.
    if (blocks.some((other) => other !== block && block.path.startsWith(`${other.path}/`))) return true;
    return block.slaves.some((slave) => visit(slave, depth + 1));
  };
  return start ? visit(start.name, 0) : false;
}

/** The reason chain in one line, its middle left out when it is long. */
function shortChain(chain: ReasonChain): string {
  const texts = chain.map((step) => step.text);
  const full = texts.join(' -> ');
  if (full.length <= PROFILE_LIMITS.reason || texts.length <= 3) return full;
  return [texts[0], '...', ...texts.slice(-2)].join(' -> ');
}
