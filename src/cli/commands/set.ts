import { describeOffer, refusalOffer } from '../../features/fix/index.js';
import { escapeControl } from '../../model/escape-text.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

const OPTIONS = {
  'dry-run': { type: 'boolean', help: 'show what would change, save nothing' },
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
} as const satisfies OptionTable;

export const setCommand: Command = {
  name: 'set',
  summary: "set symbols through the kernel's rules and save",
  usage: `Usage: tuxconf set [OPTIONS] NAME=VALUE... [--dry-run] [--force]

Sets each symbol as menuconfig would (bool/tristate y, m, n; int, hex, string;
a choice member to y), prints what changed, and saves the config.
If any request cannot stick, says why (the unmet dependency, the select that
forces it, the range, the choice), changes nothing and exits 1.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length === 0) throw new UsageError('set needs at least one NAME=VALUE');
    const requests = positionals.map((arg) => {
      const eq = arg.indexOf('=');
      if (eq <= 0) throw new UsageError(`"${arg}" is not NAME=VALUE`);
      // The session strips CONFIG_ once: CONFIG_CONFIG_X is no X.
      return { name: arg.slice(0, eq), value: arg.slice(eq + 1) };
    });
    return withSession(open, io, async (session) => {
      const outcome = await session.setMany(requests, `set ${positionals.join(' ')}`, { atomic: true });
      if (!outcome.ok) {
        for (const refusal of outcome.refused) {
          io.stderr.write(`tuxconf: ${refusal.reason}\n`);
          const info = session.symbol(refusal.name);
          const offer = refusalOffer(refusal, info ? session.state.symbols[info.index] : undefined);
          if (offer) io.stderr.write(`tuxconf: ${escapeControl(describeOffer(offer))}\n`);
        }
        io.stderr.write(`tuxconf: nothing changed${values['dry-run'] ? '' : `; ${session.kernel.configPath} left as it was`}\n`);
        return EXIT_FAILED;
      }
      for (const change of outcome.changed) io.stdout.write(`CONFIG_${change.name}: ${change.from} -> ${change.to}\n`);
      if (outcome.changed.length === 0) io.stdout.write('no value changed\n');
      if (!values['dry-run']) {
        const saved = await session.save({ force: values.force ?? false });
        io.stderr.write(`tuxconf: ${saved.written ? 'saved' : 'no change to'} ${saved.path}\n`);
      }
      return EXIT_OK;
    });
  },
};
