import { Writable } from 'node:stream';
import type { Command, CommandIo } from '../../src/cli/command.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs a subcommand in-process with captured output, as main() would (errors printed, exit code returned). */
export async function runCommand(command: Command, argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CommandResult> {
  const { formatError } = await import('../../src/engine/errors.js');
  const { UsageError, EXIT_FAILED, EXIT_USAGE } = await import('../../src/cli/command.js');
  const stdout = new TextSink();
  const stderr = new TextSink();
  const io: CommandIo = { stdout, stderr, env: options.env ?? process.env, cwd: options.cwd, stdoutIsTTY: false };
  let code: number;
  try {
    code = await command.run(argv, io);
  } catch (error) {
    stderr.write(`${formatError(error)}\n`);
    code = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}
