import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import { resolve } from 'node:path';
import type { CommandIo } from './command.js';
import { formatOptions, type OptionTable, type OptionValues } from './options.js';

/** Where hardware suggestions and trims read the machine from: suggest, trim and the menu take these. */
export const HARDWARE_SOURCE_OPTIONS = {
  'hw-from': { type: 'string', value: 'DIR', nonEmpty: true, help: 'a directory recorded with "tuxconf capture" on that machine' },
  lsmod: { type: 'string', value: 'FILE', nonEmpty: true, help: "lsmod output of a machine (as make localmodconfig's LSMOD=)" },
  lspci: { type: 'string', value: 'FILE', nonEmpty: true, help: 'lspci -nnk or lspci -vmmnnk output of a machine' },
} as const satisfies OptionTable;

export const HARDWARE_SOURCE_USAGE = `Hardware to configure for (default: this machine):
${formatOptions(HARDWARE_SOURCE_OPTIONS)}
  (--lsmod/--lspci alone describe that machine by those files only; with
  --hw-from they replace the same input of the capture)`;

/** The hardware source a command line names, paths resolved against the working directory; else the machine `io` runs on. */
export function hardwareSourceFrom(
  values: OptionValues<typeof HARDWARE_SOURCE_OPTIONS>,
  io: Pick<CommandIo, 'cwd' | 'env' | 'machine'>,
): HardwareSourceOptions {
  const at = (path: string | undefined): string | undefined => (path === undefined ? undefined : resolve(io.cwd, path));
  return { hwFrom: at(values['hw-from']), lsmod: at(values.lsmod), lspci: at(values.lspci), root: io.machine, env: io.env };
}
