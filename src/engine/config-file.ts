import { escapeControl } from '../model/escape-text.js';
import { TuxconfError } from './errors.js';
import { LARGE_INPUT, readBoundedIfExists } from './files/read-bounded.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The bytes of the config a session edits, or null when there is none. A gzip file (a copy of
 * /proc/config.gz) is refused: the kernel would read its bytes as lines, and saving would replace
 * the compressed file with a config of defaults.
 */
export async function readConfigFile(path: string): Promise<Buffer | null> {
  const bytes = await readBoundedIfExists(path, { maxBytes: LARGE_INPUT, what: 'config file' });
  if (bytes && bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    throw new TuxconfError(`${escapeControl(path)} is gzip-compressed, not a .config tuxconf can edit`, {
      hint: `decompress it into a file of its own (zcat ${escapeControl(path)} > my.config) and give that; tuxconf check reads it as it is`,
    });
  }
  return bytes;
}
