import { type KernelTree, makeArguments } from '../../engine/kernel-tree.js';
import { formatCommand } from './build-summary.js';
import { chooseJobs, type CompilerWrapping, type JobsChoice, requireWrapperPrograms, wrapCompiler } from './compiler-wrapper.js';

export interface BuildRequest {
  tree: KernelTree;
  /** Extra make arguments and targets, as after `--` (`bzImage modules`, `V=1`, `-k`, `M=dir`). */
  makeArgs?: string[];
  /** `-j`; default from the core count, or sized for the distcc hosts. */
  jobs?: number;
  wrapping?: CompilerWrapping;
  env?: NodeJS.ProcessEnv;
}

export interface MakePlan {
  command: string;
  args: string[];
  /** The complete environment for make. */
  env: Record<string, string>;
  jobs: JobsChoice;
  /** Goals given to make; empty for make's default goal. */
  targets: string[];
  /** `ccache`, `distcc`, `ccache+distcc`, ... when the compiler is wrapped. */
  wrapper?: string;
  /** M= for an external module build, if given. */
  externalModuleDir?: string;
}

/** How tuxconf runs the tree's make: the tree's own arguments, -j, the CC wrapper, then the user's. */
export async function planBuild(request: BuildRequest): Promise<MakePlan> {
  const baseEnv = request.env ?? process.env;
  const wrapping = request.wrapping ?? {};
  const makeArgs = request.makeArgs ?? [];
  await requireWrapperPrograms(wrapping, baseEnv);
  const wrapped = wrapCompiler(request.tree.makeVars, wrapping);

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(baseEnv)) if (value !== undefined) env[name] = value;
  Object.assign(env, wrapped.env);
  // The log classifier reads gcc's and make's English "error:"/"warning:"; LC_ALL, when set, still wins.
  if (env.LC_ALL === undefined) env.LC_MESSAGES = 'C';

  const jobsInArgs = jobsFromMakeArgs(makeArgs);
  const jobs = jobsInArgs !== undefined ? { jobs: jobsInArgs, source: 'option' as const } : await chooseJobs(request.jobs, wrapping, env);
  const tree = wrapped.cc ? { ...request.tree, makeVars: { ...request.tree.makeVars, CC: wrapped.cc } } : request.tree;
  const args = [...makeArguments(tree), `-j${jobs.jobs}`, ...makeArgs];

  const plan: MakePlan = { command: 'make', args, env, jobs, targets: makeGoals(makeArgs) };
  if (wrapped.label) plan.wrapper = wrapped.label;
  const external = makeArgs.find((arg) => arg.startsWith('M='))?.slice(2);
  if (external) plan.externalModuleDir = external;
  return plan;
}

/** Make goals among the arguments: neither options nor VAR=value assignments. */
export function makeGoals(makeArgs: readonly string[]): string[] {
  const goals: string[] = [];
  for (let index = 0; index < makeArgs.length; index += 1) {
    const arg = makeArgs[index] as string;
    if (/^-[CfIoW]$/.test(arg)) index += 1; // option with a separate value
    else if (arg === '-j' && /^\d+$/.test(makeArgs[index + 1] ?? '')) index += 1;
    else if (!arg.startsWith('-') && !arg.includes('=')) goals.push(arg);
  }
  return goals;
}

function jobsFromMakeArgs(makeArgs: readonly string[]): number | undefined {
  let jobs: number | undefined;
  makeArgs.forEach((arg, index) => {
    const match = /^(?:-j|--jobs=)(\d+)$/.exec(arg);
    if (match) jobs = Number(match[1]);
    else if (arg === '-j' && /^\d+$/.test(makeArgs[index + 1] ?? '')) jobs = Number(makeArgs[index + 1]);
  });
  return jobs;
}

/** The plan's command line as a shell would take it back: what is shown before a build runs is what runs. */
export function planCommandLine(plan: Pick<MakePlan, 'command' | 'args'>): string {
  return formatCommand([plan.command, ...plan.args]);
}
