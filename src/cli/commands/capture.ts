import { resolve } from 'node:path';
import { writeCapture } from '../../features/hardware/capture-directory.js';
import { describeInputs } from '../../features/hardware/describe-report.js';
import { gatherLocalInputs } from '../../features/hardware/gather-local-inputs.js';
import { inputStatuses } from '../../features/hardware/hardware-inputs.js';
import { escapeControl } from '../../model/escape-text.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { parseCommandArgs } from '../session-command.js';

export const captureCommand: Command = {
  name: 'capture',
  summary: 'record this machine\'s hardware into a directory, for suggest/trim --hw-from on a build box',
  usage: `Usage: tuxconf capture [DIR]

Records everything "tuxconf suggest" and "tuxconf trim" read about this
machine into DIR (default: ./hardware-capture): lsmod, /proc/modules,
lspci -nnk and -vmmnnk, every sysfs modalias with its bound driver, block
devices, /proc/mounts, the running kernel's config, and modules.alias,
modules.builtin and modules.dep of the running kernel, and /proc/consoles
(for tuxconf check boot). An input that cannot
be read is recorded as NAME.error with the reason. Needs no kernel tree.
Copy DIR to the build machine and use --hw-from DIR there.`,
  options: {},
  async run(argv, io) {
    const { positionals } = parseCommandArgs(argv, {});
    if (positionals.length > 1) throw new UsageError('capture takes at most one DIR');
    const dir = resolve(io.cwd, positionals[0] ?? 'hardware-capture');
    const inputs = await gatherLocalInputs({ env: io.env });
    const files = await writeCapture(inputs, dir);
    const statuses = inputStatuses(inputs);
    io.stdout.write(`${describeInputs({ ...inputs, inputs: statuses, notes: [] }).join('\n')}\n`);
    io.stdout.write(`Recorded ${files.length} files into ${escapeControl(dir)}\n`);
    return statuses.some((status) => status.ok) ? EXIT_OK : EXIT_FAILED;
  },
};
