import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import {
  CAPTURE_FILES,
  type HardwareInputs,
  INPUT_NAMES,
  type InputName,
  type InputResult,
  RELEASE_FILE,
} from './hardware-inputs.js';

/**
 * Writes every input into `dir`: NAME's text into its file, or NAME.error with the reason it could
 * not be read, plus `uname-r.txt`. Returns the files written.
 */
export async function writeCapture(inputs: HardwareInputs, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of INPUT_NAMES) {
    const file = CAPTURE_FILES[name];
    const result = inputs.inputs[name];
    await rm(join(dir, `${file}.error`), { force: true });
    if (result.ok) {
      await writeFile(join(dir, file), result.text);
      if (result.warnings.length > 0) await writeFile(join(dir, `${file}.warnings`), result.warnings.join('\n') + '\n');
      written.push(file);
    } else {
      await rm(join(dir, file), { force: true });
      await writeFile(join(dir, `${file}.error`), `${result.source}: ${result.error}\n`);
      written.push(`${file}.error`);
    }
  }
  await writeFile(join(dir, RELEASE_FILE), `${inputs.kernelRelease ?? 'unknown'}\n`);
  written.push(RELEASE_FILE);
  return written;
}

/** Reads a directory written by `tuxconf capture` (files may be missing: each becomes a reported failure). */
export async function readCapture(dir: string): Promise<HardwareInputs> {
  const root = resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new TuxconfError(`${root} is not a capture directory`, {
      hint: 'record one on the target machine with `tuxconf capture DIR`, then copy DIR here',
    });
  }
  const entries = await Promise.all(INPUT_NAMES.map((name) => readCapturedInput(root, name)));
  if (entries.every((entry) => !entry.ok && entry.error.startsWith('not in the capture'))) {
    throw new TuxconfError(`${root} holds none of the files tuxconf capture writes`, {
      hint: `expected files such as ${CAPTURE_FILES.lsmod}, ${CAPTURE_FILES['lspci-nnk']}, ${CAPTURE_FILES['sysfs-devices']}`,
    });
  }
  const release = (await readFile(join(root, RELEASE_FILE), 'utf8').catch(() => '')).trim();
  return {
    origin: root,
    kernelRelease: release === '' || release === 'unknown' ? null : release,
    inputs: Object.fromEntries(INPUT_NAMES.map((name, index) => [name, entries[index]])) as Record<InputName, InputResult>,
  };
}

async function readCapturedInput(root: string, name: InputName): Promise<InputResult> {
  const path = join(root, CAPTURE_FILES[name]);
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text !== null) {
    const warnings = await readFile(`${path}.warnings`, 'utf8').catch(() => '');
    return { ok: true, source: path, text, warnings: warnings.split('\n').filter((line) => line !== '') };
  }
  const error = await readFile(`${path}.error`, 'utf8').catch(() => null);
  if (error !== null) return { ok: false, source: path, error: `failed on the captured machine: ${error.trim()}` };
  return { ok: false, source: path, error: 'not in the capture' };
}

/** Replaces one input with a file the user named (`--lsmod FILE`, `--lspci FILE`). */
export async function inputFromFile(path: string): Promise<InputResult> {
  try {
    return { ok: true, source: path, text: await readFile(path, 'utf8'), warnings: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TuxconfError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** `--lspci FILE` may hold either layout; -vmm records start with `Slot:`. */
export function lspciInputName(text: string): InputName {
  return /^Slot:\s/m.test(text) ? 'lspci-vmmnnk' : 'lspci-nnk';
}
