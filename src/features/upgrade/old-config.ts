import { escapeControl } from '../../model/escape-text.js';
import { TuxconfError } from '../../engine/errors.js';
import { readBounded, LARGE_INPUT } from '../../engine/files/read-bounded.js';
import { srcArchOf } from '../../engine/host-arch.js';
import { configTextLines, parseConfigLine } from '../../model/config-text.js';

/** The header line the kernel's writer puts at the top of every .config: `# Linux/x86 6.1.192 Kernel Configuration`. */
export interface ConfigHeader {
  /** As written after `Linux/`: the ARCH make was given (x86, x86_64, arm64 ...). */
  arch: string;
  srcArch: string;
  /** The kernel version, e.g. 6.1.192. */
  version: string;
  line: number;
}

/** One symbol line of the old config, the last one winning as in the kernel's reader. */
export interface OldEntry {
  name: string;
  /** The right-hand side as written (`y`, `m`, `"text"`, `0x10`), or `n` for `# CONFIG_X is not set`. */
  text: string;
  line: number;
}

export interface OldConfig {
  /** The file's bytes, exactly: what the kernel's reader is given. */
  bytes: Buffer;
  header: ConfigHeader | null;
  /** By name, in the order of their (last) lines. */
  entries: Map<string, OldEntry>;
  /** Lines that are neither a symbol line, a comment nor blank: the kernel skips them with a warning. */
  unreadable: { line: number; text: string }[];
}

/** A value the old config "set": y, m, or a value of a string, int or hex symbol (an `=n` line is "not set"). */
export function isSetValue(text: string): boolean {
  return text !== 'n';
}

const HEADER = /^# Linux\/([A-Za-z0-9_.-]+) (\S+) Kernel Configuration$/;
/** The header is in the first lines the writer puts out; a header further down is someone's comment. */
const HEADER_WINDOW = 8;
/** Lines of junk kept for the report: enough to show, bounded whatever the file holds. */
const UNREADABLE_KEPT = 50;

/**
 * Reads an old config the way the kernel's conf_read_simple() does, through the one reader of
 * .config text (src/model/config-text.ts): `CONFIG_X=value` and `# CONFIG_X is not set` lines,
 * the last line of a symbol winning; plus the header, and the lines it skips as unexpected.
 */
export function parseOldConfig(bytes: Buffer): OldConfig {
  const entries = new Map<string, OldEntry>();
  const unreadable: OldConfig['unreadable'] = [];
  let header: ConfigHeader | null = null;
  configTextLines(bytes.toString('utf8')).forEach((text, index) => {
    const line = index + 1;
    const assignment = parseConfigLine(text);
    if (assignment) {
      // A later line for the same symbol overrides an earlier one (the kernel warns "override").
      entries.delete(assignment.name);
      entries.set(assignment.name, { name: assignment.name, text: assignment.text ?? 'n', line });
      return;
    }
    if (header === null && index < HEADER_WINDOW) {
      const found = HEADER.exec(text);
      if (found) header = { arch: found[1] as string, srcArch: srcArchOf(found[1] as string), version: found[2] as string, line };
    }
    if (text === '' || text.startsWith('#')) return;
    if (unreadable.length < UNREADABLE_KEPT) unreadable.push({ line, text });
  });
  return { bytes, header, entries, unreadable };
}

/** Reads and parses an old config file: a regular file of a config's size, never waited on. */
export async function readOldConfig(path: string): Promise<OldConfig> {
  const bytes = await readBounded(path, { maxBytes: LARGE_INPUT, what: 'old config' });
  const notConfig = (why: string): TuxconfError =>
    new TuxconfError(`${escapeControl(path)} ${why}: it is not a kernel config`, { hint: 'give the .config the old kernel was built with' });
  if (bytes.includes(0)) throw notConfig('holds a NUL byte');
  const old = parseOldConfig(bytes);
  // An empty file is a config of defaults; a file of other text is something else.
  if (old.entries.size === 0 && old.unreadable.length > 0) throw notConfig('has no CONFIG_ line');
  return old;
}

/** `# Linux/x86 6.1.192 Kernel Configuration` for a header, as shown in reports. */
export function describeHeader(header: ConfigHeader | null): string {
  return header ? `Linux/${header.arch} ${header.version}` : 'no kernel header';
}
