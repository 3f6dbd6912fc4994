/** A PCI function as `lspci -nnk` or `lspci -vmmnnk` describes it. */
export interface PciDevice {
  /** `0000:00:1f.6`: always with the domain, as sysfs names it. */
  slot: string;
  description: string;
  /** Four hex digits, class and subclass: `0200`. */
  classId: string;
  vendorId: string;
  deviceId: string;
  subsystemVendorId: string | null;
  subsystemDeviceId: string | null;
  progIf: string | null;
  driver: string | null;
  /** Modules lspci found for the device through libkmod (`Kernel modules:`). */
  modules: string[];
}

/** The default `lspci -nnk` layout: one header line per device, tab-indented detail lines. */
export function parseLspciKernel(text: string): PciDevice[] {
  const devices: PciDevice[] = [];
  let current: PciDevice | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      if (!current) continue;
      const [tag, ...rest] = line.trim().split(':');
      const value = rest.join(':').trim();
      if (tag === 'Subsystem') {
        const ids = value.match(/\[([0-9a-f]{4}):([0-9a-f]{4})\]\s*$/i);
        if (ids) {
          current.subsystemVendorId = (ids[1] as string).toLowerCase();
          current.subsystemDeviceId = (ids[2] as string).toLowerCase();
        }
      } else if (tag === 'Kernel driver in use') current.driver = value;
      else if (tag === 'Kernel modules') current.modules = splitList(value);
      continue;
    }
    const header = line.match(
      /^(\S+)\s+(.*?)\s+\[([0-9a-f]{4})\]:\s+(.*?)\s+\[([0-9a-f]{4}):([0-9a-f]{4})\](.*)$/i,
    );
    if (!header) {
      current = null;
      continue;
    }
    const tail = header[7] as string;
    current = {
      slot: withDomain(header[1] as string),
      description: `${header[2]}: ${header[4]}`,
      classId: (header[3] as string).toLowerCase(),
      vendorId: (header[5] as string).toLowerCase(),
      deviceId: (header[6] as string).toLowerCase(),
      subsystemVendorId: null,
      subsystemDeviceId: null,
      progIf: tail.match(/\(prog-if ([0-9a-f]{2})/i)?.[1]?.toLowerCase() ?? null,
      driver: null,
      modules: [],
    };
    devices.push(current);
  }
  return devices;
}

/** `lspci -vmmnnk`: blank-line separated records of `Tag:\tvalue`; unknown tags are ignored. */
export function parseLspciMachine(text: string): PciDevice[] {
  const devices: PciDevice[] = [];
  for (const record of text.split(/\n\s*\n/)) {
    const tags = new Map<string, string[]>();
    for (const line of record.split('\n')) {
      const match = line.match(/^(\w+):\s*(.*)$/);
      if (!match) continue;
      const list = tags.get(match[1] as string) ?? [];
      list.push((match[2] as string).trim());
      tags.set(match[1] as string, list);
    }
    const slot = tags.get('Slot')?.[0];
    const vendor = splitName(tags.get('Vendor')?.[0]);
    const device = splitName(tags.get('Device')?.[0]);
    const klass = splitName(tags.get('Class')?.[0]);
    if (!slot || !vendor.id || !device.id || !klass.id) continue;
    const subsystemVendor = splitName(tags.get('SVendor')?.[0]);
    const subsystemDevice = splitName(tags.get('SDevice')?.[0]);
    devices.push({
      slot: withDomain(slot),
      description: `${klass.name}: ${vendor.name} ${device.name}`,
      classId: klass.id,
      vendorId: vendor.id,
      deviceId: device.id,
      subsystemVendorId: subsystemVendor.id,
      subsystemDeviceId: subsystemDevice.id,
      progIf: tags.get('ProgIf')?.[0]?.toLowerCase() ?? null,
      driver: tags.get('Driver')?.[0] ?? null,
      modules: (tags.get('Module') ?? []).flatMap(splitList),
    });
  }
  return devices;
}

/** The modalias the kernel gives this function: `pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X`. */
export function pciModalias(device: PciDevice): string {
  const hex = (value: string | null, width: number): string => (value ?? '0').toUpperCase().padStart(width, '0');
  return (
    `pci:v${hex(device.vendorId, 8)}d${hex(device.deviceId, 8)}` +
    `sv${hex(device.subsystemVendorId, 8)}sd${hex(device.subsystemDeviceId, 8)}` +
    `bc${hex(device.classId.slice(0, 2), 2)}sc${hex(device.classId.slice(2, 4), 2)}i${hex(device.progIf, 2)}`
  );
}

/** Combine both layouts: -vmmnnk has the prog-if and names, -nnk the same ids; either may be missing. */
export function mergePciDevices(...lists: PciDevice[][]): PciDevice[] {
  const bySlot = new Map<string, PciDevice>();
  for (const list of lists) {
    for (const device of list) {
      const known = bySlot.get(device.slot);
      if (!known) {
        bySlot.set(device.slot, { ...device });
        continue;
      }
      known.subsystemVendorId ??= device.subsystemVendorId;
      known.subsystemDeviceId ??= device.subsystemDeviceId;
      known.progIf ??= device.progIf;
      known.driver ??= device.driver;
      if (known.modules.length === 0) known.modules = device.modules;
    }
  }
  return [...bySlot.values()];
}

function withDomain(slot: string): string {
  return /^[0-9a-f]{4,}:/i.test(slot) && slot.split(':').length === 3 ? slot.toLowerCase() : `0000:${slot.toLowerCase()}`;
}

function splitName(value: string | undefined): { name: string; id: string | null } {
  if (!value) return { name: '', id: null };
  const match = value.match(/^(.*?)\s*\[([0-9a-f]{2,4})\]$/i);
  if (!match) return { name: value, id: null };
  return { name: match[1] as string, id: (match[2] as string).toLowerCase() };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
