import { enableValue } from '../../features/fix/index.js';
import { type Command, UsageError } from '../command.js';
import { FIX_FLAGS, FIX_FLAGS_USAGE, runFix } from '../fix-run.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { stripConfigPrefix } from '../../model/config-text.js';

export const enableCommand: Command = {
  name: 'enable',
  summary: 'set symbols together with everything they need, and save',
  usage: `Usage: tuxconf enable [OPTIONS] NAME[=VALUE]... [--dry-run] [--json]

Makes each NAME take VALUE (default y, as scripts/config --enable; NAME=m for a
module, NAME>=m for m or y, m where it can be had; any int, hex or string value
in range; a choice member) by changing
the fewest other options: the dependencies it lacks (depends on, menus, if
blocks, visible if), the selects and choices on the way. What it pulls in is
turned on as m where m is enough. Each fix is applied through the kernel's
kconfig before it is offered, then applied as one step and saved like set.

Prints every change with its reason and the values that follow from them.
A target that cannot be had (another architecture, BROKEN, a range, a choice)
is named with what blocks it and the exit status is 1; the others are still
fixed.

${FIX_FLAGS_USAGE}

${KBUILD_USAGE}`,
  options: FIX_FLAGS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, FIX_FLAGS);
    if (positionals.length === 0) throw new UsageError('enable needs at least one NAME[=VALUE]');
    return withSession(open, io, async (session) => {
      const targets = positionals.map((arg) => {
        const eq = arg.indexOf('=');
        const atLeast = eq > 0 && arg[eq - 1] === '>';
        // The session and the fix strip CONFIG_ once: CONFIG_CONFIG_X is no X.
        const name = eq < 0 ? arg : arg.slice(0, atLeast ? eq - 1 : eq);
        if (!stripConfigPrefix(name)) throw new UsageError(`"${arg}" is not NAME[=VALUE]`);
        if (atLeast) return { name, value: arg.slice(eq + 1), atLeast: true };
        if (eq >= 0) return { name, value: arg.slice(eq + 1) };
        const info = session.symbol(name);
        const value = info ? enableValue(info) : 'y';
        if (info && value === '') throw new UsageError(`${info.name} is ${info.type === 'int' ? 'an' : 'a'} ${info.type}: give its value, ${info.name}=VALUE`);
        return { name, value };
      });
      return runFix(session, targets, values, io);
    });
  },
};
