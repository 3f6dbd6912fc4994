import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cacheRoot, ensurePrivateDir, shortHash } from '../../engine/cache-dir.js';
import { readBounded, SMALL_INPUT } from '../../engine/files/read-bounded.js';
import { TuxconfError } from '../../engine/errors.js';
import { isKernelTree } from '../../engine/kernel-tree.js';
import { openSession } from '../../engine/open-session.js';
import { escapeControl } from '../../model/escape-text.js';
import { makeWorkDir, removeWorkDir } from '../../engine/work-dir.js';
import type { MenuModel } from '../../model/types.js';
import { loadMakefileFootprints, type MakefileFootprints } from './makefile-footprints.js';
import type { OldConfig } from './old-config.js';

/** What the old kernel's own tree says about the old config. */
export interface OldTree {
  srcTree: string;
  version: string;
  /** The old tree's Kconfig, read by its own kconfig. */
  model: MenuModel;
  footprints: MakefileFootprints;
  /** The old config as the old tree's `make savedefconfig` writes it: the values it holds away from their defaults. */
  minimal: Buffer;
}

export interface OldTreeOptions {
  arch: string;
  makeVars: Record<string, string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  onProgress?: (message: string) => void;
}

/**
 * Opens the old kernel's tree with its own kconfig (as tuxconf opens any tree), reads the old
 * config there and asks for its savedefconfig; reads its Makefiles. Nothing is written into
 * the tree: make's output (kconfig's objects) goes to a directory in tuxconf's cache, kept for
 * the next run, and the config copy and the defconfig to a private directory removed after.
 */
export async function openOldTree(dir: string, old: OldConfig, options: OldTreeOptions): Promise<OldTree> {
  const srcTree = resolve(options.cwd, dir);
  if (!(await isKernelTree(srcTree))) {
    throw new TuxconfError(`the old tree ${escapeControl(srcTree)} is not a kernel source tree (no Kconfig, Makefile and scripts/kconfig)`, {
      hint: 'give the source tree of the kernel the old config was written for (an extracted linux-source or a git checkout)',
    });
  }
  const output = await ensurePrivateDir(
    join(cacheRoot(options.env), 'old-trees', shortHash(srcTree, options.arch, JSON.stringify(options.makeVars))),
    "tuxconf's build directory for old trees",
    'XDG_CACHE_HOME (or TUXCONF_CACHE_DIR)',
  );
  const work = await makeWorkDir();
  try {
    const configPath = join(work, 'old.config');
    await writeFile(configPath, old.bytes, { mode: 0o600 });
    const session = await openSession({
      tree: srcTree,
      output,
      arch: options.arch,
      config: configPath,
      makeVars: options.makeVars,
      env: options.env,
      cwd: options.cwd,
      onProgress: options.onProgress,
    });
    try {
      const [footprints, minimal] = await Promise.all([
        loadMakefileFootprints(srcTree, session.kernel.srcArch),
        session.saveDefconfig(join(work, 'defconfig')).then(() => readBounded(join(work, 'defconfig'), { maxBytes: SMALL_INPUT * 4, what: 'defconfig' })),
      ]);
      return { srcTree, version: session.kernel.version, model: session.model, footprints, minimal };
    } finally {
      await session.close();
    }
  } finally {
    await removeWorkDir(work);
  }
}
