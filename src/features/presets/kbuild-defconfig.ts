import { probeKbuildEnvironment } from '../../engine/kbuild-env.js';
import type { KernelTree } from '../../engine/kernel-tree.js';

/**
 * The defconfig `make defconfig` uses (KBUILD_DEFCONFIG, set by the arch Makefile, e.g.
 * x86_64_defconfig for ARCH=x86 on a 64-bit host), asked from the tree's own Makefile.
 */
export async function kbuildDefconfig(kernel: KernelTree, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (kernel.demo) return undefined;
  const vars = await probeKbuildEnvironment(kernel, env);
  return vars.KBUILD_DEFCONFIG || undefined;
}
