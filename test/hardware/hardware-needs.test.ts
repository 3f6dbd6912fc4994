/** From recorded captures of three machines to the modules and symbols they need (no kconfig yet). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { hardwareNeeds, type ModuleNeed } from '../../src/features/hardware/hardware-needs.js';
import { loadKbuildModuleMap } from '../../src/features/hardware/kbuild-module-map.js';
import { formatChain } from '../../src/features/hardware/reason-chain.js';
import { kernelTree } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';

async function needsOf(machine: 'laptop' | 'server' | 'vm') {
  const map = await loadKbuildModuleMap(kernelTree('6.12'));
  return hardwareNeeds(await readCapture(fixture(machine)), { isTreeModule: (module) => map.byModule.has(module) });
}

function need(modules: ModuleNeed[], name: string): ModuleNeed {
  const found = modules.find((module) => module.module === name);
  assert.ok(found, `${name} is needed`);
  return found;
}

describe('laptop (ThinkPad T480, root on LUKS + LVM on NVMe)', () => {
  it('follows the root file system down its storage path', async () => {
    const needs = await needsOf('laptop');
    for (const module of ['ext4', 'dm_mod', 'dm_crypt', 'nvme']) assert.equal(need(needs.modules, module).rootPath, true, module);
    assert.equal(
      formatChain(need(needs.modules, 'nvme').chains[0]!),
      'root file system ext4 on /dev/mapper/t480--vg-root -> block device dm-1 -> block device dm-0 -> block device nvme0n1p3 -> ' +
        '04:00.0 Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983 [144d:a808] -> ' +
        'driver in use: nvme -> module nvme (sysfs driver/module)',
    );
    assert.equal(need(needs.modules, 'e1000e').rootPath, false);
    assert.equal(need(needs.modules, 'vfat').rootPath, false);
  });

  it('maps bound drivers to modules even when the names differ, and unbound devices through modules.alias', async () => {
    const needs = await needsOf('laptop');
    assert.ok(need(needs.modules, 'i2c_i801').chains.some((chain) => formatChain(chain).includes('driver in use: i801_smbus -> module i2c_i801')));
    const reader = need(needs.modules, 'rtsx_pci').chains[0]!;
    assert.deepEqual(reader.map((link) => link.kind), ['device', 'modalias', 'alias']);
    assert.match(formatChain(reader), /RTS522A .* -> modalias pci:v000010ECd0000522A.* -> alias pci:v000010ECd0000522Asv\*sd\*bcFFsc\*i\* rtsx_pci/);
    assert.ok(need(needs.modules, 'btusb').chains.some((chain) => chain[0]?.text === 'usb device 1-7:1.0'));
    assert.ok(need(needs.modules, 'kvm_intel').chains.some((chain) => formatChain(chain).includes('alias cpu:type:x86,ven*fam*mod*:feature:*0085* kvm_intel')));
  });

  it('reports out-of-tree modules from their taint, and mounts with their NLS tables', async () => {
    const needs = await needsOf('laptop');
    assert.match(need(needs.modules, 'vboxdrv').outOfTree ?? '', /taint O \(out-of-tree\), E \(unsigned\)/);
    assert.equal(need(needs.modules, 'e1000e').outOfTree, null);
    assert.ok(need(needs.modules, 'nls_ascii').chains.some((chain) => chain[0]?.text === 'mounted vfat on /boot/efi'));
    assert.ok(need(needs.modules, 'nls_cp437'));
    assert.deepEqual(needs.symbols.map((symbol) => symbol.symbol).sort(), ['BPF_SYSCALL', 'CGROUPS', 'DEVTMPFS', 'POSIX_MQUEUE', 'SECURITYFS', 'SYSFS', 'TMPFS', 'CONFIGFS_FS'].sort());
    assert.ok(needs.unmatchedDevices.some((device) => device.modalias.startsWith('usb:v138Ap0097')), 'the fingerprint reader has no driver');
  });
});

describe('server (PowerEdge R640, root on LVM on a PERC RAID; NVIDIA driver)', () => {
  it('puts the RAID controller and sd on the root path and reports nvidia as out of tree', async () => {
    const needs = await needsOf('server');
    for (const module of ['xfs', 'dm_mod', 'megaraid_sas', 'sd_mod']) assert.equal(need(needs.modules, module).rootPath, true, module);
    assert.equal(need(needs.modules, 'i40e').rootPath, false);
    for (const module of ['nvidia', 'nvidia_uvm', 'nvidia_modeset', 'nvidia_drm']) {
      assert.match(need(needs.modules, module).outOfTree ?? '', /P \(proprietary\)/, module);
    }
    assert.ok(need(needs.modules, 'nfs').chains.some((chain) => chain[0]?.text === 'mounted nfs4 on /mnt/share'));
    assert.ok(need(needs.modules, 'overlay'));
  });
});

describe('VM (QEMU q35, virtio, no lspci installed)', () => {
  it('works from sysfs when lspci failed, and finds the virtio disk under the root file system', async () => {
    const inputs = await readCapture(fixture('vm'));
    assert.equal(inputs.inputs['lspci-nnk'].ok, false);
    assert.match(inputs.inputs['lspci-nnk'].ok ? '' : inputs.inputs['lspci-nnk'].error, /lspci is not installed/);
    const needs = await needsOf('vm');
    assert.equal(need(needs.modules, 'virtio_blk').rootPath, true);
    assert.equal(need(needs.modules, 'virtio_pci').rootPath, true);
    assert.equal(need(needs.modules, 'virtio_net').rootPath, false);
    assert.ok(need(needs.modules, 'virtiofs').chains.some((chain) => chain[0]?.text === 'mounted virtiofs on /mnt/host'));
    assert.equal(need(needs.modules, 'virtio_pci').treeDir, 'drivers/virtio', 'built-in modules get their directory from modules.builtin');
  });
});
