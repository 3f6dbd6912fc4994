import { Writable } from 'node:stream';
import type { CommandIo } from '../../../src/cli/command.js';

export interface CapturedIo {
  io: CommandIo;
  stdout(): string;
  stderr(): string;
}

/** A CommandIo whose stdout is not a terminal, like `tuxconf build > file`. */
export function captureIo(env: NodeJS.ProcessEnv = process.env): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
  return {
    io: { stdout: sink(out), stderr: sink(err), env, cwd: process.cwd(), stdoutIsTTY: false },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
