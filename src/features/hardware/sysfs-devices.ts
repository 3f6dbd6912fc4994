/**
 * Devices as sysfs shows them, in the capture's tab-separated layout (one line per device
 * directory that has a `modalias` file): `PATH<TAB>MODALIAS<TAB>DRIVER<TAB>MODULE`, where DRIVER is
 * the `driver` link's name and MODULE the driver's `module` link's name (`-` when absent).
 */
export interface SysfsDevice {
  /** `/sys/devices/pci0000:00/0000:00:1f.6`. */
  path: string;
  modalias: string;
  driver: string | null;
  /** The module that provides the bound driver (`i2c_i801` for driver `i801_smbus`), when sysfs says. */
  driverModule: string | null;
}

/**
 * A block device: `NAME<TAB>SYSFS-PATH<TAB>SLAVES<TAB>DM-NAME<TAB>DM-UUID` (slaves comma-separated,
 * `-` when none). The device-mapper uuid says what a mapping is: `CRYPT-` dm-crypt, `LVM-` LVM.
 */
export interface BlockDevice {
  name: string;
  path: string;
  slaves: string[];
  dmName: string | null;
  dmUuid: string | null;
}

export function parseSysfsDevices(text: string): SysfsDevice[] {
  const devices: SysfsDevice[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [path, modalias, driver, driverModule] = line.split('\t');
    if (!path || !modalias) continue;
    devices.push({ path, modalias, driver: dashless(driver), driverModule: dashless(driverModule) });
  }
  return devices;
}

export function formatSysfsDevices(devices: SysfsDevice[]): string {
  return devices
    .map((device) => [device.path, device.modalias, device.driver ?? '-', device.driverModule ?? '-'].join('\t') + '\n')
    .join('');
}

export function parseBlockDevices(text: string): BlockDevice[] {
  const devices: BlockDevice[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [name, path, slaves, dmName, dmUuid] = line.split('\t');
    if (!name || !path) continue;
    const slaveList = dashless(slaves);
    devices.push({
      name,
      path,
      slaves: slaveList ? slaveList.split(',') : [],
      dmName: dashless(dmName),
      dmUuid: dashless(dmUuid),
    });
  }
  return devices;
}

export function formatBlockDevices(devices: BlockDevice[]): string {
  return devices
    .map(
      (device) =>
        [
          device.name,
          device.path,
          device.slaves.length ? device.slaves.join(',') : '-',
          device.dmName ?? '-',
          device.dmUuid ?? '-',
        ].join('\t') + '\n',
    )
    .join('');
}

/** The PCI slot a sysfs device directory names, if it is a PCI function (`0000:00:1f.6`). */
export function pciSlotOf(path: string): string | null {
  const last = path.split('/').pop() ?? '';
  return /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/i.test(last) ? last.toLowerCase() : null;
}

function dashless(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '-' ? null : trimmed;
}
