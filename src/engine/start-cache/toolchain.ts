import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../tools.js';
import { fileIdentity } from './file-identity.js';

/** The programs kbuild names that Kconfig and kbuild's own $(shell ...) calls run. */
const TOOL_VARIABLES = ['CC', 'LD', 'AR', 'NM', 'OBJCOPY', 'HOSTCC', 'PAHOLE', 'PYTHON3', 'RUSTC', 'BINDGEN'] as const;
/** Those whose `--version` text kbuild and Kconfig read (CC_VERSION_TEXT, RUSTC_VERSION_TEXT, ld-version.sh ...): asked every time (2-10 ms each, in parallel). */
const VERSIONED = new Set(['CC', 'LD', 'HOSTCC', 'RUSTC']);

/** One program as the environment names it: each executable word resolved on PATH, with its identity, and what `--version` prints. */
export interface ToolIdentity {
  variable: string;
  command: string;
  files: [string, string][];
  version: string | null;
}

/**
 * The toolchain a kbuild environment names, as two runs can compare it: the binaries' paths and
 * identities (a new compiler package, a wrapper placed earlier on PATH) and, for the compilers and
 * the linker, the text of `--version` (a wrapper script whose compiler behind it changed).
 */
export async function toolchainIdentity(kbuildEnv: Record<string, string>): Promise<ToolIdentity[]> {
  // CC and HOSTCC are often the same command: it is asked once.
  const versions = new Map<string, Promise<string>>();
  const versionOf = (command: string): Promise<string> => {
    let text = versions.get(command);
    if (!text) {
      text = versionText(command, kbuildEnv);
      versions.set(command, text);
    }
    return text;
  };
  const tools = TOOL_VARIABLES.filter((variable) => kbuildEnv[variable]).map(async (variable): Promise<ToolIdentity> => {
    const command = kbuildEnv[variable]!;
    const words = command.split(/\s+/).filter((word) => word !== '' && !word.startsWith('-') && !word.includes('='));
    const files: [string, string][] = [];
    for (const word of words) {
      const path = await findExecutable(word, kbuildEnv);
      files.push([word, path ? `${path} ${fileIdentity(path)}` : 'absent']);
    }
    const version = VERSIONED.has(variable) && files[0]?.[1] !== 'absent' ? await versionOf(command) : null;
    return { variable, command, files, version };
  });
  return Promise.all(tools);
}

/** What `COMMAND --version` prints, as kbuild runs it (LC_ALL=C), with its exit status. */
function versionText(command: string, kbuildEnv: Record<string, string>): Promise<string> {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  return new Promise((resolve) => {
    execFile(program!, [...args, '--version'], { env: { ...kbuildEnv, LC_ALL: 'C' }, timeout: 10_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      const status = error ? `status ${(error as NodeJS.ErrnoException & { code?: unknown }).code ?? 'failed'}` : 'status 0';
      resolve(`${status}\n${stdout}\n${stderr}`);
    });
  });
}

/**
 * The tree's own scripts that Kconfig's $(shell ...) calls run (cc-version.sh, ld-version.sh,
 * cc-can-link.sh ...): their identities, so that memoized probe output is not replayed after one
 * of them changed.
 */
export function probeScriptIdentities(srcTree: string): [string, string][] {
  const dir = join(srcTree, 'scripts');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.sh'))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => [name, fileIdentity(join(dir, name))]);
}
