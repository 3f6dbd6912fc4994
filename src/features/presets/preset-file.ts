import { basename, extname } from 'node:path';
import { readBounded, SMALL_INPUT } from '../../engine/files/read-bounded.js';
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

export interface LoadOptions {
  /** Refuse a link (presets of a project: a cloned repository may hold links to anything). */
  noFollow?: boolean;
}

/**
 * Reads a preset file: a regular file of at most 1 MiB (a whole distribution .config is about
 * 300 KiB), never a FIFO or a device; text that is not UTF-8 is refused with its line, since
 * reading it as UTF-8 would change the bytes of a string value.
 */
export async function loadSource(path: string, options: LoadOptions = {}): Promise<LoadedSource> {
  const bytes = await readBounded(path, { maxBytes: SMALL_INPUT, what: 'preset', noFollow: options.noFollow });
  if (bytes.includes(0)) {
    return { path, format: 'fragment', lists: [], issues: [{ path, line: 1, message: 'this is a binary file, not a config fragment or a Guix list' }] };
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid) {
    return { path, format: 'fragment', lists: [], issues: [{ path, ...invalid, message: 'this line is not UTF-8 text: save the file as UTF-8' }] };
  }
  return parseSource(path, bytes.toString('utf8'));
}

/** The line and (byte) column of the first byte that does not start or continue valid UTF-8, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } | null {
  const index = invalidUtf8Index(bytes);
  if (index < 0) return null;
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < index; at++) {
    if (bytes[at] === 0x0a) {
      line++;
      lineStart = at + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

function invalidUtf8Index(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const follow = (lead & 0xe0) === 0xc0 ? 1 : (lead & 0xf0) === 0xe0 ? 2 : (lead & 0xf8) === 0xf0 ? 3 : 0;
    if (follow === 0 || index + follow >= bytes.length) return index;
    let code = lead & (0x7f >> (follow + 1));
    for (let k = 1; k <= follow; k++) {
      const next = bytes[index + k] as number;
      if ((next & 0xc0) !== 0x80) return index;
      code = (code << 6) | (next & 0x3f);
    }
    const smallest = follow === 1 ? 0x80 : follow === 2 ? 0x800 : 0x10000;
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
    index += follow + 1;
  }
  return -1;
}
