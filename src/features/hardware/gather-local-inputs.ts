import { readdir, readlink, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { InputRejectedError } from '../../engine/files/input-error.js';
import { formatSize, readBounded, readBoundedText } from '../../engine/files/read-bounded.js';
import { findExecutable } from '../../engine/tools.js';
import { type HardwareInputs, INPUT_LIMITS, INPUT_NAMES, type InputName, type InputResult, NOTE_LIMIT } from './hardware-inputs.js';
import { type BlockDevice, formatBlockDevices, formatSysfsDevices, type SysfsDevice } from './sysfs-devices.js';

export interface GatherOptions {
  env?: NodeJS.ProcessEnv;
  /** Inputs to skip because the caller provides them another way (e.g. `--lsmod FILE`). */
  skip?: InputName[];
}

/**
 * Reads every input from the running machine. Nothing here throws for a missing or failing
 * input: each comes back as a failure with the reason, and the rest still gets read.
 */
export async function gatherLocalInputs(options: GatherOptions = {}): Promise<HardwareInputs> {
  const env = options.env ?? process.env;
  const release = await kernelRelease();
  const readers: Record<InputName, () => Promise<InputResult>> = {
    lsmod: () => runLsmod(env),
    'proc-modules': () => readText('/proc/modules', INPUT_LIMITS['proc-modules']),
    'lspci-nnk': () => runTool('lspci', ['-nnk'], env, INPUT_LIMITS['lspci-nnk']),
    'lspci-vmmnnk': () => runTool('lspci', ['-vmmnnk'], env, INPUT_LIMITS['lspci-vmmnnk']),
    'sysfs-devices': () => readSysfsDevices(),
    'block-devices': () => readBlockDevices(),
    mounts: () => readText('/proc/mounts', INPUT_LIMITS.mounts),
    'kernel-config': () => readRunningConfig(release),
    'modules-alias': () => readModulesFile(release, 'modules.alias'),
    'modules-builtin': () => readModulesFile(release, 'modules.builtin'),
    'modules-dep': () => readModulesFile(release, 'modules.dep'),
    // The consoles the kernel writes to (`ttyS0  -W- (EC p a)  4:64`), for the boot profile.
    consoles: () => readText('/proc/consoles', INPUT_LIMITS.consoles),
  };
  const skipped = new Set(options.skip ?? []);
  const results = await Promise.all(
    INPUT_NAMES.map(async (name): Promise<InputResult> =>
      skipped.has(name) ? { ok: false, source: name, error: 'not read: given another way' } : readers[name](),
    ),
  );
  const inputs = Object.fromEntries(INPUT_NAMES.map((name, index) => [name, results[index]])) as Record<
    InputName,
    InputResult
  >;
  return { origin: 'this machine', kernelRelease: release, inputs };
}

async function kernelRelease(): Promise<string | null> {
  const text = await readPseudo('/proc/sys/kernel/osrelease', NOTE_LIMIT);
  return text === null ? null : text.trim();
}

/** A /proc or /sys file (size 0 in stat, so read up to the limit), or null when it cannot be read. */
async function readPseudo(path: string, maxBytes: number): Promise<string | null> {
  return readBoundedText(path, { maxBytes, what: path, pseudoFile: true }).catch(() => null);
}

/** A file of this machine, bounded; /proc and /sys files as the pseudo-files they are. */
export async function readText(path: string, maxBytes: number): Promise<InputResult> {
  try {
    return { ok: true, source: path, text: await readBoundedText(path, { maxBytes, what: 'file', pseudoFile: true }), warnings: [] };
  } catch (error) {
    return { ok: false, source: path, error: describeFsError(error) };
  }
}

async function runLsmod(env: NodeJS.ProcessEnv): Promise<InputResult> {
  // streamline_config.pl looks in the sbin directories first: lsmod is often not on a user's PATH.
  for (const dir of ['/sbin', '/bin', '/usr/sbin', '/usr/bin']) {
    const path = join(dir, 'lsmod');
    if (await findExecutable(path, env)) return runTool(path, [], env, INPUT_LIMITS.lsmod, 'lsmod');
  }
  return runTool('lsmod', [], env, INPUT_LIMITS.lsmod);
}

/** Runs a tool with its output bounded: a tool that prints more than the input can hold fails, with the reason. */
async function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, maxBytes: number, label?: string): Promise<InputResult> {
  const source = [label ?? command, ...args].join(' ');
  if (!(await findExecutable(command, env))) {
    return { ok: false, source, error: `${command} is not installed (Debian: ${command.includes('lspci') ? 'pciutils' : 'kmod'})` };
  }
  const result = await execa(command, args, {
    env,
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
    extendEnv: false,
    maxBuffer: { stdout: maxBytes, stderr: NOTE_LIMIT },
  });
  const stderr = String(result.stderr ?? '').trim();
  const warnings = [...new Set(stderr.split('\n').filter((line) => line.trim() !== ''))];
  if (result.isMaxBuffer) return { ok: false, source, error: `printed more than ${formatSize(maxBytes)}, more than such a listing holds` };
  if (result.failed) {
    const why = warnings.at(-1) ?? result.shortMessage;
    return { ok: false, source, error: `exit ${result.exitCode ?? result.signal}: ${why}` };
  }
  return { ok: true, source, text: String(result.stdout ?? ''), warnings };
}

