import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { formatFragment, parseFragment } from './fragment-format.js';
import { type GuixOptionList, parseGuixOptions } from './guix-format.js';
import type { PresetFile, PresetFormat, SourceIssue } from './preset-types.js';

const GUIX_EXTENSIONS = new Set(['.scm', '.sexp', '.guix', '.el']);

/** Guix lists by extension, or by content that starts like Scheme (a `(` or a `;` comment). */
export function detectFormat(path: string, text: string): PresetFormat {
  if (GUIX_EXTENSIONS.has(extname(path))) return 'guix';
  if (extname(path) === '.config' || basename(path).endsWith('defconfig')) return 'fragment';
  return /^\s*[(;`']/.test(text) ? 'guix' : 'fragment';
}

export interface LoadedSource {
  path: string;
  format: PresetFormat;
  /** A fragment file gives one entry; a Guix file one per option list in it. */
  lists: { name: string | null; description: string; file: PresetFile }[];
  issues: SourceIssue[];
}

export function parseSource(path: string, text: string, format: PresetFormat = detectFormat(path, text)): LoadedSource {
  if (format === 'fragment') {
    const parsed = parseFragment(text, path);
    return {
      path,
      format,
      lists: [{ name: null, description: parsed.description, file: { path, format, entries: parsed.entries, text } }],
      issues: parsed.issues,
    };
  }
  const parsed = parseGuixOptions(text, path);
  return { path, format, lists: parsed.lists.map((list) => guixList(path, list)), issues: parsed.issues };
}

function guixList(path: string, list: GuixOptionList): LoadedSource['lists'][number] {
  return {
    name: list.name,
    description: list.description,
    file: { path, format: 'guix', entries: list.entries, text: formatFragment(list.entries) },
  };
}

export async function loadSource(path: string): Promise<LoadedSource> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'it is a directory' : error.message;
    throw new TuxconfError(`cannot read preset ${path}: ${why}`);
  });
  if (text.includes('\0')) {
    return { path, format: 'fragment', lists: [], issues: [{ path, line: 1, message: 'this is a binary file, not a config fragment or a Guix list' }] };
  }
  return parseSource(path, text);
}
