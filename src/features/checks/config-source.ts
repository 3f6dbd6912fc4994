import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { TuxconfError } from '../../engine/errors.js';
import { InputRejectedError } from '../../engine/files/input-error.js';
import { formatSize, LARGE_INPUT, readBounded } from '../../engine/files/read-bounded.js';
import type { Session } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';

/** A configuration to check that is not the session's own file: a gzip file, a running kernel's, a capture's. */
export interface ForeignConfig {
  /** Where it came from, for the undo label and messages: `/proc/config.gz`, `/tmp/box/kernel-config.txt`. */
  origin: string;
  bytes: Buffer;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * The configuration in a gzip file (`/proc/config.gz`, a saved `config.gz`), or null when the file
 * is not gzip-compressed (then it is read as KCONFIG_CONFIG, like any .config). Both the file and
 * what it expands to are bounded.
 */
export async function readGzipConfig(path: string): Promise<ForeignConfig | null> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(path, { maxBytes: LARGE_INPUT, what: 'config file', pseudoFile: path.startsWith('/proc/') });
  } catch (error) {
    // A missing file is the session's to create (--config NEW with --fix): not a gzip file then.
    if (error instanceof InputRejectedError && error.problem === 'missing') return null;
    throw error;
  }
  if (!bytes.subarray(0, 2).equals(GZIP_MAGIC)) return null;
  try {
    return { origin: path, bytes: gunzipSync(bytes, { maxOutputLength: LARGE_INPUT }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ERR_BUFFER_TOO_LARGE'
        ? `it expands to more than ${formatSize(LARGE_INPUT)}, more than a kernel config holds`
        : `it is not valid gzip data (${(error as Error).message})`;
    throw new TuxconfError(`cannot read ${escapeControl(path)}: ${why}`);
  }
}

/**
 * Puts a foreign configuration into the session as one undoable step, read by the kernel as a
 * .config (what `make olddefconfig` would make of it on this tree). The session's own file is
 * not touched until it is saved.
 */
export async function loadForeignConfig(session: Pick<Session, 'loadConfig'>, config: ForeignConfig): Promise<string[]> {
  if (config.bytes.includes(0)) throw new TuxconfError(`${escapeControl(config.origin)} holds a NUL byte: it is not a kernel config`);
  const dir = await mkdtemp(join(tmpdir(), 'tuxconf-check-'));
  try {
    const path = join(dir, 'config');
    await writeFile(path, config.bytes, { flag: 'wx', mode: 0o600 });
    const { warnings } = await session.loadConfig(path, `load ${config.origin}`);
    return boundOverrideWarnings(
      warnings.map((warning) => warning.split(path).join(config.origin)),
      config.origin,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The kernel's warning for a symbol assigned a second time in one file. */
const OVERRIDE_WARNING = /:warning: override: reassigning to symbol /;
const OVERRIDES_SHOWN = 5;

/**
 * The first few of the kernel's override warnings, the rest counted in one line: two configs
 * concatenated (a multi-member gzip file, a capture's repeated block) give thousands of them.
 */
export function boundOverrideWarnings(warnings: readonly string[], origin: string): string[] {
  let overrides = 0;
  const kept = warnings.filter((warning) => !OVERRIDE_WARNING.test(warning) || ++overrides <= OVERRIDES_SHOWN);
  const rest = overrides - OVERRIDES_SHOWN;
  return rest > 0 ? [...kept, `${origin}: ${rest} more symbols set a second time (the later value is the one read)`] : kept;
}
