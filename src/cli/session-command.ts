import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type OpenOptions, openSession } from '../engine/open-session.js';
import type { Session } from '../engine/session.js';
import { type CommandIo, UsageError } from './command.js';
import { parseKbuildArgs } from './kbuild-args.js';

type Flags = NonNullable<ParseArgsConfig['options']>;

/** A command's own flags and positionals, after the kbuild options are taken out. */
export function parseCommandArgs<T extends Flags>(argv: string[], flags: T) {
  const { options, rest } = parseKbuildArgs(argv);
  try {
    const parsed = parseArgs({ args: rest, options: flags, allowPositionals: true, strict: true });
    return { open: options, values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Opens the session a command asked for, reporting slow first-run steps on stderr. */
export function openForCommand(open: OpenOptions, io: CommandIo): Promise<Session> {
  return openSession({ ...open, env: io.env, cwd: io.cwd, onProgress: (message) => io.stderr.write(`tuxconf: ${message}\n`) });
}

/** Runs a command's body on an open session and always closes it. */
export async function withSession<T>(open: OpenOptions, io: CommandIo, body: (session: Session) => Promise<T>): Promise<T> {
  const session = await openForCommand(open, io);
  try {
    for (const warning of session.loadWarnings) io.stderr.write(`${warning}\n`);
    return await body(session);
  } finally {
    await session.close();
  }
}
