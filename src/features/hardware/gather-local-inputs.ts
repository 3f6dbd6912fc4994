import { readdir, readlink, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputRejectedError } from '../../engine/files/input-error.js';
import { formatSize, readBounded, readBoundedText } from '../../engine/files/read-bounded.js';
import { type HardwareInputs, INPUT_LIMITS, INPUT_NAMES, type InputName, type InputResult, NOTE_LIMIT, notAsked } from './hardware-inputs.js';
import { liveRoot, type MachineRoot, type MachineTool, pathIn, toolInput } from './machine-root.js';
import { type BlockDevice, formatBlockDevices, formatSysfsDevices, type SysfsDevice } from './sysfs-devices.js';

export interface GatherOptions {
  env?: NodeJS.ProcessEnv;
  /** The machine to read: this one (default), or one recorded as a directory tree. */
  root?: MachineRoot;
  /** Inputs to skip because the caller provides them another way (e.g. `--lsmod FILE`). */
  skip?: InputName[];
}

/**
 * Reads every input from a machine: its /proc, /sys, /lib/modules and /boot, and what its lsmod
 * and lspci print. Nothing here throws for a missing or failing input: each comes back as a
 * failure with the reason, and the rest still gets read.
 */
export async function gatherLocalInputs(options: GatherOptions = {}): Promise<HardwareInputs> {
  const root = options.root ?? liveRoot(options.env ?? process.env);
  const release = await kernelRelease(root);
  const tool = (name: MachineTool, args: string[], input: InputName) => async (): Promise<InputResult> =>
    toolInput([name, ...args].join(' '), name, await root.run(name, args, INPUT_LIMITS[input]), INPUT_LIMITS[input]);
  const readers: Record<InputName, () => Promise<InputResult>> = {
    lsmod: tool('lsmod', [], 'lsmod'),
    'proc-modules': () => readText(root, '/proc/modules', INPUT_LIMITS['proc-modules']),
    'lspci-nnk': tool('lspci', ['-nnk'], 'lspci-nnk'),
    'lspci-vmmnnk': tool('lspci', ['-vmmnnk'], 'lspci-vmmnnk'),
    'sysfs-devices': () => readSysfsDevices(root),
    'block-devices': () => readBlockDevices(root),
    mounts: () => readText(root, '/proc/mounts', INPUT_LIMITS.mounts),
    'kernel-config': () => readRunningConfig(root, release),
    'modules-alias': () => readModulesFile(root, release, 'modules.alias'),
    'modules-builtin': () => readModulesFile(root, release, 'modules.builtin'),
    'modules-dep': () => readModulesFile(root, release, 'modules.dep'),
    // The consoles the kernel writes to (`ttyS0  -W- (EC p a)  4:64`), for the boot profile.
    consoles: () => readText(root, '/proc/consoles', INPUT_LIMITS.consoles),
  };
  const skipped = new Set(options.skip ?? []);
  const results = await Promise.all(
    INPUT_NAMES.map(async (name): Promise<InputResult> => (skipped.has(name) ? notAsked(name, 'given another way') : readers[name]())),
  );
  const inputs = Object.fromEntries(INPUT_NAMES.map((name, index) => [name, results[index]])) as Record<InputName, InputResult>;
  return { origin: root.origin, kernelRelease: release, inputs };
}

async function kernelRelease(root: MachineRoot): Promise<string | null> {
  const text = await readPseudo(root, '/proc/sys/kernel/osrelease', NOTE_LIMIT);
  return text === null ? null : text.trim();
}

/** A /proc or /sys file (size 0 in stat, so read up to the limit), or null when it cannot be read. */
async function readPseudo(root: MachineRoot, path: string, maxBytes: number): Promise<string | null> {
  return readBoundedText(pathIn(root, path), { maxBytes, what: path, pseudoFile: true }).catch(() => null);
}

/** A file of the machine, bounded; /proc and /sys files as the pseudo-files they are. */
export async function readText(root: MachineRoot, path: string, maxBytes: number): Promise<InputResult> {
  try {
    return { ok: true, source: path, text: await readBoundedText(pathIn(root, path), { maxBytes, what: 'file', pseudoFile: true }), warnings: [] };
  } catch (error) {
    return { ok: false, source: path, error: describeFsError(error) };
  }
}

/** A machine's running kernel configuration: /proc/config.gz, else /boot/config-RELEASE. */
export async function runningKernelConfig(root: MachineRoot = liveRoot()): Promise<InputResult> {
  return readRunningConfig(root, await kernelRelease(root));
}

