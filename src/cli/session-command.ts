import { type OpenOptions, openSession } from '../engine/open-session.js';
import type { Session } from '../engine/session.js';
import { escapeControl } from '../model/escape-text.js';
import type { CommandIo } from './command.js';
import { KBUILD_OPTIONS, kbuildOpenOptions } from './kbuild-args.js';
import { type OptionTable, type OptionValues, parseOptions } from './options.js';

/**
 * A command's own options and positionals, with the kbuild options (-C, -O, --arch, --config,
 * --demo, VAR=value) every command takes read into the tree to open.
 */
export function parseCommandArgs<Table extends OptionTable>(argv: string[], table: Table) {
  const parsed = parseOptions(argv, { ...KBUILD_OPTIONS, ...table });
  const { open, rest } = kbuildOpenOptions(parsed.values, parsed.positionals);
  const values = parsed.values as OptionValues<Table>;
  return { open, values, positionals: [...rest, ...parsed.afterSeparator], afterSeparator: parsed.afterSeparator, beforeSeparator: rest };
}

/** Opens the session a command asked for, reporting slow first-run steps on stderr. */
export function openForCommand(open: OpenOptions, io: CommandIo): Promise<Session> {
  return openSession({ ...open, env: io.env, cwd: io.cwd, onProgress: (message) => io.stderr.write(`tuxconf: ${message}\n`) });
}

/** Runs a command's body on an open session and always closes it. */
export async function withSession<T>(open: OpenOptions, io: CommandIo, body: (session: Session) => Promise<T>): Promise<T> {
  const session = await openForCommand(open, io);
  try {
    // The kernel's warnings quote the config's lines: outside text, escape sequences included.
    for (const warning of session.loadWarnings) io.stderr.write(`${escapeControl(warning)}\n`);
    return await body(session);
  } finally {
    await session.close();
  }
}
