import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { loadExeca } from '../../engine/load-execa.js';
import { type KernelTree, makeArguments } from '../../engine/kernel-tree.js';

export interface BuildArtifact {
  label: string;
  /** Absolute path. */
  path: string;
  sizeBytes: number;
  /** Written by this build (not left from an earlier one). */
  updated: boolean;
}

export interface ModulesSummary {
  /** Where modules.order lives (the output directory, or M= for external modules). */
  dir: string;
  count: number;
  updated: number;
}

export interface ArtifactReport {
  artifacts: BuildArtifact[];
  modules?: ModulesSummary;
}

/** The boot image kbuild makes for this tree and architecture, asked from its own `image_name` target. */
export async function bootImageName(tree: KernelTree, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const result = await (await loadExeca())('make', ['-s', ...makeArguments(tree), 'image_name'], { env, extendEnv: false, reject: false, stdin: 'ignore' });
  const name = result.stdout.trim().split('\n').at(-1)?.trim();
  return result.exitCode === 0 && name ? name : undefined;
}

/** What the build left behind: vmlinux, the boot image, System.map, and the modules. */
export async function collectArtifacts(
  tree: KernelTree,
  startedAt: number,
  options: { env: NodeJS.ProcessEnv; externalModuleDir?: string },
): Promise<ArtifactReport> {
  const candidates: { label: string; file: string }[] = [
    { label: 'kernel', file: 'vmlinux' },
    { label: 'symbol map', file: 'System.map' },
  ];
  const image = await bootImageName(tree, options.env);
  if (image && image !== 'vmlinux') candidates.splice(1, 0, { label: 'boot image', file: image });

  const artifacts: BuildArtifact[] = [];
  for (const candidate of candidates) {
    const path = join(tree.objTree, candidate.file);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) artifacts.push({ label: candidate.label, path, sizeBytes: info.size, updated: info.mtimeMs >= startedAt });
  }
  const report: ArtifactReport = { artifacts };
  const moduleDir = options.externalModuleDir ? resolve(tree.objTree, options.externalModuleDir) : tree.objTree;
  const modules = await summarizeModules(moduleDir, startedAt);
  if (modules) report.modules = modules;
  return report;
}

async function summarizeModules(dir: string, startedAt: number): Promise<ModulesSummary | undefined> {
  const order = await readFile(join(dir, 'modules.order'), 'utf8').catch(() => undefined);
  if (order === undefined) return undefined;
  let count = 0;
  let updated = 0;
  for (const entry of order.split('\n')) {
    const name = entry.trim();
    if (!name) continue;
    const module = name.replace(/\.o$/, '.ko');
    const info = await stat(isAbsolute(module) ? module : join(dir, module)).catch(() => undefined);
    if (!info) continue;
    count += 1;
    if (info.mtimeMs >= startedAt) updated += 1;
  }
  return count > 0 ? { dir, count, updated } : undefined;
}
