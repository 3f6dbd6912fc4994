import { applyTrimVerified } from '../../features/hardware/apply-trim.js';
import { describeInputs, describeTrim } from '../../features/hardware/describe-report.js';
import { hardwareInputsFor } from '../../features/hardware/hardware-source.js';
import { inputStatuses } from '../../features/hardware/hardware-inputs.js';
import { analyzeHardware } from '../../features/hardware/suggestions.js';
import { escapeControl } from '../../model/escape-text.js';
import { type Command, EXIT_OK, UsageError } from '../command.js';
import { HARDWARE_SOURCE_OPTIONS, HARDWARE_SOURCE_USAGE, hardwareSourceFrom } from '../hardware-options.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

const OPTIONS = {
  keep: {
    type: 'string',
    multiple: true,
    value: 'PATTERN',
    help: 'keep these too: a Kconfig path prefix (drivers/usb, as\nLMC_KEEP takes them; LMC_KEEP is read as well) or a glob\nover symbol names (SND_*, CONFIG_USB_*); repeatable',
  },
  'dry-run': { type: 'boolean', help: 'show what would be turned off and kept; save nothing' },
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
  verbose: { type: 'boolean', help: 'list every symbol turned off' },
} as const satisfies OptionTable;

export const trimCommand: Command = {
  name: 'trim',
  summary: 'turn off every module the machine does not need, like make localmodconfig',
  usage: `Usage: tuxconf trim [OPTIONS] [--keep PATTERN]... [--dry-run] [--verbose]

Turns off (m -> n) every module symbol that no loaded module, device, mount
or root file system path of the machine needs, keeping what those depend on,
as "make localmodconfig" does; the kernel's olddefconfig settles the rest.
One undoable step; then saves the config. Modules the config lacks are
listed as localmodconfig lists them ("did not have configs"): "tuxconf
suggest" adds them.

${formatOptions(OPTIONS)}

${HARDWARE_SOURCE_USAGE}

${KBUILD_USAGE}`,
  options: { ...OPTIONS, ...HARDWARE_SOURCE_OPTIONS },
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, { ...OPTIONS, ...HARDWARE_SOURCE_OPTIONS });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${escapeControl(positionals[0] ?? '')}"`);
    const keep = [...(values.keep ?? []), ...(io.env.LMC_KEEP ?? '').split(':').filter((path) => path !== '')];
    const inputs = await hardwareInputsFor(hardwareSourceFrom(values, io));
    return withSession(open, io, async (session) => {
      io.stderr.write(`${describeInputs({ ...inputs, inputs: inputStatuses(inputs), notes: [] }).join('\n')}\n`);
      const analysis = await analyzeHardware(session, inputs);
      const result = await applyTrimVerified(session, analysis, { keep }, 'trim to the machine');
      io.stdout.write(describeTrim(result, { verbose: values.verbose, dryRun: values['dry-run'] }));
      if (values['dry-run']) {
        await session.undo();
        return EXIT_OK;
      }
      const saved = await session.save({ force: values.force });
      io.stderr.write(`tuxconf: ${saved.written ? 'saved' : 'unchanged'} ${escapeControl(saved.path)}\n`);
      return EXIT_OK;
    });
  },
};
