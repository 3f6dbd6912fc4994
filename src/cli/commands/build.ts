import { parseArgs } from 'node:util';
import { formatError, TuxconfError } from '../../engine/errors.js';
import { discoverKernelTree } from '../../engine/kernel-tree.js';
import type { CompilerWrapping } from '../../features/build/compiler-wrapper.js';
import { type BuildHandle, type BuildResult, startBuild } from '../../features/build/build-run.js';
import { formatProgressLine, formatSummary } from '../../features/build/build-summary.js';
import { planCommandLine } from '../../features/build/make-invocation.js';
import { type Command, type CommandIo, EXIT_FAILED, UsageError } from '../command.js';
import { KBUILD_USAGE, parseKbuildArgs } from '../kbuild-args.js';

const usage = `usage: tuxconf build [KBUILD OPTIONS] [--log FILE] [-j N] [--ccache] [--distcc | --icecc]
                     [--distcc-hosts HOSTS] [-- MAKE ARGS/TARGETS]

Runs the tree's make for the configuration (same tree, O=, ARCH, CROSS_COMPILE, LLVM as the
other commands) and streams its output. The whole log is always written to a file
(default .tuxconf-build.log in the output directory). Without targets make builds its default goal.
Exits with make's exit code; Ctrl+C stops make and every compiler it started.

  --log FILE            write the whole log here
  -j, --jobs N          parallel jobs (default: the core count, or what the distcc hosts allow)
  --ccache              compile through ccache (CC="ccache gcc")
  --distcc              compile through distcc; hosts from --distcc-hosts or DISTCC_HOSTS
  --distcc-hosts HOSTS  distcc host list, as DISTCC_HOSTS (implies --distcc)
  --icecc               compile through icecream (icecc)

examples:
  tuxconf build -O ~/build/linux -- bzImage modules
  DISTCC_HOSTS="box1/8 box2/8" tuxconf build --distcc --ccache

${KBUILD_USAGE}`;

interface BuildFlags {
  logPath?: string;
  jobs?: number;
  wrapping: CompilerWrapping;
  makeArgs: string[];
}

const BUILD_OPTIONS = {
  log: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  ccache: { type: 'boolean' },
  distcc: { type: 'boolean' },
  'distcc-hosts': { type: 'string' },
  icecc: { type: 'boolean' },
} as const;

function parseOrUsage(rest: string[]) {
  try {
    return parseArgs({ args: rest, allowPositionals: true, strict: true, options: BUILD_OPTIONS });
  } catch (error) {
    // node's messages are clear ("Unknown option '-k'"); make's own options go after --.
    throw new UsageError(`${(error as Error).message}${/option/i.test((error as Error).message) ? "; give make's options after --" : ''}`);
  }
}

export function parseBuildFlags(rest: string[], afterSeparator: string[]): BuildFlags {
  const { values, positionals } = parseOrUsage(rest);
  const flags: BuildFlags = { wrapping: {}, makeArgs: [...positionals, ...afterSeparator] };
  if (values.log !== undefined) flags.logPath = values.log;
  if (values.jobs !== undefined) {
    const jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`-j needs a positive whole number, got '${values.jobs}'`);
    flags.jobs = jobs;
  }
  if (values.ccache) flags.wrapping.ccache = true;
  const distcc = values.distcc === true || values['distcc-hosts'] !== undefined;
  if (distcc && values.icecc) throw new UsageError('choose one of --distcc and --icecc');
  if (distcc) flags.wrapping.distributor = 'distcc';
  if (values.icecc) flags.wrapping.distributor = 'icecc';
  if (values['distcc-hosts'] !== undefined) flags.wrapping.distccHosts = values['distcc-hosts'];
  return flags;
}

const SIGNAL_EXIT: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the kernel with a streamed, saved log',
  usage,
  async run(argv: string[], io: CommandIo): Promise<number> {
    const separator = argv.indexOf('--');
    const before = separator === -1 ? argv : argv.slice(0, separator);
    const after = separator === -1 ? [] : argv.slice(separator + 1);
    const { options, rest } = parseKbuildArgs(before);
    const flags = parseBuildFlags(rest, after);

    try {
      const tree = await discoverKernelTree({ ...options, env: options.env ?? io.env, cwd: options.cwd ?? io.cwd });
      if (tree.demo) {
        throw new TuxconfError('no kernel tree here to build', { hint: 'run tuxconf build inside a kernel tree or give one with -C DIR' });
      }
      const handle = await startBuild({
        tree,
        makeArgs: flags.makeArgs,
        ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
        wrapping: flags.wrapping,
        env: io.env,
        cwd: io.cwd,
        ...(flags.logPath !== undefined ? { logPath: flags.logPath } : {}),
        ...(io.stdoutIsTTY ? {} : { output: io.stdout }),
      });
      const { result, cancelledBy } = await followBuild(handle, io);
      for (const line of formatSummary(result, tree.objTree)) io.stderr.write(`${line}\n`);
      return exitCodeOf(result, cancelledBy);
    } catch (error) {
      if (!(error instanceof TuxconfError)) throw error;
      io.stderr.write(`${formatError(error)}\n`);
      return EXIT_FAILED;
    }
  },
};

/** Streams the build to the terminal (lines plus a redrawn progress line) and forwards Ctrl+C as a cancel. */
async function followBuild(handle: BuildHandle, io: CommandIo): Promise<{ result: BuildResult; cancelledBy?: NodeJS.Signals }> {
  io.stderr.write(`tuxconf: ${planCommandLine(handle.plan)}\ntuxconf: log in ${handle.logPath}\n`);
  let cancelledBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    cancelledBy ??= signal;
    void handle.cancel();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);

  let unsubscribe = (): void => {};
  if (io.stdoutIsTTY) {
    unsubscribe = handle.subscribe((update) => {
      const text = update.lines.map((line) => `${line.text}\n`).join('');
      // One row, never wrapped, so that \r can redraw it.
      const columns = (io.stdout as NodeJS.WriteStream).columns || 80;
      const progress = update.snapshot.status === 'running' ? formatProgressLine(update.snapshot).slice(0, Math.max(0, columns - 1)) : '';
      io.stdout.write(`\r\x1b[K${text}${progress}`);
    });
  }
  try {
    const result = await handle.result;
    return cancelledBy ? { result, cancelledBy } : { result };
  } finally {
    unsubscribe();
    for (const signal of signals) process.off(signal, onSignal);
  }
}

/** make's exit code; 128 + the signal when a signal stopped the build, like a shell reports it. */
function exitCodeOf(result: BuildResult, cancelledBy: NodeJS.Signals | undefined): number {
  if (result.status === 'cancelled') return SIGNAL_EXIT[cancelledBy ?? 'SIGINT'] ?? 130;
  if (result.exitCode !== null) return result.exitCode;
  if (result.signal) return SIGNAL_EXIT[result.signal] ?? EXIT_FAILED;
  return EXIT_FAILED;
}
