import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { loadExeca } from './load-execa.js';
import { TuxconfError } from './errors.js';

/** A program kconfig needs, and the Debian package that brings it. */
export interface RequiredTool {
  command: string;
  debianPackage: string;
  neededFor: string;
}

export function kconfigBuildTools(hostcc: string): RequiredTool[] {
  return [
    { command: 'make', debianPackage: 'make', neededFor: "building the kernel tree's kconfig library" },
    { command: hostcc, debianPackage: hostcc.includes('clang') ? 'clang' : 'gcc', neededFor: "compiling the kconfig library and tuxconf's frontend" },
    { command: 'flex', debianPackage: 'flex', neededFor: 'generating the Kconfig lexer' },
    { command: 'bison', debianPackage: 'bison', neededFor: 'generating the Kconfig parser' },
  ];
}

/**
 * The absolute path of `command` on PATH, or undefined. Directories without the name are passed
 * over by a stat that does not throw: PATH often names a dozen directories before /usr/bin, and a
 * failed access() per directory (an exception each) for every tool checked was ~20 ms of a start.
 */
export async function findExecutable(command: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [command]
      : (env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  return candidates.find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How a program ran: its exit status and the first line it printed (stderr first), for a check's report. */
export async function probeCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number; firstLine: string }> {
  const result = await (await loadExeca())(command, args, { reject: false, env, stdin: 'ignore' });
  return { exitCode: result.exitCode ?? -1, firstLine: (String(result.stderr ?? '') || String(result.stdout ?? '')).split('\n')[0] ?? '' };
}

export async function missingTools(tools: RequiredTool[], env: NodeJS.ProcessEnv): Promise<RequiredTool[]> {
  const found = await Promise.all(tools.map((tool) => findExecutable(tool.command.split(/\s+/)[0] ?? tool.command, env)));
  return tools.filter((_, index) => found[index] === undefined);
}

/** Fails with the missing programs and the Debian packages that bring them. */
export async function requireTools(tools: RequiredTool[], env: NodeJS.ProcessEnv, purpose: string): Promise<void> {
  const missing = await missingTools(tools, env);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))].join(' ');
  throw new TuxconfError(`cannot ${purpose}: ${missing.map((tool) => `${tool.command} (${tool.neededFor})`).join(', ')} not found`, {
    hint: `install ${missing.length > 1 ? 'them' : 'it'}: sudo apt-get install ${packages}`,
  });
}

/** The host compiler kbuild will use, before asking kbuild: HOSTCC, or clang with LLVM=1, else gcc. */
export function expectedHostCompiler(makeVars: Record<string, string>, env: NodeJS.ProcessEnv): string {
  return makeVars.HOSTCC ?? (makeVars.LLVM || env.LLVM ? 'clang' : 'gcc');
}
