import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const TUXCONF_BIN = fileURLToPath(new URL('../../bin/tuxconf', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real tuxconf program (from the TypeScript sources) as a user would. */
export async function runTuxconf(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<CliResult> {
  const result = await execa(TUXCONF_BIN, args, {
    reject: false,
    cwd: options.cwd,
    env: { TUXCONF_FROM_SOURCE: '1', ...options.env },
    input: options.input ?? '',
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}
