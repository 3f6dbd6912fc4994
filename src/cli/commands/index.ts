import type { Command } from '../command.js';
import { captureCommand } from './capture.js';
import { doctorCommand } from './doctor.js';
import { dumpCommand } from './dump.js';
import { getCommand } from './get.js';
import { searchCommand } from './search.js';
import { saveCommand } from './save.js';
import { savedefconfigCommand } from './savedefconfig.js';
import { setCommand } from './set.js';
import { suggestCommand } from './suggest.js';
import { trimCommand } from './trim.js';

/** Every subcommand, in the order `tuxconf --help` lists them. */
export const commands: Command[] = [
  getCommand,
  setCommand,
  saveCommand,
  savedefconfigCommand,
  dumpCommand,
  searchCommand,
  suggestCommand,
  trimCommand,
  captureCommand,
  doctorCommand,
];