/** This machine's running kernel configuration: /proc/config.gz, else /boot/config-RELEASE. */
export async function runningKernelConfig(): Promise<InputResult> {
  return readRunningConfig(await kernelRelease());
}

/** /proc/config.gz, its compressed size and what it expands to both bounded; else /boot/config-RELEASE. */
async function readRunningConfig(release: string | null): Promise<InputResult> {
  const limit = INPUT_LIMITS['kernel-config'];
  try {
    const compressed = await readBounded('/proc/config.gz', { maxBytes: limit, what: '/proc/config.gz', pseudoFile: true });
    const text = gunzipSync(compressed, { maxOutputLength: limit }).toString('utf8');
    return { ok: true, source: '/proc/config.gz', text, warnings: [] };
  } catch (gzError) {
    if (!release) return { ok: false, source: '/proc/config.gz', error: describeFsError(gzError) };
    const boot = await readText(`/boot/config-${release}`, limit);
    if (boot.ok) return boot;
    return {
      ok: false,
      source: `/proc/config.gz, /boot/config-${release}`,
      error: `${describeFsError(gzError)}; ${boot.error}`,
    };
  }
}

async function readModulesFile(release: string | null, file: string): Promise<InputResult> {
  if (!release) return { ok: false, source: `/lib/modules/?/${file}`, error: 'kernel release unknown' };
  const name: InputName = file === 'modules.alias' ? 'modules-alias' : file === 'modules.dep' ? 'modules-dep' : 'modules-builtin';
  return readText(`/lib/modules/${release}/${file}`, INPUT_LIMITS[name]);
}

/** Every device directory under /sys/devices with a modalias, with its bound driver and that driver's module. */
async function readSysfsDevices(): Promise<InputResult> {
  const root = '/sys/devices';
  const devices: SysfsDevice[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((entry) => entry.name === 'modalias' && entry.isFile())) {
      const modalias = ((await readPseudo(join(dir, 'modalias'), NOTE_LIMIT)) ?? '').trim();
      if (modalias !== '') devices.push({ path: dir, modalias, ...(await boundDriver(dir)) });
    }
    if (depth > 24) return;
    await Promise.all(
      entries.filter((entry) => entry.isDirectory()).map((entry) => walk(join(dir, entry.name), depth + 1)),
    );
  };
  try {
    await readdir(root);
  } catch (error) {
    return { ok: false, source: root, error: describeFsError(error) };
  }
  await walk(root, 0);
  devices.sort((a, b) => a.path.localeCompare(b.path));
  return { ok: true, source: `${root}/**/modalias`, text: formatSysfsDevices(devices), warnings: [] };
}

async function boundDriver(dir: string): Promise<{ driver: string | null; driverModule: string | null }> {
  const driver = await readlink(join(dir, 'driver')).then(basename, () => null);
  const driverModule = driver ? await readlink(join(dir, 'driver', 'module')).then(basename, () => null) : null;
  return { driver, driverModule };
}

async function readBlockDevices(): Promise<InputResult> {
  const root = '/sys/class/block';
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    return { ok: false, source: root, error: describeFsError(error) };
  }
  const devices: BlockDevice[] = await Promise.all(
    names.sort().map(async (name) => ({
      name,
      path: await realpath(join(root, name)).catch(() => join(root, name)),
      slaves: await readdir(join(root, name, 'slaves')).catch(() => []),
      dmName: await readPseudo(join(root, name, 'dm', 'name'), NOTE_LIMIT).then((text) => text?.trim() ?? null),
      dmUuid: await readPseudo(join(root, name, 'dm', 'uuid'), NOTE_LIMIT).then((text) => text?.trim() || null),
    })),
  );
  return { ok: true, source: root, text: formatBlockDevices(devices), warnings: [] };
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
