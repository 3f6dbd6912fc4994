import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { findExecutable } from '../../engine/tools.js';
import { type HardwareInputs, INPUT_NAMES, type InputName, type InputResult } from './hardware-inputs.js';
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
    'proc-modules': () => readText('/proc/modules'),
    'lspci-nnk': () => runTool('lspci', ['-nnk'], env),
    'lspci-vmmnnk': () => runTool('lspci', ['-vmmnnk'], env),
    'sysfs-devices': () => readSysfsDevices(),
    'block-devices': () => readBlockDevices(),
    mounts: () => readText('/proc/mounts'),
    'kernel-config': () => readRunningConfig(release),
    'modules-alias': () => readModulesFile(release, 'modules.alias'),
    'modules-builtin': () => readModulesFile(release, 'modules.builtin'),
    'modules-dep': () => readModulesFile(release, 'modules.dep'),
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
  try {
    return (await readFile('/proc/sys/kernel/osrelease', 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function readText(path: string): Promise<InputResult> {
  try {
    return { ok: true, source: path, text: await readFile(path, 'utf8'), warnings: [] };
  } catch (error) {
    return { ok: false, source: path, error: describeFsError(error) };
  }
}

async function runLsmod(env: NodeJS.ProcessEnv): Promise<InputResult> {
  // streamline_config.pl looks in the sbin directories first: lsmod is often not on a user's PATH.
  for (const dir of ['/sbin', '/bin', '/usr/sbin', '/usr/bin']) {
    const path = join(dir, 'lsmod');
    if (await findExecutable(path, env)) return runTool(path, [], env, 'lsmod');
  }
  return runTool('lsmod', [], env);
}

async function runTool(command: string, args: string[], env: NodeJS.ProcessEnv, label?: string): Promise<InputResult> {
  const source = [label ?? command, ...args].join(' ');
  if (!(await findExecutable(command, env))) {
    return { ok: false, source, error: `${command} is not installed (Debian: ${command.includes('lspci') ? 'pciutils' : 'kmod'})` };
  }
  const result = await execa(command, args, { env, reject: false, stdin: 'ignore', timeout: 30_000, extendEnv: false });
  const stderr = String(result.stderr ?? '').trim();
  const warnings = [...new Set(stderr.split('\n').filter((line) => line.trim() !== ''))];
  if (result.failed) {
    const why = warnings.at(-1) ?? result.shortMessage;
    return { ok: false, source, error: `exit ${result.exitCode ?? result.signal}: ${why}` };
  }
  return { ok: true, source, text: String(result.stdout ?? ''), warnings };
}

async function readRunningConfig(release: string | null): Promise<InputResult> {
  try {
    const text = gunzipSync(await readFile('/proc/config.gz')).toString('utf8');
    return { ok: true, source: '/proc/config.gz', text, warnings: [] };
  } catch (gzError) {
    if (!release) return { ok: false, source: '/proc/config.gz', error: describeFsError(gzError) };
    const boot = await readText(`/boot/config-${release}`);
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
  return readText(`/lib/modules/${release}/${file}`);
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
      const modalias = (await readFile(join(dir, 'modalias'), 'utf8').catch(() => '')).trim();
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
      dmName: await readFile(join(root, name, 'dm', 'name'), 'utf8').then((text) => text.trim(), () => null),
      dmUuid: await readFile(join(root, name, 'dm', 'uuid'), 'utf8').then((text) => text.trim() || null, () => null),
    })),
  );
  return { ok: true, source: root, text: formatBlockDevices(devices), warnings: [] };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied (run as root?)';
  return (error as Error).message;
}
