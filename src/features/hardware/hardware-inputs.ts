import { LARGE_INPUT, SMALL_INPUT } from '../../engine/files/read-bounded.js';

/**
 * The raw inputs hardware detection reads, each of which may be missing or fail on a given
 * machine (no module support, a container, no permission). Kept as text so a capture directory
 * holds exactly what was read and another machine can replay it.
 */
export const INPUT_NAMES = [
  'lsmod',
  'proc-modules',
  'lspci-nnk',
  'lspci-vmmnnk',
  'sysfs-devices',
  'block-devices',
  'mounts',
  'kernel-config',
  'modules-alias',
  'modules-builtin',
  'modules-dep',
  'consoles',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

/**
 * One input: its text, or why there is none. `notAsked` marks an input that was not read on
 * purpose (the user described the machine another way, e.g. `--lsmod FILE` alone): not a failure.
 */
export type InputResult = { ok: true; source: string; text: string; warnings: string[] } | { ok: false; source: string; error: string; notAsked?: true };

/** An input not read on purpose, with why. */
export function notAsked(source: string, why: string): InputResult {
  return { ok: false, source, error: why, notAsked: true };
}

export interface HardwareInputs {
  /** `this machine`, or the capture directory the inputs were recorded into. */
  origin: string;
  /** `uname -r` of the machine the inputs describe. */
  kernelRelease: string | null;
  inputs: Record<InputName, InputResult>;
}

/** File names inside a capture directory (`NAME.error` holds the message when reading NAME failed). */
export const CAPTURE_FILES: Record<InputName, string> = {
  lsmod: 'lsmod.txt',
  'proc-modules': 'proc-modules.txt',
  'lspci-nnk': 'lspci-nnk.txt',
  'lspci-vmmnnk': 'lspci-vmmnnk.txt',
  'sysfs-devices': 'sysfs-devices.tsv',
  'block-devices': 'block-devices.tsv',
  mounts: 'mounts.txt',
  'kernel-config': 'kernel-config.txt',
  'modules-alias': 'modules.alias',
  'modules-builtin': 'modules.builtin',
  'modules-dep': 'modules.dep',
  consoles: 'consoles.txt',
};

export const RELEASE_FILE = 'uname-r.txt';

/**
 * The most bytes each input may hold, read from a capture or from this machine: lists of modules
 * and block devices are a few KiB; modules.alias of a distribution kernel is about 1.5 MiB, and
 * mounts or sysfs listings of a large host can reach a MiB.
 */
export const INPUT_LIMITS: Record<InputName, number> = {
  lsmod: SMALL_INPUT,
  'proc-modules': SMALL_INPUT,
  'lspci-nnk': LARGE_INPUT,
  'lspci-vmmnnk': LARGE_INPUT,
  'sysfs-devices': LARGE_INPUT,
  'block-devices': SMALL_INPUT,
  mounts: LARGE_INPUT,
  'kernel-config': LARGE_INPUT,
  'modules-alias': LARGE_INPUT,
  'modules-builtin': LARGE_INPUT,
  'modules-dep': LARGE_INPUT,
  consoles: SMALL_INPUT,
};

/** `NAME.error`, `NAME.warnings` and `uname-r.txt`: a few lines each. */
export const NOTE_LIMIT = 64 << 10;

/** Whether an input was read, failed (no module support, no permission ...), or was not asked for. */
export type InputState = 'read' | 'failed' | 'not-asked';

/** What the user should know about each input: read from where, or why not. */
export interface InputStatus {
  name: InputName;
  state: InputState;
  /** The input's text was read (state 'read'). */
  ok: boolean;
  source: string;
  /** For a read input its size and the tool's warnings; else why it was not read. */
  detail: string;
}

export function inputState(result: InputResult): InputState {
  if (result.ok) return 'read';
  return result.notAsked ? 'not-asked' : 'failed';
}

export function inputStatuses(inputs: HardwareInputs): InputStatus[] {
  return Object.entries(inputs.inputs).map(([name, result]) => ({
    name: name as InputName,
    state: inputState(result),
    ok: result.ok,
    source: result.source,
    detail: result.ok ? [`${countLines(result.text)} lines`, ...result.warnings].join('; ') : result.error,
  }));
}

export function inputText(inputs: HardwareInputs, name: InputName): string | null {
  const result = inputs.inputs[name];
  return result.ok ? result.text : null;
}

function countLines(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}
