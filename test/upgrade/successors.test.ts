import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { configValues, grepTree } from './support.js';

/**
 * Symbols of Debian's 6.1 amd64 config that 6.12 no longer has, each with the symbol that took
 * over and where the two trees show it: the same object (or Makefile block) built under the new
 * name, or the same Kconfig prompt (or the same select) under the new name.
 */
interface Rename {
  old: string;
  successor: string;
  /** [file, text naming the old symbol in 6.1, text naming the successor in 6.12] */
  evidence: [string, string, string];
  method: 'makefile' | 'prompt-help' | 'name';
}

const RENAMES: Rename[] = [
  {
    old: 'PAGE_TABLE_ISOLATION',
    successor: 'MITIGATION_PAGE_TABLE_ISOLATION',
    method: 'makefile',
    evidence: ['arch/x86/mm/Makefile', 'obj-$(CONFIG_PAGE_TABLE_ISOLATION)', 'obj-$(CONFIG_MITIGATION_PAGE_TABLE_ISOLATION)'],
  },
  {
    old: 'RETPOLINE',
    successor: 'MITIGATION_RETPOLINE',
    method: 'makefile',
    evidence: ['arch/x86/lib/Makefile', 'lib-$(CONFIG_RETPOLINE) += retpoline.o', 'lib-$(CONFIG_MITIGATION_RETPOLINE) += retpoline.o'],
  },
  {
    old: 'RETHUNK',
    successor: 'MITIGATION_RETHUNK',
    method: 'makefile',
    evidence: ['arch/x86/Makefile', 'ifdef CONFIG_RETHUNK', 'ifdef CONFIG_MITIGATION_RETHUNK'],
  },
  { old: 'SLS', successor: 'MITIGATION_SLS', method: 'makefile', evidence: ['arch/x86/Makefile', 'ifdef CONFIG_SLS', 'ifdef CONFIG_MITIGATION_SLS'] },
  {
    old: 'DRM_DP_AUX_CHARDEV',
    successor: 'DRM_DISPLAY_DP_AUX_CHARDEV',
    method: 'makefile',
    evidence: [
      'drivers/gpu/drm/display/Makefile',
      'drm_display_helper-$(CONFIG_DRM_DP_AUX_CHARDEV) += drm_dp_aux_dev.o',
      'drm_display_helper-$(CONFIG_DRM_DISPLAY_DP_AUX_CHARDEV) += drm_dp_aux_dev.o',
    ],
  },
  {
    old: 'DRM_DP_CEC',
    successor: 'DRM_DISPLAY_DP_AUX_CEC',
    method: 'makefile',
    evidence: [
      'drivers/gpu/drm/display/Makefile',
      'drm_display_helper-$(CONFIG_DRM_DP_CEC) += drm_dp_cec.o',
      'drm_display_helper-$(CONFIG_DRM_DISPLAY_DP_AUX_CEC) += drm_dp_cec.o',
    ],
  },
  {
    old: 'CS_DSP',
    successor: 'FW_CS_DSP',
    method: 'makefile',
    evidence: ['drivers/firmware/cirrus/Makefile', 'obj-$(CONFIG_CS_DSP)', 'obj-$(CONFIG_FW_CS_DSP)'],
  },
  {
    old: 'FB_SYS_FOPS',
    successor: 'FB_SYSMEM_FOPS',
    method: 'makefile',
    evidence: ['drivers/video/fbdev/core/Makefile', 'obj-$(CONFIG_FB_SYS_FOPS)', 'obj-$(CONFIG_FB_SYSMEM_FOPS)'],
  },
  {
    old: 'PTDUMP_CORE',
    successor: 'PTDUMP',
    method: 'makefile',
    evidence: ['mm/Makefile', 'obj-$(CONFIG_PTDUMP_CORE) += ptdump.o', 'obj-$(CONFIG_PTDUMP) += ptdump.o'],
  },
  {
    old: 'BLK_DEV_INTEGRITY_T10',
    successor: 'BLK_DEV_INTEGRITY',
    method: 'makefile',
    evidence: ['block/Makefile', 'obj-$(CONFIG_BLK_DEV_INTEGRITY_T10)', 't10-pi.o'],
  },
  {
    old: 'MICROCODE_AMD',
    successor: 'CPU_SUP_AMD',
    method: 'makefile',
    evidence: ['arch/x86/kernel/cpu/microcode/Makefile', 'microcode-$(CONFIG_MICROCODE_AMD)', 'microcode-$(CONFIG_CPU_SUP_AMD)'],
  },
  {
    old: 'MICROCODE_INTEL',
    successor: 'CPU_SUP_INTEL',
    method: 'makefile',
    evidence: ['arch/x86/kernel/cpu/microcode/Makefile', 'microcode-$(CONFIG_MICROCODE_INTEL)', 'microcode-$(CONFIG_CPU_SUP_INTEL)'],
  },
  {
    old: 'CRASH_CORE',
    successor: 'CRASH_DUMP',
    method: 'makefile',
    evidence: ['kernel/Makefile', 'obj-$(CONFIG_CRASH_CORE) += crash_core.o', 'obj-$(CONFIG_CRASH_DUMP) += crash_core.o'],
  },
  {
    old: 'DMA_OPS',
    successor: 'DMA_OPS_HELPERS',
    method: 'makefile',
    evidence: ['kernel/dma/Makefile', 'obj-$(CONFIG_DMA_OPS)', 'obj-$(CONFIG_DMA_OPS_HELPERS)'],
  },
  {
    old: 'GENERIC_MSI_IRQ_DOMAIN',
    successor: 'GENERIC_MSI_IRQ',
    method: 'makefile',
    evidence: ['drivers/base/Makefile', 'obj-$(CONFIG_GENERIC_MSI_IRQ_DOMAIN) += platform-msi.o', 'obj-$(CONFIG_GENERIC_MSI_IRQ) += platform-msi.o'],
  },
  {
    old: 'PCI_MSI_IRQ_DOMAIN',
    successor: 'PCI_MSI',
    method: 'makefile',
    evidence: ['drivers/pci/msi/Makefile', 'obj-$(CONFIG_PCI_MSI_IRQ_DOMAIN)', 'irqdomain.o'],
  },
  {
    old: 'CPU_UNRET_ENTRY',
    successor: 'MITIGATION_UNRET_ENTRY',
    method: 'prompt-help',
    evidence: ['arch/x86/Kconfig', 'config CPU_UNRET_ENTRY', 'config MITIGATION_UNRET_ENTRY'],
  },
  {
    old: 'CPU_IBPB_ENTRY',
    successor: 'MITIGATION_IBPB_ENTRY',
    method: 'prompt-help',
    evidence: ['arch/x86/Kconfig', 'config CPU_IBPB_ENTRY', 'config MITIGATION_IBPB_ENTRY'],
  },
  {
    old: 'CPU_IBRS_ENTRY',
    successor: 'MITIGATION_IBRS_ENTRY',
    method: 'prompt-help',
    evidence: ['arch/x86/Kconfig', 'config CPU_IBRS_ENTRY', 'config MITIGATION_IBRS_ENTRY'],
  },
  { old: 'CPU_SRSO', successor: 'MITIGATION_SRSO', method: 'prompt-help', evidence: ['arch/x86/Kconfig', 'config CPU_SRSO', 'config MITIGATION_SRSO'] },
  {
    old: 'VIDEO_STK1160_COMMON',
    successor: 'VIDEO_STK1160',
    method: 'prompt-help',
    evidence: ['drivers/media/usb/stk1160/Kconfig', 'config VIDEO_STK1160_COMMON', 'tristate "STK1160 USB video capture support"'],
  },
  { old: 'HAVE_FAST_GUP', successor: 'HAVE_GUP_FAST', method: 'name', evidence: ['arch/x86/Kconfig', 'select HAVE_FAST_GUP', 'select HAVE_GUP_FAST'] },
];

