/**
 * A recorded machine laid out as the directory tree tuxconf reads on a live one: ROOT/proc,
 * ROOT/sys (device directories with modalias files and driver links, block devices with their
 * slaves and device-mapper names), ROOT/lib/modules/RELEASE, and what lsmod and lspci printed
 * under ROOT/.commands. Built from a capture directory (fixtures/hardware/NAME), so a test reads
 * a known machine through the same code that reads the running one.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CAPTURE_FILES, type InputName, RELEASE_FILE } from '../../src/features/hardware/hardware-inputs.js';
import { type MachineRoot, RECORDED_COMMANDS, recordedCommandName, recordedRoot } from '../../src/features/hardware/machine-root.js';
import { parseBlockDevices, parseSysfsDevices } from '../../src/features/hardware/sysfs-devices.js';
import { withTempDir } from './kernel-trees.js';

export type RecordedMachine = 'laptop' | 'server' | 'vm' | 'microvm';

export const HARDWARE_FIXTURES = fileURLToPath(new URL('../../fixtures/hardware/', import.meta.url));

export function captureOf(machine: RecordedMachine): string {
  return join(HARDWARE_FIXTURES, machine);
}

async function captured(capture: string, name: InputName): Promise<{ text: string | null; error: string | null; warnings: string }> {
  const file = join(capture, CAPTURE_FILES[name]);
  const read = (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);
  return { text: await read(file), error: await read(`${file}.error`), warnings: (await read(`${file}.warnings`)) ?? '' };
}

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

async function link(path: string, target: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await symlink(relative(dirname(path), target), path);
}

/** A tool's recorded run: its output, or the exit status and message a capture's NAME.error keeps (`lsmod: exit 1: Error: ...`). */
async function recordTool(root: string, capture: string, name: InputName, tool: 'lsmod' | 'lspci', args: string[]): Promise<void> {
  const { text, error, warnings } = await captured(capture, name);
  const stem = join(root, RECORDED_COMMANDS, recordedCommandName(tool, args));
  if (text !== null) {
    await put(`${stem}.stdout`, text);
    await put(`${stem}.stderr`, warnings);
    return;
  }
  const failed = error === null ? null : /: exit (\d+): (.*)$/.exec(error.trim());
  if (!failed) return; // not installed there
  await put(`${stem}.stdout`, '');
  await put(`${stem}.stderr`, `${failed[2]}\n`);
  await put(`${stem}.status`, `${failed[1]}\n`);
}

async function layOutSysfs(root: string, capture: string): Promise<void> {
  const devices = parseSysfsDevices((await captured(capture, 'sysfs-devices')).text ?? '');
  for (const device of devices) {
    const dir = join(root, device.path);
    await put(join(dir, 'modalias'), `${device.modalias}\n`);
    if (!device.driver) continue;
    const driverDir = join(root, 'sys/bus/recorded/drivers', device.driver);
    await mkdir(driverDir, { recursive: true });
    await link(join(dir, 'driver'), driverDir).catch(() => undefined);
    if (device.driverModule) await link(join(driverDir, 'module'), join(root, 'sys/module', device.driverModule)).catch(() => undefined);
  }
  for (const block of parseBlockDevices((await captured(capture, 'block-devices')).text ?? '')) {
    const dir = join(root, block.path);
    await mkdir(join(dir, 'slaves'), { recursive: true });
    for (const slave of block.slaves) await put(join(dir, 'slaves', slave), '');
    if (block.dmName !== null) await put(join(dir, 'dm', 'name'), `${block.dmName}\n`);
    if (block.dmUuid !== null) await put(join(dir, 'dm', 'uuid'), `${block.dmUuid}\n`);
    await link(join(root, 'sys/class/block', block.name), dir);
  }
}

/** Lays out the capture's machine as a root directory tree in `root`; reports call it `origin`. */
export async function writeRecordedRoot(capture: string, root: string, origin?: string): Promise<MachineRoot> {
  const release = (await readFile(join(capture, RELEASE_FILE), 'utf8')).trim();
  await put(join(root, 'proc/sys/kernel/osrelease'), `${release}\n`);
  const files: [InputName, string][] = [
    ['proc-modules', 'proc/modules'],
    ['mounts', 'proc/mounts'],
    ['modules-alias', `lib/modules/${release}/modules.alias`],
    ['modules-builtin', `lib/modules/${release}/modules.builtin`],
    ['modules-dep', `lib/modules/${release}/modules.dep`],
  ];
  for (const [name, path] of files) {
    const { text } = await captured(capture, name);
    if (text !== null) await put(join(root, path), text);
  }
  const config = (await captured(capture, 'kernel-config')).text;
  if (config !== null) await put(join(root, 'proc/config.gz'), gzipSync(config));
  await mkdir(join(root, 'sys/devices'), { recursive: true });
  await layOutSysfs(root, capture);
  await recordTool(root, capture, 'lsmod', 'lsmod', []);
  await recordTool(root, capture, 'lspci-nnk', 'lspci', ['-nnk']);
  await recordTool(root, capture, 'lspci-vmmnnk', 'lspci', ['-vmmnnk']);
  return recordedRoot(root, origin);
}

/** Runs `body` with a recorded machine's root laid out in a temporary directory. */
export function withRecordedRoot<T>(machine: RecordedMachine, body: (root: MachineRoot) => Promise<T>): Promise<T> {
  return withTempDir(`root-${machine}`, async (dir) => body(await writeRecordedRoot(captureOf(machine), join(dir, 'root'), `recorded ${machine}`)));
}
