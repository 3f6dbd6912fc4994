import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { createFile, replaceFile } from '../../engine/files/write-atomic.js';
import type { Session } from '../../engine/session.js';
import { changedOptions, type ExportEntry, type ExportFormat, formatExport } from './export-changes.js';
import { projectPresetDir, userPresetDir } from './user-presets.js';
import { plural } from '../../model/plural.js';

export interface CreatePresetOptions {
  /** The preset's name: the file is NAME.config or NAME.scm. */
  name: string;
  format: ExportFormat;
  description?: string;
  /** The .config text to compare against; default: the config as the session loaded it. */
  baseText?: string;
  /** Your presets (`$XDG_CONFIG_HOME/tuxconf/presets`) or the project's (`.tuxconf/presets`). */
  where: 'user' | 'project';
  env: NodeJS.ProcessEnv;
  cwd: string;
  overwrite?: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

/**
 * Saves the session's changes (against the loaded config, or against `baseText`) as a new
 * preset file, which the catalog then lists. Returns its path and the options it holds.
 */
export async function createPreset(session: Session, options: CreatePresetOptions): Promise<{ path: string; entries: ExportEntry[] }> {
  if (!NAME.test(options.name)) {
    throw new TuxconfError(`'${options.name}' cannot name a preset`, { hint: 'use letters, digits, and . _ + - (no spaces or slashes)' });
  }
  const base = options.baseText ?? (await session.loadedConfigText());
  const entries = changedOptions(session.model, base, await session.configText());
  if (entries.length === 0) throw new TuxconfError('nothing to save: no option differs from the base', { hint: 'change some options first' });
  const dir = options.where === 'user' ? userPresetDir(options.env) : projectPresetDir(options.cwd);
  const path = join(dir, `${options.name}${options.format === 'guix' ? '.scm' : '.config'}`);
  // lstat: a link (even a dangling one) under that name counts as a file there.
  const exists = await lstat(path).then(
    () => true,
    () => false,
  );
  if (exists && !options.overwrite) throw new TuxconfError(`${path} exists`, { hint: 'pick another name, or confirm overwriting it' });
  const description = options.description ?? `${plural(entries.length, 'option')} saved by tuxconf`;
  const text = formatExport(entries, options.format, { name: options.name, description });
  // Whole or not at all, and never through a link planted under the preset's name.
  if (options.overwrite) await replaceFile(path, text, { what: 'preset' });
  else await createFile(path, text, { what: 'preset' });
  return { path, entries };
}
