import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

const BIN = fileURLToPath(new URL('../../../bin/tuxconf', import.meta.url));

export interface TimedResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed: it hung (on a FIFO, on /dev/zero). */
  timedOut: boolean;
}

/**
 * Runs the real tuxconf program (from the sources) as a user would, killed after `timeoutMs`:
 * a command that hangs on hostile input shows up as `timedOut`, not as a hung test run.
 */
export async function runTuxconfTimed(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<TimedResult> {
  const result = await execa(BIN, args, {
    reject: false,
    cwd: options.cwd,
    env: { TUXCONF_FROM_SOURCE: '1', ...options.env },
    input: '',
    stripFinalNewline: false,
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 8 << 20,
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), timedOut: result.timedOut };
}

/** No raw control character (C0 but newline and tab, DEL, C1) and no bidi override reached the output. */
export function rawControls(text: string): string[] {
  return [...text.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g)].map(
    (match) => `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}`,
  );
}
