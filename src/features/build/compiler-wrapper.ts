import { availableParallelism } from 'node:os';
import { loadExeca } from '../../engine/load-execa.js';
import { TuxconfError } from '../../engine/errors.js';
import { findExecutable } from '../../engine/tools.js';

/** Compile through ccache and/or a distributed compiler, the way kernel people already do: a CC prefix. */
export interface CompilerWrapping {
  ccache?: boolean;
  distributor?: 'distcc' | 'icecc';
  /** distcc's host list; default `$DISTCC_HOSTS` (or distcc's own hosts files). */
  distccHosts?: string;
}

export interface WrappedCompiler {
  /** The value for `CC=`, e.g. `distcc gcc`; undefined when nothing wraps the compiler. */
  cc?: string;
  /** Variables the wrappers read (CCACHE_PREFIX, DISTCC_HOSTS). */
  env: Record<string, string>;
  /** For the progress line, e.g. `ccache+distcc`. */
  label?: string;
}

const DEBIAN_PACKAGE: Record<string, string> = { ccache: 'ccache', distcc: 'distcc', icecc: 'icecc' };

/** The compiler kbuild would use for these make variables, as the top Makefile picks it. */
export function defaultCompiler(makeVars: Record<string, string>): string {
  if (makeVars.CC) return makeVars.CC;
  const llvm = makeVars.LLVM;
  if (llvm && llvm !== '0') {
    if (llvm.endsWith('/')) return `${llvm}clang`;
    if (llvm.startsWith('-')) return `clang${llvm}`;
    return 'clang';
  }
  return `${makeVars.CROSS_COMPILE ?? ''}gcc`;
}

export function wrapCompiler(makeVars: Record<string, string>, wrapping: CompilerWrapping): WrappedCompiler {
  const programs = [...(wrapping.ccache ? ['ccache'] : []), ...(wrapping.distributor ? [wrapping.distributor] : [])];
  if (programs.length === 0) return { env: {} };
  const env: Record<string, string> = {};
  if (wrapping.distccHosts !== undefined) env.DISTCC_HOSTS = wrapping.distccHosts;
  const compiler = defaultCompiler(makeVars);
  const alreadyWrapped = programs.some((program) => compiler.split(/\s+/).includes(program));
  const label = programs.join('+');
  if (alreadyWrapped) return { env, label };
  // ccache hands its misses to distcc/icecc through CCACHE_PREFIX, keeping one CC prefix.
  if (wrapping.ccache && wrapping.distributor) env.CCACHE_PREFIX = wrapping.distributor;
  return { cc: `${programs[0] as string} ${compiler}`, env, label };
}

export async function requireWrapperPrograms(wrapping: CompilerWrapping, env: NodeJS.ProcessEnv): Promise<void> {
  const programs = [...(wrapping.ccache ? ['ccache'] : []), ...(wrapping.distributor ? [wrapping.distributor] : [])];
  for (const program of programs) {
    if (!(await findExecutable(program, env))) {
      throw new TuxconfError(`${program} is not installed (not found on PATH)`, {
        hint: `install it (Debian: apt-get install ${DEBIAN_PACKAGE[program] ?? program}) or build without --${program}`,
      });
    }
  }
}

export interface JobsChoice {
  jobs: number;
  /** Why this many, for the progress line. */
  source: 'option' | 'cores' | 'distcc hosts';
}

/**
 * `-j` for a build: what was asked; else, with distcc, what `distcc -j` counts for the hosts
 * (at least the local cores, which still preprocess and link); else the cores. icecream's
 * scheduler has no static host list to count, so it gets the local cores unless -j is given.
 */
export async function chooseJobs(requested: number | undefined, wrapping: CompilerWrapping, env: NodeJS.ProcessEnv): Promise<JobsChoice> {
  if (requested !== undefined) return { jobs: requested, source: 'option' };
  const cores = availableParallelism();
  if (wrapping.distributor !== 'distcc') return { jobs: cores, source: 'cores' };
  const slots = await distccSlots({ ...env, ...(wrapping.distccHosts !== undefined ? { DISTCC_HOSTS: wrapping.distccHosts } : {}) });
  return slots > cores ? { jobs: slots, source: 'distcc hosts' } : { jobs: cores, source: 'cores' };
}

/** distcc's own count of concurrent jobs its host list allows (`distcc -j`). */
export async function distccSlots(env: NodeJS.ProcessEnv): Promise<number> {
  const result = await (await loadExeca())('distcc', ['-j'], { env, extendEnv: false, reject: false, stdin: 'ignore' });
  const slots = Number(result.stdout.trim());
  if (result.exitCode !== 0 || !Number.isInteger(slots) || slots < 1) {
    throw new TuxconfError('distcc has no hosts to send jobs to', {
      details: result.stderr.split('\n').filter(Boolean).slice(-4),
      hint: 'give hosts with --distcc-hosts "host1/8 host2/8" or DISTCC_HOSTS, as distcc(1) describes',
    });
  }
  return slots;
}
