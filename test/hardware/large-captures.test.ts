/**
 * F14 of FINDINGS.md: captures within the size limits whose devices are many. Matching each device
 * against every modules.alias pattern, and comparing each reason with every other of the same
 * module, took minutes of CPU at 20,000 devices. The results are checked here; the test's timeout
 * only keeps a regression from hanging the suite.
 */
import assert from 'node:assert/strict';
import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { hardwareNeeds } from '../../src/features/hardware/hardware-needs.js';
import { formatChain } from '../../src/features/hardware/reason-chain.js';
import { withTempDir } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';

const COUNT = 40_000;
const hex = (value: number, width: number): string => value.toString(16).toUpperCase().padStart(width, '0');

test(
  `a capture with ${COUNT} PCI devices, each with its own modules.alias pattern, and ${COUNT} more bound to e1000e: every device is matched to its module`,
  { timeout: 300_000 },
  async () => {
    await withTempDir('large-capture', async (dir) => {
      const capture = join(dir, 'capture');
      await cp(fixture('laptop'), capture, { recursive: true });
      const sysfs: string[] = [];
      const aliases: string[] = [];
      const lspci: string[] = [];
      for (let index = 0; index < COUNT; index++) {
        const vendor = `0001${hex(index, 4)}`;
        sysfs.push(`/sys/devices/virtual/generated/dev${index}\tpci:v${vendor}d00000001sv00000000sd00000000bc02sc00i00\t-\t-`);
        aliases.push(`alias pci:v${vendor}d*sv*sd*bc*sc*i* gen${index}`);
        lspci.push(`${hex(index + 1, 4).toLowerCase()}:00:00.0 Ethernet controller [0200]: Intel Corporation Ethernet Connection [8086:15d8]`);
        lspci.push('\tKernel driver in use: e1000e', '\tKernel modules: e1000e');
      }
      await appendFile(join(capture, 'sysfs-devices.tsv'), `${sysfs.join('\n')}\n`);
      await appendFile(join(capture, 'modules.alias'), `${aliases.join('\n')}\n`);
      await appendFile(join(capture, 'lspci-nnk.txt'), `${lspci.join('\n')}\n`);

      const needs = hardwareNeeds(await readCapture(capture), { isTreeModule: () => true });
      const byModule = new Map(needs.modules.map((need) => [need.module, need]));
      for (const index of [0, 1, 4_095, 4_096, COUNT - 1]) {
        const need = byModule.get(`gen${index}`);
        assert.ok(need, `gen${index} is needed`);
        assert.deepEqual(need.chains.map(formatChain), [
          `pci device dev${index} -> modalias pci:v0001${hex(index, 4)}d00000001sv00000000sd00000000bc02sc00i00 -> alias pci:v0001${hex(index, 4)}d*sv*sd*bc*sc*i* gen${index} (modules.alias)`,
        ]);
      }
      assert.equal(needs.modules.filter((need) => need.module.startsWith('gen')).length, COUNT);
      const e1000e = byModule.get('e1000e');
      assert.ok(e1000e);
      const generated = e1000e.chains.filter((chain) => chain[0]?.text.endsWith('Ethernet controller: Intel Corporation Ethernet Connection [8086:15d8]'));
      assert.equal(generated.length, COUNT, 'one reason per device, none lost as a duplicate');
      assert.equal(new Set(e1000e.chains.map(formatChain)).size, e1000e.chains.length, 'no reason twice');
    });
  },
);
