import { discoverKernelTree } from '../../engine/kernel-tree.js';
import { findPicosat } from '../../engine/frontend-build.js';
import { findExecutable, kconfigBuildTools, probeCommand } from '../../engine/tools.js';
import { formatError } from '../../engine/errors.js';
import { type Command, type CommandIo, EXIT_FAILED, EXIT_OK } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { parseCommandArgs } from '../session-command.js';
import { plural } from '../../model/plural.js';

interface Check {
  label: string;
  ok: boolean;
  detail: string;
  /** A failed optional check only warns. */
  optional?: boolean;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the prerequisites and say what is missing',
  usage: `Usage: tuxconf doctor [OPTIONS]

Checks what tuxconf needs (make, a C compiler, flex, bison, a kernel tree or a
kernel source for the demo) and what its features use (bc for builds, PicoSAT
for enable/disable/why fixes, lsmod and lspci for hardware suggestions), and
says how to get what is missing.

${KBUILD_USAGE}`,
  options: {},
  async run(argv, io) {
    const { open } = parseCommandArgs(argv, {});
    const checks: Check[] = [];
    checks.push({ label: 'node', ok: Number(process.versions.node.split('.')[0]) >= 20, detail: `v${process.versions.node} (needs 20 or newer)` });
    for (const tool of kconfigBuildTools(io.env.HOSTCC || 'gcc')) checks.push(await toolCheck(tool.command, tool.debianPackage, tool.neededFor, io));
    checks.push({ ...(await toolCheck('bc', 'bc', 'building the kernel', io)), optional: true });
    checks.push({ ...(await picosatCheck(io)), optional: true });
    checks.push(await treeCheck(open, io));
    checks.push({ ...(await commandCheck('lsmod', [], 'kmod', io)), optional: true });
    checks.push({ ...(await commandCheck('lspci', ['-mm'], 'pciutils', io)), optional: true });
    for (const check of checks) {
      const mark = check.ok ? 'ok     ' : check.optional ? 'warning' : 'MISSING';
      io.stdout.write(`${mark}  ${check.label}: ${check.detail}\n`);
    }
    const failed = checks.filter((check) => !check.ok && !check.optional);
    if (failed.length > 0) io.stdout.write(`\n${plural(failed.length, 'prerequisite')} missing\n`);
    return failed.length > 0 ? EXIT_FAILED : EXIT_OK;
  },
};

async function toolCheck(command: string, debianPackage: string, neededFor: string, io: CommandIo): Promise<Check> {
  const path = await findExecutable(command, io.env);
  return path
    ? { label: command, ok: true, detail: `${path} (${neededFor})` }
    : { label: command, ok: false, detail: `not found, needed for ${neededFor}; install: sudo apt-get install ${debianPackage}` };
}

async function picosatCheck(io: CommandIo): Promise<Check> {
  const picosat = await findPicosat(io.env);
  return picosat
    ? { label: 'picosat', ok: true, detail: `${picosat.link.at(-1)} (the SAT solver behind enable, disable and why)` }
    : { label: 'picosat', ok: false, detail: 'not found: enable, disable and why cannot search for fixes; install: sudo apt-get install picosat' };
}

async function commandCheck(command: string, args: string[], debianPackage: string, io: CommandIo): Promise<Check> {
  const path = await findExecutable(command, io.env);
  if (!path) return { label: command, ok: false, detail: `not found (hardware suggestions use it); install: sudo apt-get install ${debianPackage}` };
  const result = await probeCommand(command, args, io.env);
  if (result.exitCode === 0) return { label: command, ok: true, detail: `${path} works` };
  return { label: command, ok: false, detail: `${path} fails: ${result.firstLine} (hardware suggestions work with the other inputs)` };
}

async function treeCheck(open: Parameters<typeof discoverKernelTree>[0], io: CommandIo): Promise<Check> {
  try {
    const tree = await discoverKernelTree({ ...open, env: io.env, cwd: io.cwd });
    if (tree.demo) {
      return { label: 'kernel tree', ok: true, detail: `none here: tuxconf opens its demo tree (needs a kernel source: KERNEL_SRC, /usr/src/linux-*, or sudo apt-get install linux-source-6.12)`, optional: true };
    }
    return { label: 'kernel tree', ok: true, detail: `${tree.srcTree} (Linux ${tree.version}, ARCH=${tree.arch}, config ${tree.configPath})` };
  } catch (error) {
    return { label: 'kernel tree', ok: false, detail: formatError(error).replace(/^tuxconf: /, '').replace(/\n/g, '; ') };
  }
}
