import type { Command } from '../command.js';
import { applyCommand } from './apply.js';
import { buildCommand } from './build.js';
import { disableCommand } from './disable.js';
import { enableCommand } from './enable.js';
import { captureCommand } from './capture.js';
import { checkCommand } from './check.js';
import { doctorCommand } from './doctor.js';
import { dumpCommand } from './dump.js';
import { exportCommand } from './export.js';
import { getCommand } from './get.js';
import { presetsCommand } from './presets.js';
import { profilesCommand } from './profiles.js';
import { recoverCommand } from './recover.js';
import { searchCommand } from './search.js';
import { saveCommand } from './save.js';
import { savedefconfigCommand } from './savedefconfig.js';
import { setCommand } from './set.js';
import { suggestCommand } from './suggest.js';
import { trimCommand } from './trim.js';
import { upgradeCommand } from './upgrade.js';
import { whyCommand } from './why.js';

/** Every subcommand, in the order `tuxconf --help` lists them. */
export const commands: Command[] = [
  getCommand,
  setCommand,
  enableCommand,
  disableCommand,
  whyCommand,
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
  checkCommand,
  profilesCommand,
  recoverCommand,
  buildCommand,
  doctorCommand,
];
