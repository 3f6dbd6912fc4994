import { lstat, mkdir, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { InputRejectedError } from '../../engine/files/input-error.js';
import { readBoundedIfExists, readBoundedText } from '../../engine/files/read-bounded.js';
import { replaceFile } from '../../engine/files/write-atomic.js';
import { escapeControl } from '../../model/escape-text.js';
import {
  CAPTURE_FILES,
  type HardwareInputs,
  INPUT_LIMITS,
  INPUT_NAMES,
  type InputName,
  type InputResult,
  NOTE_LIMIT,
  RELEASE_FILE,
} from './hardware-inputs.js';

/**
 * Writes every input into `dir`: NAME's text into its file, or NAME.error with the reason it could
 * not be read, plus `uname-r.txt`; what an earlier capture left under the other names is removed.
 * The directory may be one that someone else can write (`/tmp/box`): every file is replaced whole
 * (written under a fresh name, then renamed), so a link planted under a capture name is replaced,
 * never written through, and nothing is written outside `dir`. Returns the files written.
 */
export async function writeCapture(inputs: HardwareInputs, dir: string): Promise<string[]> {
  await captureDirectory(dir);
  const written: string[] = [];
  const write = async (file: string, text: string): Promise<void> => {
    await replaceFile(join(dir, file), text, { what: 'capture file' });
    written.push(file);
  };
  for (const name of INPUT_NAMES) {
    const file = CAPTURE_FILES[name];
    const result = inputs.inputs[name];
    if (result.ok) {
      await write(file, result.text);
      await removeStale(dir, `${file}.error`);
      if (result.warnings.length > 0) await write(`${file}.warnings`, `${result.warnings.join('\n')}\n`);
      else await removeStale(dir, `${file}.warnings`);
    } else {
      await write(`${file}.error`, `${result.source}: ${result.error}\n`);
      await removeStale(dir, file);
      await removeStale(dir, `${file}.warnings`);
    }
  }
  await write(RELEASE_FILE, `${inputs.kernelRelease ?? 'unknown'}\n`);
  return written.filter((file) => !file.endsWith('.warnings'));
}

/** Creates the capture directory, or checks that the one named is a directory and not a link to one. */
async function captureDirectory(dir: string): Promise<void> {
  const shown = escapeControl(dir);
  let info = await lstat(dir).catch(() => null);
  if (!info) {
    await mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new TuxconfError(`cannot create the capture directory ${shown}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`);
    });
    info = await lstat(dir).catch(() => null);
  }
  if (info?.isSymbolicLink()) {
    throw new TuxconfError(`capture directory ${shown} is a symbolic link, which tuxconf does not write through`, {
      hint: 'name the directory itself, or a new one',
    });
  }
  if (!info?.isDirectory()) throw new TuxconfError(`${shown} is not a directory`, { hint: 'name a directory for the capture, or a new one' });
}

/** Removes a file an earlier capture left; a link is removed itself (unlink never follows it). */
async function removeStale(dir: string, file: string): Promise<void> {
  const path = join(dir, file);
  const info = await lstat(path).catch(() => null);
  if (!info) return;
  if (info.isDirectory()) {
    throw new TuxconfError(`cannot remove the stale capture file ${escapeControl(path)}: it is a directory`, { hint: 'remove it, or capture into a new directory' });
  }
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw new TuxconfError(`cannot remove the stale capture file ${escapeControl(path)}: ${error.message}`);
  });
}

/**
 * Reads a directory written by `tuxconf capture` (files may be missing: each becomes a reported
 * failure). The directory may come from another machine: a file in it that is a link, a FIFO, a
 * device, a directory or larger than its input can be is refused, naming the file.
 */
export async function readCapture(dir: string): Promise<HardwareInputs> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new TuxconfError(`${escapeControl(root)} is not a capture directory`, {
      hint: 'record one on the target machine with `tuxconf capture DIR`, then copy DIR here',
    });
  }
  const entries = await Promise.all(INPUT_NAMES.map((name) => readCapturedInput(root, name)));
  if (entries.every((entry) => !entry.ok && entry.error.startsWith('not in the capture'))) {
    throw new TuxconfError(`${escapeControl(root)} holds none of the files tuxconf capture writes`, {
      hint: `expected files such as ${CAPTURE_FILES.lsmod}, ${CAPTURE_FILES['lspci-nnk']}, ${CAPTURE_FILES['sysfs-devices']}`,
    });
  }
  const release = ((await readCaptureFile(join(root, RELEASE_FILE), NOTE_LIMIT)) ?? '').trim();
  return {
    origin: root,
    kernelRelease: release === '' || release === 'unknown' ? null : release,
    inputs: Object.fromEntries(INPUT_NAMES.map((name, index) => [name, entries[index]])) as Record<InputName, InputResult>,
  };
}

/** A file of the capture, or null when it is not there; never through a link. */
async function readCaptureFile(path: string, maxBytes: number): Promise<string | null> {
  try {
    const bytes = await readBoundedIfExists(path, { maxBytes, what: 'capture file', noFollow: true });
    return bytes === null ? null : bytes.toString('utf8');
  } catch (error) {
    // "Replace the link with the file it points to" would copy a file of this machine (say
    // /etc/shadow) into a capture of another: a capture holds plain files only.
    if (error instanceof InputRejectedError && error.problem === 'symlink') {
      throw new InputRejectedError(error.path, 'symlink', error.message, 'a capture holds plain files only: record it again with tuxconf capture');
    }
    throw error;
  }
}

async function readCapturedInput(root: string, name: InputName): Promise<InputResult> {
  const path = join(root, CAPTURE_FILES[name]);
  const text = await readCaptureFile(path, INPUT_LIMITS[name]);
  if (text !== null) {
    const warnings = (await readCaptureFile(`${path}.warnings`, NOTE_LIMIT)) ?? '';
    return { ok: true, source: path, text, warnings: warnings.split('\n').filter((line) => line !== '') };
  }
  const error = await readCaptureFile(`${path}.error`, NOTE_LIMIT);
  if (error !== null) return { ok: false, source: path, error: `failed on the captured machine: ${error.trim()}` };
  return { ok: false, source: path, error: 'not in the capture' };
}

/** Replaces one input with a file the user named (`--lsmod FILE`, `--lspci FILE`): a regular file, bounded. */
export async function inputFromFile(path: string, what: 'lsmod output' | 'lspci output', maxBytes: number): Promise<InputResult> {
  return { ok: true, source: path, text: await readBoundedText(path, { maxBytes, what }), warnings: [] };
}

/** `--lspci FILE` may hold either layout; -vmm records start with `Slot:`. */
export function lspciInputName(text: string): InputName {
  return /^Slot:\s/m.test(text) ? 'lspci-vmmnnk' : 'lspci-nnk';
}
