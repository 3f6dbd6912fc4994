import { basename, extname, resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { pathExists } from '../../engine/path-exists.js';
import { PresetError } from './preset-error.js';
import { loadSource } from './preset-file.js';
import type { Preset, PresetOrigin, SourceIssue } from './preset-types.js';
import { type TreeLocation, treeBasePresets, treeFragmentPresets } from './tree-presets.js';
import { presetsFromSource, presetsInDir, projectPresetDir, userPresetDir } from './user-presets.js';

export interface PresetCatalog {
  /** In listing order: the tree's fragments, its base configurations, then the user's and the project's. */
  presets: Preset[];
  /** Files in the preset directories that could not be read, with the line to fix. */
  issues: SourceIssue[];
}

export interface CatalogOptions {
  tree: TreeLocation;
  /** KBUILD_DEFCONFIG, for a `defconfig` preset. */
  kbuildDefconfig?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function loadCatalog(options: CatalogOptions): Promise<PresetCatalog> {
  const issues: SourceIssue[] = [];
  const presets = [
    ...(await treeFragmentPresets(options.tree, issues)),
    ...(await treeBasePresets(options.tree, options.kbuildDefconfig, issues)),
    ...(await presetsInDir(userPresetDir(options.env), 'user', issues)),
    ...(await presetsInDir(projectPresetDir(options.cwd), 'project', issues)),
  ];
  return { presets, issues };
}

const QUALIFIERS = new Set<PresetOrigin>(['tree', 'base', 'user', 'project']);
/** Which preset wins when two origins use the same name: the nearest to the user. */
const PRECEDENCE: PresetOrigin[] = ['project', 'user', 'tree', 'base'];

/** Finds a preset by name: `kvm_guest.config`, `kvm_guest`, `user:efi`, or a file path. */
export async function resolvePreset(argument: string, catalog: PresetCatalog, cwd: string): Promise<Preset[]> {
  const qualified = /^([a-z]+):(.+)$/.exec(argument);
  const origin = qualified && QUALIFIERS.has(qualified[1] as PresetOrigin) ? (qualified[1] as PresetOrigin) : undefined;
  const name = origin ? qualified![2]! : argument;
  const pool = origin ? catalog.presets.filter((preset) => preset.origin === origin) : catalog.presets;

  if (origin || !argument.includes('/')) {
    const exact = pool.filter((preset) => preset.name === name);
    const found = exact.length > 0 ? exact : pool.filter((preset) => preset.name === `${name}.config`);
    if (found.length > 0) {
      const best = PRECEDENCE.map((rank) => found.find((preset) => preset.origin === rank)).find(Boolean);
      return [best ?? found[0]!];
    }
  }
  if (!origin && (argument.includes('/') || (await pathExists(resolve(cwd, argument))))) return presetsFromFile(resolve(cwd, argument));

  const broken = catalog.issues.filter((issue) => basename(issue.path, extname(issue.path)) === name.replace(/\.config$/, ''));
  if (broken.length > 0) throw new PresetError(`preset '${argument}' cannot be read`, broken);
  throw new TuxconfError(`no preset named '${argument}'`, {
    hint: `run 'tuxconf presets' for the list; a file is taken by path (./${argument}); tree fragments are named like make targets (kvm_guest.config)`,
  });
}

export async function presetsFromFile(path: string): Promise<Preset[]> {
  const source = await loadSource(path);
  if (source.issues.length > 0) throw new PresetError(`${path} cannot be used as written`, source.issues);
  return presetsFromSource(source, 'file');
}

export async function resolvePresets(argumentsList: string[], catalog: PresetCatalog, cwd: string): Promise<Preset[]> {
  const presets: Preset[] = [];
  for (const argument of argumentsList) presets.push(...(await resolvePreset(argument, catalog, cwd)));
  return presets;
}

