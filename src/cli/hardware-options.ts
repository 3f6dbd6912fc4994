import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import { resolve } from 'node:path';
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

/** The hardware source a command line names, paths resolved against `cwd`. */
export function hardwareSourceFrom(values: OptionValues<typeof HARDWARE_SOURCE_OPTIONS>, cwd: string): HardwareSourceOptions {
  const at = (path: string | undefined): string | undefined => (path === undefined ? undefined : resolve(cwd, path));
  return { hwFrom: at(values['hw-from']), lsmod: at(values.lsmod), lspci: at(values.lspci) };
}
