import { type Command, UsageError } from '../command.js';
import { FIX_FLAGS, FIX_FLAGS_USAGE, runFix } from '../fix-run.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { stripConfigPrefix } from '../../model/config-text.js';

export const disableCommand: Command = {
  name: 'disable',
  summary: 'turn symbols off (or down to m) with whatever selects them, and save',
  usage: `Usage: tuxconf disable [OPTIONS] NAME[=m]... [--dry-run] [--json]

Turns each NAME off (NAME=m: lowers it to a module) even where other options
select it: the active selectors that must go are turned off too (or whatever
they depend on, if that is fewer changes), and the values that follow from
that are listed. The fix is applied through the kernel's kconfig before it is
offered, then applied as one step and saved like set. A target that cannot go
(selected by something that cannot be turned off) is named with its blocker
and the exit status is 1.

${FIX_FLAGS_USAGE}

${KBUILD_USAGE}`,
  options: FIX_FLAGS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, FIX_FLAGS);
    if (positionals.length === 0) throw new UsageError('disable needs at least one NAME');
    const targets = positionals.map((arg) => {
      const eq = arg.indexOf('=');
      // The fix strips CONFIG_ once: CONFIG_CONFIG_X is no X.
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const value = eq < 0 ? 'n' : arg.slice(eq + 1);
      if (!stripConfigPrefix(name) || (value !== 'n' && value !== 'm')) throw new UsageError(`"${arg}" is not NAME, NAME=n or NAME=m`);
      return { name, value };
    });
    return withSession(open, io, (session) => runFix(session, targets, values, io));
  },
};
