import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Command } from '../../../src/cli/command.js';
import { formatError } from '../../../src/engine/errors.js';
import type { MachineRoot } from '../../../src/features/hardware/machine-root.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/hardware/', import.meta.url));

export function fixture(machine: 'laptop' | 'server' | 'vm' | 'microvm'): string {
  return `${FIXTURES}${machine}`;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs a subcommand in-process as main() would: errors become a message and exit code 1. `machine`: the machine it reads instead of this one. */
export async function runCommand(command: Command, argv: string[], env: NodeJS.ProcessEnv = process.env, machine?: MachineRoot): Promise<CommandResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  let exitCode: number;
  try {
    exitCode = await command.run(argv, { stdout, stderr, env, cwd: process.cwd(), stdoutIsTTY: false, machine });
  } catch (error) {
    stderr.write(`${formatError(error)}\n`);
    exitCode = (error as Error).name === 'UsageError' ? 2 : 1;
  }
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}
