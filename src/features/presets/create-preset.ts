import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Session, TuxconfError } from '../../engine/session.js';
import { createFile, replaceFile } from '../../engine/files/write-atomic.js';
import { type BaseChoice, changesAgainst, changesDescription } from './base-config.js';
import { type ExportEntry, type ExportFormat, formatExport } from './export-changes.js';
import { projectPresetDir, userPresetDir } from './user-presets.js';

export interface CreatePresetOptions {
  /** The preset's name: the file is NAME.config or NAME.scm. */
  name: string;
  format: ExportFormat;
  /** Default: `N options changed against BASE (saved by tuxconf)`. */
  description?: string;
  /** What the changes are measured against; default the config as the session loaded it. */
  base?: BaseChoice;
  /** Your presets (`$XDG_CONFIG_HOME/tuxconf/presets`) or the project's (`.tuxconf/presets`). */
  where: 'user' | 'project';
  env: NodeJS.ProcessEnv;
  cwd: string;
  overwrite?: boolean;
}

/** A preset of that name and format exists already: nothing was written; ask before overwriting it. */
export class PresetExistsError extends TuxconfError {
  override name = 'PresetExistsError';
  readonly path: string;

  constructor(path: string) {
    super(`${path} exists`, { hint: 'pick another name, or confirm overwriting it' });
    this.path = path;
  }
}

/** No option differs from the base: there is nothing to save as a preset. */
export class NothingToSaveError extends TuxconfError {
  override name = 'NothingToSaveError';

  constructor() {
    super('nothing to save: no option differs from the base', { hint: 'change some options first' });
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/** Where a preset of that name and format is kept. */
export function presetPath(options: Pick<CreatePresetOptions, 'name' | 'format' | 'where' | 'env' | 'cwd'>): string {
  const dir = options.where === 'user' ? userPresetDir(options.env) : projectPresetDir(options.cwd);
  return join(dir, `${options.name}${options.format === 'guix' ? '.scm' : '.config'}`);
}

/**
 * Saves the session's changes against a base (the loaded config by default) as a new preset
 * file, which the catalog then lists. Returns its path and the options it holds; throws
 * PresetExistsError (before any work) and NothingToSaveError instead of writing.
 */
export async function createPreset(session: Session, options: CreatePresetOptions): Promise<{ path: string; entries: ExportEntry[] }> {
  if (!NAME.test(options.name)) {
    throw new TuxconfError(`'${options.name}' cannot name a preset`, { hint: 'use letters, digits, and . _ + - (no spaces or slashes)' });
  }
  const path = presetPath(options);
  // lstat: a link (even a dangling one) under that name counts as a file there.
  const exists = await lstat(path).then(
    () => true,
    () => false,
  );
  if (exists && !options.overwrite) throw new PresetExistsError(path);
  const { base, entries } = await changesAgainst(session, options.base ?? { kind: 'loaded' });
  if (entries.length === 0) throw new NothingToSaveError();
  const description = options.description ?? changesDescription(entries.length, base, 'saved by tuxconf');
  const text = formatExport(entries, options.format, { name: options.name, description });
  // Whole or not at all, and never through a link planted under the preset's name.
  if (options.overwrite) await replaceFile(path, text, { what: 'preset' });
  else await createFile(path, text, { what: 'preset' });
  return { path, entries };
}