/** /proc/config.gz, its compressed size and what it expands to both bounded; else /boot/config-RELEASE. */
async function readRunningConfig(root: MachineRoot, release: string | null): Promise<InputResult> {
  const limit = INPUT_LIMITS['kernel-config'];
  try {
    const compressed = await readBounded(pathIn(root, '/proc/config.gz'), { maxBytes: limit, what: '/proc/config.gz', pseudoFile: true });
    const text = gunzipSync(compressed, { maxOutputLength: limit }).toString('utf8');
    return { ok: true, source: '/proc/config.gz', text, warnings: [] };
  } catch (gzError) {
    if (!release) return { ok: false, source: '/proc/config.gz', error: describeFsError(gzError) };
    const boot = await readText(root, `/boot/config-${release}`, limit);
    if (boot.ok) return boot;
    return {
      ok: false,
      source: `/proc/config.gz, /boot/config-${release}`,
      error: `${describeFsError(gzError)}; ${boot.error}`,
    };
  }
}

async function readModulesFile(root: MachineRoot, release: string | null, file: string): Promise<InputResult> {
  if (!release) return { ok: false, source: `/lib/modules/?/${file}`, error: 'kernel release unknown' };
  const name: InputName = file === 'modules.alias' ? 'modules-alias' : file === 'modules.dep' ? 'modules-dep' : 'modules-builtin';
  return readText(root, `/lib/modules/${release}/${file}`, INPUT_LIMITS[name]);
}

/** Every device directory under /sys/devices with a modalias, with its bound driver and that driver's module. */
async function readSysfsDevices(root: MachineRoot): Promise<InputResult> {
  const top = '/sys/devices';
  const devices: SysfsDevice[] = [];
  const walk = async (path: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(pathIn(root, path), { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.name === 'modalias' && entry.isFile())) {
      const modalias = ((await readPseudo(root, join(path, 'modalias'), NOTE_LIMIT)) ?? '').trim();
      if (modalias !== '') devices.push({ path, modalias, ...(await boundDriver(pathIn(root, path))) });
    }
    if (depth > 24) return;
    await Promise.all(entries.filter((entry) => entry.isDirectory()).map((entry) => walk(join(path, entry.name), depth + 1)));
  };
  try {
    await readdir(pathIn(root, top));
  } catch (error) {
    return { ok: false, source: top, error: describeFsError(error) };
  }
  await walk(top, 0);
  // Code-unit order: the same listing on every machine, whatever its locale.
  devices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, source: `${top}/**/modalias`, text: formatSysfsDevices(devices), warnings: [] };
}

async function boundDriver(dir: string): Promise<{ driver: string | null; driverModule: string | null }> {
  const driver = await readlink(join(dir, 'driver')).then(basename, () => null);
  const driverModule = driver ? await readlink(join(dir, 'driver', 'module')).then(basename, () => null) : null;
  return { driver, driverModule };
}

async function readBlockDevices(root: MachineRoot): Promise<InputResult> {
  const top = '/sys/class/block';
  let names: string[];
  try {
    names = await readdir(pathIn(root, top));
  } catch (error) {
    return { ok: false, source: top, error: describeFsError(error) };
  }
  const devices: BlockDevice[] = await Promise.all(
    names.sort().map(async (name) => ({
      name,
      path: await machinePath(root, join(top, name)),
      slaves: await readdir(pathIn(root, join(top, name, 'slaves'))).catch(() => []),
      dmName: await readPseudo(root, join(top, name, 'dm', 'name'), NOTE_LIMIT).then((text) => text?.trim() ?? null),
      dmUuid: await readPseudo(root, join(top, name, 'dm', 'uuid'), NOTE_LIMIT).then((text) => text?.trim() || null),
    })),
  );
  return { ok: true, source: top, text: formatBlockDevices(devices), warnings: [] };
}

/** Where a link of the machine leads, as a path of that machine (the root's directory taken off). */
async function machinePath(root: MachineRoot, path: string): Promise<string> {
  const real = await realpath(pathIn(root, path)).catch(() => null);
  if (real === null) return path;
  if (root.dir === '/') return real;
  const base = await realpath(root.dir).catch(() => root.dir);
  return real.startsWith(`${base}/`) ? real.slice(base.length) : path;
}

function describeFsError(error: unknown): string {
  if (error instanceof InputRejectedError) {
    if (error.problem === 'missing') return 'no such file or directory';
    if (error.problem === 'unreadable' && /permission denied/.test(error.message)) return 'permission denied (run as root?)';
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return `expands to more than ${formatSize(INPUT_LIMITS['kernel-config'])}, more than a kernel config holds`;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (run as root?)';
  return (error as Error).message;
}
