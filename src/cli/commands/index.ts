import type { Command } from '../command.js';
import { applyCommand } from './apply.js';
import { buildCommand } from './build.js';
import { captureCommand } from './capture.js';
import { doctorCommand } from './doctor.js';
import { dumpCommand } from './dump.js';
import { exportCommand } from './export.js';
import { getCommand } from './get.js';
import { presetsCommand } from './presets.js';
import { recoverCommand } from './recover.js';
import { searchCommand } from './search.js';
import { saveCommand } from './save.js';
import { savedefconfigCommand } from './savedefconfig.js';
import { setCommand } from './set.js';
import { suggestCommand } from './suggest.js';
import { trimCommand } from './trim.js';
import { upgradeCommand } from './upgrade.js';

/** Every subcommand, in the order `tuxconf --help` lists them. */
export const commands: Command[] = [
  getCommand,
  setCommand,
  saveCommand,
  savedefconfigCommand,
  dumpCommand,
  searchCommand,
  presetsCommand,
  applyCommand,
  upgradeCommand,
  exportCommand,
  suggestCommand,
  trimCommand,
  captureCommand,
  recoverCommand,
  buildCommand,
  doctorCommand,
];
