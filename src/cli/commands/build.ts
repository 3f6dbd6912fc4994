import { formatError, TuxconfError } from '../../engine/errors.js';
import { discoverKernelTree } from '../../engine/kernel-tree.js';
import type { CompilerWrapping } from '../../features/build/compiler-wrapper.js';
import { type BuildHandle, type BuildResult, startBuild } from '../../features/build/build-run.js';
import { formatProgressLine, formatSummary } from '../../features/build/build-summary.js';
import { planCommandLine } from '../../features/build/make-invocation.js';
import { SIGNAL_EXIT } from '../../model/signal-exit.js';
import { type Command, type CommandIo, EXIT_FAILED, UsageError } from '../command.js';
import type { OpenOptions } from '../../engine/open-options.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable, type OptionValues, parseOptions } from '../options.js';
import { parseCommandArgs } from '../session-command.js';

const OPTIONS = {
  log: { type: 'string', value: 'FILE', help: 'write the whole log here' },
  jobs: { type: 'string', short: 'j', value: 'N', help: 'parallel jobs (default: the core count, or what the distcc hosts allow)' },
  ccache: { type: 'boolean', help: 'compile through ccache (CC="ccache gcc")' },
  distcc: { type: 'boolean', help: 'compile through distcc; hosts from --distcc-hosts or DISTCC_HOSTS' },
  'distcc-hosts': { type: 'string', value: 'HOSTS', help: 'distcc host list, as DISTCC_HOSTS (implies --distcc)' },
  icecc: { type: 'boolean', help: 'compile through icecream (icecc)' },
} as const satisfies OptionTable;

const usage = `usage: tuxconf build [KBUILD OPTIONS] [--log FILE] [-j N] [--ccache] [--distcc | --icecc]
                     [--distcc-hosts HOSTS] [-- MAKE ARGS/TARGETS]

Runs the tree's make for the configuration (same tree, O=, ARCH, CROSS_COMPILE, LLVM as the
other commands) and streams its output. The whole log is always written to a file
(default .tuxconf-build.log in the output directory). Without targets make builds its default goal.
Exits with make's exit code; Ctrl+C stops make and every compiler it started.

${formatOptions(OPTIONS)}

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

/** make's own options go after `--`: an option tuxconf does not take says so. */
function withMakeAdvice(error: unknown): unknown {
  if (error instanceof UsageError && error.problem === 'unknown-option') return new UsageError(`${error.message}; give make's options after --`, error.problem);
  return error;
}

export function parseBuildFlags(rest: string[], afterSeparator: string[]): BuildFlags {
  let parsed: ReturnType<typeof parseOptions<typeof OPTIONS>>;
  try {
    parsed = parseOptions(rest, OPTIONS);
  } catch (error) {
    throw withMakeAdvice(error);
  }
  return buildFlags(parsed.values, [...parsed.positionals, ...parsed.afterSeparator, ...afterSeparator]);
}

function buildFlags(values: OptionValues<typeof OPTIONS>, makeArgs: string[]): BuildFlags {
  const flags: BuildFlags = { wrapping: {}, makeArgs };
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

/** The tree to build and the build's flags: kbuild options and tuxconf's own before `--`, make's after it. */
function parseBuildCommand(argv: string[]): { open: OpenOptions; flags: BuildFlags } {
  let parsed: ReturnType<typeof parseCommandArgs<typeof OPTIONS>>;
  try {
    parsed = parseCommandArgs(argv, OPTIONS);
  } catch (error) {
    throw withMakeAdvice(error);
  }
  return { open: parsed.open, flags: buildFlags(parsed.values, [...parsed.beforeSeparator, ...parsed.afterSeparator]) };
}


export const buildCommand: Command = {
  name: 'build',
  summary: 'build the kernel with a streamed, saved log',
  usage,
  options: OPTIONS,
  async run(argv: string[], io: CommandIo): Promise<number> {
    const { open: options, flags } = parseBuildCommand(argv);

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
