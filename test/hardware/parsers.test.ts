import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fnmatch, literalCharacterCount, literalPrefix } from '../../src/features/hardware/fnmatch.js';
import { outOfTreeTaint, parseLsmod, parseProcModules } from '../../src/features/hardware/loaded-modules.js';
import { mergePciDevices, parseLspciKernel, parseLspciMachine, pciModalias } from '../../src/features/hardware/lspci.js';
import { ModuleAliasIndex } from '../../src/features/hardware/module-alias-index.js';
import { parseModulesBuiltin, parseModulesDep } from '../../src/features/hardware/module-paths.js';
import { parseMounts, rootMount } from '../../src/features/hardware/mounts.js';
import { parseBlockDevices, parseSysfsDevices } from '../../src/features/hardware/sysfs-devices.js';
import { fixture } from './support/run-command.js';

const read = (machine: 'laptop' | 'server' | 'vm', file: string): string => readFileSync(`${fixture(machine)}/${file}`, 'utf8');

describe('fnmatch as kmod uses it', () => {
  it('matches *, ?, bracket ranges and negation, case-sensitively, across slashes', () => {
    assert.equal(fnmatch('pci:v00008086d*sv*sd*bc0Csc03i30*', 'pci:v00008086d00009D2Fsv000017AAsd0000225Dbc0Csc03i30'), true);
    assert.equal(fnmatch('pci:v*d*sv*sd*bc0Csc03i30*', 'pci:v00008086d00009D2Fsv000017AAsd0000225Dbc0csc03i30'), false);
    assert.equal(fnmatch('usb:v*p*d*dc*dsc*dp*ic03isc01ip0[12]in*', 'usb:v0624p0249d0000dc00dsc00dp00ic03isc01ip02in01'), true);
    assert.equal(fnmatch('usb:v*p*d*dc*dsc*dp*ic03isc01ip0[12]in*', 'usb:v0624p0249d0000dc00dsc00dp00ic03isc01ip03in01'), false);
    assert.equal(fnmatch('a[!0-9]c', 'abc'), true);
    assert.equal(fnmatch('a[!0-9]c', 'a1c'), false);
    assert.equal(fnmatch('of:N*T*Cfoo/bar', 'of:NxTyCfoo/bar'), true);
    assert.equal(fnmatch('ab?', 'ab'), false);
    assert.equal(fnmatch('a\\*b', 'a*b'), true);
    assert.equal(fnmatch('a\\*b', 'axb'), false);
  });

  it('measures specificity by literal characters and finds the literal prefix', () => {
    assert.ok(literalCharacterCount('pci:v00008086d000015D8sv*sd*bc*sc*i*') > literalCharacterCount('pci:v*d*sv*sd*bc02sc00i*'));
    assert.equal(literalCharacterCount('ip0[12]'), 3);
    assert.equal(literalPrefix('acpi*:PNP0C0A:*'), 'acpi');
    assert.equal(literalPrefix('pci:v00001000d0000005Dsv*'), 'pci:v00001000d0000005Dsv');
  });
});

describe('modules.alias (a real excerpt of Debian 6.12)', () => {
  const aliases = ModuleAliasIndex.parse(read('laptop', 'modules.alias'));
  const serverAliases = ModuleAliasIndex.parse(read('server', 'modules.alias'));

  it('prefers a vendor/device alias over a class alias, keeping every match', () => {
    const sata = serverAliases.match('pci:v00008086d0000A182sv00001028sd00000716bc01sc06i01');
    assert.deepEqual(sata.map((match) => match.pattern), ['pci:v00008086d0000A182sv*sd*bc*sc*i*', 'pci:v*d*sv*sd*bc01sc06i01*']);
    const gpu = 'pci:v000010DEd00001EB8sv000010DEsd000012A2bc03sc02i00';
    assert.deepEqual(serverAliases.match(gpu).map((match) => match.module), ['nvidia', 'nvidia_drm', 'nouveau']);
    assert.deepEqual(serverAliases.bestMatches(gpu).map((match) => match.module), ['nvidia', 'nvidia_drm']);
    const audio = aliases.bestMatches('pci:v00008086d00009D71sv000017AAsd0000225Dbc04sc03i00').map((match) => match.module);
    assert.deepEqual(audio, ['snd_hda_intel', 'snd_soc_avs', 'snd_sof_pci_intel_skl'], 'equally specific matches are all kept');
  });

  it('matches ACPI, platform, USB interface and CPU feature modaliases', () => {
    assert.deepEqual(aliases.bestMatches('acpi:INT3400:').map((match) => match.module), ['int3400_thermal']);
    assert.deepEqual(aliases.bestMatches('platform:pcspkr').map((match) => match.module), ['pcspkr']);
    assert.ok(aliases.match('usb:v8087p0A2Bd0010dcE0dsc01dp01icE0isc01ip01in00').some((match) => match.module === 'btusb'));
    const cpu = read('laptop', 'sysfs-devices.tsv').split('\n').find((line) => line.startsWith('/sys/devices/system/cpu\t'))!.split('\t')[1]!;
    const modules = aliases.match(cpu).map((match) => match.module);
    for (const module of ['kvm_intel', 'aesni_intel', 'crc32c_intel', 'coretemp']) assert.ok(modules.includes(module), module);
  });

  it('finds file system modules by their fs-TYPE alias', () => {
    assert.equal(aliases.match('fs-ext4')[0]?.module, 'ext4');
    assert.equal(aliases.match('fs-vfat')[0]?.module, 'vfat');
  });
});

