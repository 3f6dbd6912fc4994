import { type HardwareInputs, inputText } from './hardware-inputs.js';
import type { Mount } from './mounts.js';
import { rootMount } from './mounts.js';
import type { NeedCollector } from './need-collector.js';
import { type ReasonChain, step } from './reason-chain.js';
import { type BlockDevice, parseBlockDevices } from './sysfs-devices.js';

/**
 * The sysfs paths of every block device under the root file system (partitions, device-mapper
 * and md slaves), each with the steps that lead there.
 */
export function rootStoragePaths(inputs: HardwareInputs, mounts: Mount[], collector: NeedCollector): Map<string, ReasonChain> {
  const paths = new Map<string, ReasonChain>();
  const root = rootMount(mounts);
  if (!root || !root.source.startsWith('/dev/')) return paths;
  const blocks = parseBlockDevices(inputText(inputs, 'block-devices') ?? '');
  const byName = new Map(blocks.map((block) => [block.name, block]));
  const start = findBlockDevice(root.source, blocks);
  const rootStep = step('root', `root file system ${root.type} on ${root.source}`);
  if (!start) {
    paths.set(`/dev/${root.source.slice(5)}`, [rootStep]);
    return paths;
  }
  // A captured list may name a device among its own slaves, or one slave many times: each device
  // is followed once, so a hostile capture cannot make the walk exponential.
  const visited = new Set<BlockDevice>();
  const visit = (block: BlockDevice, chain: ReasonChain, depth: number): void => {
    if (visited.has(block)) return;
    visited.add(block);
    const here = [...chain, step('device', `block device ${block.name}`)];
    paths.set(block.path, here);
    if (block.dmUuid !== null || block.name.startsWith('dm-')) {
      collector.module('dm_mod', [...here, step('module', `device-mapper ${block.dmName ?? block.name}`)], { rootPath: true });
      if (block.dmUuid?.startsWith('CRYPT-')) {
        collector.module('dm_crypt', [...here, step('module', `dm-crypt mapping (uuid ${block.dmUuid.split('-').slice(0, 2).join('-')}...)`)], { rootPath: true });
      }
    }
    if (block.name.startsWith('md')) collector.module('md_mod', [...here, step('module', `software RAID ${block.name}`)], { rootPath: true });
    if (depth > 8) return;
    for (const slave of block.slaves) {
      const next = byName.get(slave);
      if (next) visit(next, here, depth + 1);
    }
  };
  visit(start, [rootStep], 0);
  return paths;
}

function findBlockDevice(source: string, blocks: BlockDevice[]): BlockDevice | undefined {
  const name = source.slice('/dev/'.length);
  if (name.startsWith('mapper/')) return blocks.find((block) => block.dmName === name.slice('mapper/'.length));
  return blocks.find((block) => block.name === name.split('/').pop());
}
