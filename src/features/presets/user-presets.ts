import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { escapeControl } from '../../model/escape-text.js';
import { loadSource } from './preset-file.js';
import type { Preset, PresetOrigin, SourceIssue } from './preset-types.js';

/** `$XDG_CONFIG_HOME/tuxconf/presets` (or `~/.config/tuxconf/presets`). */
export function userPresetDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'tuxconf', 'presets');
}

/** `.tuxconf/presets` in the directory tuxconf runs in: presets kept with a project. */
export function projectPresetDir(cwd: string): string {
  return join(cwd, '.tuxconf', 'presets');
}

const PRESET_FILE = /\.(config|fragment|scm|sexp|guix)$/;

/** A Guix list's preset name: its defined name without Scheme's `%` marker, or the file's name (control characters escaped). */
function listName(path: string, name: string | null): string {
  return escapeControl(name ? name.replace(/^%/, '') : basename(path, extname(path)));
}

/**
 * Presets from the files of one of the user's directories: a fragment file is one preset named
 * after the file; a Guix file holds one preset per option list. Files that cannot be read or
 * parsed (a link in the project's directory, a FIFO, a huge file) are reported in `issues` and
 * skipped, so one broken file does not hide the others.
 */
export async function presetsInDir(dir: string, origin: PresetOrigin, issues: SourceIssue[]): Promise<Preset[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => PRESET_FILE.test(name)).sort();
  const presets: Preset[] = [];
  for (const name of names) {
    const path = join(dir, name);
    // No link is followed out of a presets directory (the project's come with a repository someone else wrote).
    const source = await loadSource(path, { noFollow: true }).catch((error: Error) => {
      issues.push({ path, line: 0, message: error.message });
      return undefined;
    });
    if (!source) continue;
    if (source.issues.length > 0) {
      issues.push(...source.issues);
      continue;
    }
    presets.push(...presetsFromSource(source, origin));
  }
  return presets;
}

export function presetsFromSource(source: Awaited<ReturnType<typeof loadSource>>, origin: PresetOrigin): Preset[] {
  return source.lists.map((list) => ({
    name: listName(source.path, source.lists.length === 1 && source.format === 'fragment' ? null : list.name),
    origin,
    description: list.description,
    steps: [{ kind: 'merge' as const, files: [list.file] }],
  }));
}