describe('loaded modules', () => {
  it('reads lsmod (header skipped, users split) and /proc/modules with taint flags', () => {
    const lsmod = parseLsmod(read('laptop', 'lsmod.txt'));
    assert.equal(lsmod.length, 152);
    assert.deepEqual(lsmod.find((module) => module.name === 'vboxdrv')?.usedBy, ['vboxnetadp', 'vboxnetflt']);
    const proc = parseProcModules(read('server', 'proc-modules.txt'));
    assert.equal(proc.find((module) => module.name === 'nvidia')?.taint, 'POE');
    assert.equal(proc.find((module) => module.name === 'i40e')?.taint, '');
    assert.match(outOfTreeTaint('POE') ?? '', /O \(out-of-tree\)/);
    assert.equal(outOfTreeTaint(''), null);
    assert.deepEqual(parseLsmod('Module                  Size  Used by\nsnd_hda_codec_realtek_with_a_long_name 204800  1 snd_hda_intel\n').map((m) => m.name), [
      'snd_hda_codec_realtek_with_a_long_name',
    ]);
  });
});

describe('lspci', () => {
  it('reads -nnk and -vmmnnk into the same devices, and builds the kernel modalias', () => {
    const nnk = parseLspciKernel(read('laptop', 'lspci-nnk.txt'));
    const vmm = parseLspciMachine(read('laptop', 'lspci-vmmnnk.txt'));
    assert.equal(nnk.length, vmm.length);
    const ethernet = nnk.find((device) => device.slot === '0000:00:1f.6')!;
    assert.equal(ethernet.driver, 'e1000e');
    assert.deepEqual([ethernet.vendorId, ethernet.deviceId, ethernet.subsystemVendorId, ethernet.classId], ['8086', '15d8', '17aa', '0200']);
    const smbus = vmm.find((device) => device.slot === '0000:00:1f.4')!;
    assert.equal(smbus.driver, 'i801_smbus');
    assert.deepEqual(smbus.modules, ['i2c_i801']);
    const sysfs = parseSysfsDevices(read('laptop', 'sysfs-devices.tsv'));
    for (const device of mergePciDevices(vmm, nnk)) {
      const fromSysfs = sysfs.find((entry) => entry.path.endsWith(`/${device.slot}`));
      assert.equal(pciModalias(device), fromSysfs?.modalias, device.slot);
    }
  });
});

describe('mounts, block devices, module paths', () => {
  it('finds the root mount and its device-mapper chain', () => {
    const mounts = parseMounts(read('laptop', 'mounts.txt'));
    assert.deepEqual(rootMount(mounts), { source: '/dev/mapper/t480--vg-root', target: '/', type: 'ext4', options: ['rw', 'relatime', 'errors=remount-ro'] });
    assert.ok(mounts.find((mount) => mount.type === 'vfat')?.options.includes('iocharset=ascii'));
    const blocks = parseBlockDevices(read('laptop', 'block-devices.tsv'));
    assert.deepEqual(blocks.find((block) => block.dmName === 't480--vg-root')?.slaves, ['dm-0']);
    assert.match(blocks.find((block) => block.name === 'dm-0')?.dmUuid ?? '', /^CRYPT-LUKS2-/);
    assert.deepEqual(parseMounts('a /mnt/with\\040space ext4 rw 0 0\n')[0]?.target, '/mnt/with space');
  });

  it('reads module directories from modules.dep and modules.builtin, and spots modules from outside the tree', () => {
    const dep = parseModulesDep(read('laptop', 'modules.dep'));
    assert.equal(dep.find((path) => path.name === 'e1000e')?.treeDir, 'drivers/net/ethernet/intel/e1000e');
    assert.equal(dep.find((path) => path.name === 'vboxdrv')?.treeDir, null);
    const builtin = parseModulesBuiltin(read('laptop', 'modules.builtin'));
    assert.deepEqual(builtin.find((path) => path.name === 'virtio_pci'), {
      name: 'virtio_pci',
      file: 'kernel/drivers/virtio/virtio_pci.ko',
      treeDir: 'drivers/virtio',
      builtin: true,
    });
  });
});
