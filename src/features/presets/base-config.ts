import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LARGE_INPUT, readBoundedText } from '../../engine/files/read-bounded.js';
import { type Session, TuxconfError } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';
import { changedOptions, type ExportEntry } from './export-changes.js';
import { minimalChanges } from './minimal-changes.js';
import type { PresetCatalog } from './preset-catalog.js';

/** What changes are measured against: the config as loaded, the arch's default configuration, or a file. */
export type BaseChoice = { kind: 'loaded' } | { kind: 'defconfig'; path: string } | { kind: 'file'; path: string };

/** A base's .config text as the kernel writes it for this tree, and how to name it in a description. */
export interface BaseConfig {
  text: string;
  name: string;
}

/**
 * The defconfig `make defconfig` means: KBUILD_DEFCONFIG when the arch's configs hold it, else
 * the arch's first defconfig (the demo tree and arches without one named).
 */
export function chooseDefconfig(names: readonly string[], kbuildDefconfig: string | undefined): string | undefined {
  const defconfigs = names.filter((name) => name.endsWith('defconfig')).sort();
  return kbuildDefconfig && defconfigs.includes(kbuildDefconfig) ? kbuildDefconfig : defconfigs[0];
}

/** The default defconfig's file among a catalog's whole configurations. */
export function catalogDefconfig(catalog: PresetCatalog, kbuildDefconfig: string | undefined): string | undefined {
  const paths = catalog.presets.flatMap((preset) =>
    preset.origin === 'base' && preset.steps[0]?.kind === 'defconfig' ? (preset.steps[0].files[0]?.path ?? []) : [],
  );
  const chosen = chooseDefconfig(
    paths.map((path) => basename(path)),
    kbuildDefconfig,
  );
  return paths.find((path) => basename(path) === chosen);
}

/** The default defconfig's file in the session's tree, or why there is none. */
export async function sessionDefconfig(session: Session): Promise<string> {
  const dir = join(session.kernel.srcTree, 'arch', session.kernel.srcArch, 'configs');
  const names = await readdir(dir).catch(() => [] as string[]);
  const chosen = chooseDefconfig(names, session.kbuildVariable('KBUILD_DEFCONFIG'));
  if (!chosen) throw new TuxconfError(`this tree has no default configuration in ${escapeControl(dir)}`, { hint: 'give --against FILE or --against loaded' });
  return join(dir, chosen);
}

/**
 * The .config the kernel writes for a whole config file: read into the session as `make
 * NAME_defconfig` would, then undone. The session ends as it was (checked).
 */
async function configTextOf(session: Session, path: string): Promise<string> {
  const before = await session.configText();
  await session.loadConfig(path, `read ${basename(path)}`);
  let text: string;
  try {
    text = await session.configText();
  } finally {
    await session.undo();
  }
  if ((await session.configText()) !== before) {
    throw new TuxconfError('reading the base configuration could not restore the configuration it started from', {
      hint: 'undo the last steps (u) and report this as a tuxconf bug',
    });
  }
  return text;
}

/** The base's text and name: what `tuxconf export --against` and the presets pane's "Against:" compare with. */
export async function readBaseConfig(session: Session, base: BaseChoice): Promise<BaseConfig> {
  if (base.kind === 'loaded') return { text: await session.loadedConfigText(), name: 'the loaded config' };
  return { text: await configTextOf(session, base.path), name: basename(base.path) };
}

/** The options whose values differ from the base's: what a preset or an export of the changes holds. */
export async function changesAgainst(session: Session, choice: BaseChoice): Promise<{ base: BaseConfig; entries: ExportEntry[] }> {
  const base = await readBaseConfig(session, choice);
  return { base, entries: changedOptions(session.model, base.text, await session.configText()) };
}

/**
 * The base an exported list is appended to, as Guix's `make-linux-libre` and `merge_config.sh`
 * do: a file as it is (a `#:configuration-file`, merge_config's base), the .config `make
 * defconfig` writes for the defconfig (Guix without a configuration file), the loaded config as
 * the kernel wrote it.
 */
export async function exportBase(session: Session, choice: BaseChoice): Promise<BaseConfig> {
  if (choice.kind !== 'file') return readBaseConfig(session, choice);
  return { text: await readBoundedText(choice.path, { maxBytes: LARGE_INPUT, what: 'config file' }), name: basename(choice.path) };
}

/** The smallest list that, appended to the base and put through olddefconfig, gives the session's configuration back. */
export async function minimalChangesAgainst(session: Session, choice: BaseChoice): Promise<{ base: BaseConfig; entries: ExportEntry[] }> {
  const base = await exportBase(session, choice);
  return { base, entries: await minimalChanges(session, base.text) };
}

/** `12 options changed against x86_64_defconfig (tuxconf export)`: the description an export or a preset carries. */
export function changesDescription(count: number, base: BaseConfig, by: string): string {
  return `${count} option${count === 1 ? '' : 's'} changed against ${base.name} (${by})`;
}
