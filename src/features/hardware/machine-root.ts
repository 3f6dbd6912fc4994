import { join } from 'node:path';
import { loadExeca } from '../../engine/load-execa.js';
import { readBoundedIfExists } from '../../engine/files/read-bounded.js';
import { formatSize } from '../../engine/files/read-bounded.js';
import { findExecutable } from '../../engine/tools.js';
import { type InputResult, NOTE_LIMIT } from './hardware-inputs.js';

/** The tools hardware detection runs on the machine. */
export type MachineTool = 'lsmod' | 'lspci';

/** What a tool did: its exit status and output, or that it is not installed. */
export type ToolRun = { installed: false } | { installed: true; exitCode: number; stdout: string; stderr: string; tooLong: boolean };

/**
 * The machine whose hardware is read: where its /proc, /sys, /lib/modules and /boot are, and how
 * its lsmod and lspci answer. The running machine is `liveRoot()`; a machine recorded as a
 * directory tree is `recordedRoot(DIR)`, so that tests (and the UI's) read a known machine.
 */
export interface MachineRoot {
  /** The directory the machine's absolute paths are under: `/` for the running machine. */
  dir: string;
  /** What reports call the machine: `this machine`, or the recorded root's directory. */
  origin: string;
  run(tool: MachineTool, args: string[], maxBytes: number): Promise<ToolRun>;
}

/** A path of the machine (`/proc/modules`) where this process reads it. */
export function pathIn(root: MachineRoot, path: string): string {
  return root.dir === '/' ? path : join(root.dir, path);
}

/** The running machine: its own /proc and /sys, its lsmod and lspci (found as streamline_config.pl looks for lsmod). */
export function liveRoot(env: NodeJS.ProcessEnv = process.env): MachineRoot {
  return {
    dir: '/',
    origin: 'this machine',
    run: async (tool, args, maxBytes) => {
      const command = tool === 'lsmod' ? await lsmodPath(env) : tool;
      if (!(await findExecutable(command, env))) return { installed: false };
      const result = await (
        await loadExeca()
      )(command, args, {
        env,
        reject: false,
        stdin: 'ignore',
        timeout: 30_000,
        extendEnv: false,
        maxBuffer: { stdout: maxBytes, stderr: NOTE_LIMIT },
      });
      const exitCode = result.failed ? (result.exitCode ?? 128) : 0;
      return { installed: true, exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), tooLong: result.isMaxBuffer === true };
    },
  };
}

/** lsmod is often not on a user's PATH: streamline_config.pl looks in the sbin directories first. */
async function lsmodPath(env: NodeJS.ProcessEnv): Promise<string> {
  for (const dir of ['/sbin', '/bin', '/usr/sbin', '/usr/bin']) {
    const path = join(dir, 'lsmod');
    if (await findExecutable(path, env)) return path;
  }
  return 'lsmod';
}

/** Where a recorded root keeps what a tool printed: `ROOT/.commands/lspci-nnk.stdout` and `.stderr`, `.status`. */
export const RECORDED_COMMANDS = '.commands';

/** The file stem of a tool run in a recorded root: `lsmod`, `lspci-nnk`, `lspci-vmmnnk`. */
export function recordedCommandName(tool: MachineTool, args: string[]): string {
  return [tool, ...args.map((arg) => arg.replace(/^-+/, ''))].join('-');
}

/**
 * A machine recorded as a directory tree: ROOT/proc, ROOT/sys, ROOT/lib/modules, ROOT/boot as on
 * that machine, and its tools' output under ROOT/.commands (a tool without a `.stdout` file is not
 * installed there; `.status` holds a failed run's exit status).
 */
export function recordedRoot(dir: string, origin = `the machine recorded in ${dir}`): MachineRoot {
  return {
    dir,
    origin,
    run: async (tool, args, maxBytes) => {
      const stem = join(dir, RECORDED_COMMANDS, recordedCommandName(tool, args));
      const read = (suffix: string, limit: number): Promise<Buffer | null> =>
        readBoundedIfExists(`${stem}${suffix}`, { maxBytes: limit + 1, what: 'recorded output', noFollow: true });
      const stdout = await read('.stdout', maxBytes);
      if (stdout === null) return { installed: false };
      const stderr = (await read('.stderr', NOTE_LIMIT))?.toString('utf8') ?? '';
      const status = Number(((await read('.status', NOTE_LIMIT))?.toString('utf8') ?? '0').trim());
      return {
        installed: true,
        exitCode: Number.isInteger(status) ? status : 1,
        stdout: stdout.subarray(0, maxBytes).toString('utf8'),
        stderr,
        tooLong: stdout.length > maxBytes,
      };
    },
  };
}

/** A tool's run as an input: its output, or why there is none (the last line it printed on stderr). */
export function toolInput(source: string, tool: MachineTool, run: ToolRun, maxBytes: number): InputResult {
  if (!run.installed) return { ok: false, source, error: `${tool} is not installed (Debian: ${tool === 'lspci' ? 'pciutils' : 'kmod'})` };
  const warnings = [
    ...new Set(
      run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.trim() !== ''),
    ),
  ];
  if (run.tooLong) return { ok: false, source, error: `printed more than ${formatSize(maxBytes)}, more than such a listing holds` };
  if (run.exitCode !== 0) return { ok: false, source, error: `exit ${run.exitCode}: ${warnings.at(-1) ?? 'no message'}` };
  return { ok: true, source, text: run.stdout, warnings };
}
