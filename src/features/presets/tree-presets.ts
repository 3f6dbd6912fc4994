import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseConfigLine } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import { type LoadedSource, loadSource } from './preset-file.js';
import type { Preset, PresetFile, SourceIssue } from './preset-types.js';

export interface TreeLocation {
  srcTree: string;
  srcArch: string;
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/**
 * The directories `make NAME.config` looks in, in the order its `$(wildcard ...)` lists them
 * (scripts/kconfig/Makefile: kernel/configs, then arch/$SRCARCH/configs).
 */
export function fragmentDirs(tree: TreeLocation): string[] {
  return [join(tree.srcTree, 'kernel', 'configs'), join(tree.srcTree, 'arch', tree.srcArch, 'configs')];
}

/** The files' lists; `unreadable` when one of them could not be read at all (then its preset is left out). */
async function readFiles(paths: string[], issues: SourceIssue[]): Promise<{ files: PresetFile[]; descriptions: string[]; unreadable: boolean }> {
  const files: PresetFile[] = [];
  const descriptions: string[] = [];
  let unreadable = false;
  for (const path of paths) {
    // Followed links are fine here: a tree (or a farm of links into one) is the user's own.
    const source: LoadedSource | undefined = await loadSource(path).catch((error: Error) => {
      issues.push({ path, line: 0, message: error.message });
      unreadable = true;
      return undefined;
    });
    if (!source) continue;
    issues.push(...source.issues);
    for (const list of source.lists) {
      files.push(list.file);
      descriptions.push(list.description);
    }
  }
  return { files, descriptions, unreadable };
}

/** The first `# Help:` text, as `make help` shows it, else the first comment. */
function describe(files: PresetFile[], fallback: string): string {
  for (const file of files) {
    const help = /^# Help: (.*)$/m.exec(file.text)?.[1];
    if (help) return escapeControl(help.trim());
  }
  for (const file of files) {
    const comment = /^#+ *(\S.*)$/m.exec(file.text)?.[1];
    if (comment && !parseConfigLine(`# ${comment}`)) return escapeControl(comment.trim());
  }
  return fallback;
}

/** Every `make NAME.config` target of this architecture, with the files it merges. */
export async function treeFragmentPresets(tree: TreeLocation, issues: SourceIssue[] = []): Promise<Preset[]> {
  const dirs = fragmentDirs(tree);
  const names = new Set<string>();
  for (const dir of dirs) for (const name of await listDir(dir)) if (name.endsWith('.config')) names.add(name);
  const presets: Preset[] = [];
  for (const name of [...names].sort()) {
    const paths: string[] = [];
    for (const dir of dirs) if ((await listDir(dir)).includes(name)) paths.push(join(dir, name));
    const { files, unreadable } = await readFiles(paths, issues);
    if (unreadable) continue;
    const shown = escapeControl(name);
    presets.push({ name: shown, origin: 'tree', description: describe(files, `no description (make ${shown})`), steps: [{ kind: 'merge', files }] });
  }
  return presets;
}

/**
 * Whole starting configurations: `make NAME_defconfig` for each arch defconfig, `make defconfig`
 * (KBUILD_DEFCONFIG, when known), `make allnoconfig` and `make tinyconfig`.
 */
export async function treeBasePresets(tree: TreeLocation, kbuildDefconfig?: string, issues: SourceIssue[] = []): Promise<Preset[]> {
  const archDir = join(tree.srcTree, 'arch', tree.srcArch, 'configs');
  const presets: Preset[] = [];
  const defconfigs = (await listDir(archDir)).filter((name) => name.endsWith('defconfig')).sort();
  for (const name of defconfigs) {
    const { files, unreadable } = await readFiles([join(archDir, name)], issues);
    if (unreadable) continue;
    const shown = escapeControl(name);
    presets.push({
      name: shown,
      origin: 'base',
      description: `arch/${tree.srcArch}/configs/${shown} as the whole configuration (make ${shown})`,
      steps: [{ kind: 'defconfig', files }],
    });
  }
  if (kbuildDefconfig && kbuildDefconfig !== 'defconfig' && defconfigs.includes(kbuildDefconfig)) {
    const { files, unreadable } = await readFiles([join(archDir, kbuildDefconfig)], []);
    if (!unreadable) presets.push({
      name: 'defconfig',
      origin: 'base',
      description: `the architecture's default configuration, ${kbuildDefconfig} (make defconfig)`,
      steps: [{ kind: 'defconfig', files }],
    });
  }
  presets.push({
    name: 'allnoconfig',
    origin: 'base',
    description: 'every option answered with no (make allnoconfig)',
    steps: [{ kind: 'allno', files: [] }],
  });
  const tinyBase = join(tree.srcTree, 'kernel', 'configs', 'tiny-base.config');
  const tiny = (await treeFragmentPresets(tree)).find((preset) => preset.name === 'tiny.config');
  if ((await listDir(join(tree.srcTree, 'kernel', 'configs'))).includes('tiny-base.config') && tiny) {
    const { files, unreadable } = await readFiles([tinyBase], issues);
    if (!unreadable) presets.push({
      name: 'tinyconfig',
      origin: 'base',
      description: 'the tiniest possible kernel (make tinyconfig: allnoconfig with tiny-base.config, then tiny.config)',
      steps: [{ kind: 'allno', files }, ...tiny.steps],
    });
  }
  return presets;
}