/** The ones the name and position methods find without the old tree (the CPU_SUP_* takeovers need its Makefiles). */
const WITHOUT_OLD_TREE = RENAMES.filter((rename) => !rename.old.startsWith('MICROCODE_'));

const old61 = kernelTree('6.1');
const new612 = kernelTree('6.12');

interface SuccessorJson {
  name: string;
  methods: string[];
  confident: boolean;
}
interface Report {
  lost: { name: string; category: string; successors: string[]; successorDetails: SuccessorJson[] }[];
  changedDefaults: { name: string; kind: string; old: string; now: string | null; newDefault: string }[];
  applied: { fixed: { name: string; targets: { name: string; value: string }[] }[]; met: { name: string }[] } | null;
}

describe('successors of symbols 6.12 no longer has, Debian 6.1 amd64', () => {
  let withTree: Report;
  let withoutTree: Report;
  let oldText = '';

  before(async () => {
    oldText = debianConfig('6.1');
    await withTempDir('upgrade-successors', async (dir) => {
      const oldPath = join(dir, 'config-6.1');
      await writeFile(oldPath, oldText);
      const base = ['upgrade', '-C', new612, '--arch', 'x86', oldPath, '--json'];
      const a = await runTuxconf([...base, '-O', join(dir, 'a'), '--old-tree', old61]);
      assert.equal(a.exitCode, 0, a.stderr);
      withTree = JSON.parse(a.stdout) as Report;
      const b = await runTuxconf([...base, '-O', join(dir, 'b')]);
      assert.equal(b.exitCode, 0, b.stderr);
      withoutTree = JSON.parse(b.stdout) as Report;
    });
  });

  it('names renames the two trees show', () => {
    for (const { old, successor, evidence } of RENAMES) {
      const [file, before, after] = evidence;
      assert.ok(grepTree(old61, file, before).length > 0, `6.1 ${file} has ${before}`);
      assert.ok(grepTree(new612, file, after).length > 0, `6.12 ${file} has ${after}`);
      assert.ok(
        !grepTree(new612, file, before).some((line) => line.includes(`CONFIG_${old})`) || line.endsWith(`config ${old}`)),
        `6.12 ${file} no longer has ${old}`,
      );
      assert.notEqual(old, successor);
    }
  });

  it('with the old tree: every successor is among the first three, found by its Makefiles or its prompt', () => {
    for (const { old, successor, method } of RENAMES) {
      const entry = withTree.lost.find((candidate) => candidate.name === old);
      assert.equal(entry?.category, 'removed', old);
      const rank = entry.successors.indexOf(successor);
      assert.ok(rank >= 0 && rank < 3, `${old} -> ${successor}: offered ${entry.successors.join(', ')}`);
      assert.ok(entry.successorDetails[rank]!.methods.includes(method), `${old} -> ${successor} found by ${method}: ${entry.successorDetails[rank]!.methods}`);
    }
  });

  it('with the old tree: the Makefile takeovers are confident (what --apply sets)', () => {
    for (const { old, successor, method } of RENAMES.filter((rename) => rename.method === 'makefile')) {
      const details = withTree.lost.find((candidate) => candidate.name === old)!.successorDetails.find((candidate) => candidate.name === successor)!;
      assert.ok(details.confident, `${old} -> ${successor} (${method})`);
    }
  });

  it('without the old tree: names, positions and the Kconfig still put most of them among the first three', () => {
    const missed = WITHOUT_OLD_TREE.filter(({ old, successor }) => {
      const entry = withoutTree.lost.find((candidate) => candidate.name === old)!;
      const rank = entry.successors.indexOf(successor);
      return !(rank >= 0 && rank < 3);
    });
    assert.deepEqual(missed, []);
    assert.ok(WITHOUT_OLD_TREE.length >= 10);
  });

  it('with the old tree: changed defaults are what carrying the old savedefconfig gives', async () => {
    await withTempDir('upgrade-defaults', async (dir) => {
      // The kernel's tools: 6.1's savedefconfig of the old config, and 6.12's olddefconfig of it and of the full config.
      const old = await outputDirWith(dir, 'old', oldText);
      kernelMake(old61, old, ['savedefconfig']);
      const minimal = await readFile(join(old, 'defconfig'), 'utf8');
      const fromMinimal = configValues(await makeOlddefconfig(dir, 'minimal', minimal));
      const fromFull = configValues(await makeOlddefconfig(dir, 'full', oldText));
      const inMinimal = configValues(minimal);
      const kept = withTree.changedDefaults.filter((change) => change.kind === 'kept');
      assert.ok(kept.length > 10);
      for (const change of kept) {
        assert.ok(!inMinimal.has(change.name), `${change.name} was at its 6.1 default`);
        assert.equal(change.now, fromFull.get(change.name) ?? null, `${change.name} keeps its old value`);
        assert.equal(change.newDefault, fromMinimal.get(change.name) ?? 'n', `${change.name}: 6.12's default`);
        assert.notEqual(change.newDefault, change.now);
      }
      for (const name of ['X86_KERNEL_IBT', 'NFS_V4_2_READ_PLUS', 'KVM_WERROR'])
        assert.ok(
          kept.some((change) => change.name === name),
          name,
        );
    });
  });
});

async function makeOlddefconfig(dir: string, name: string, config: string): Promise<string> {
  const out = await outputDirWith(dir, name, config);
  kernelMake(new612, out, ['olddefconfig']);
  return readFile(join(out, '.config'), 'utf8');
}
