/**
 * Runs `tuxconf build` as its own process (argv after the script), the way the CLI entry does:
 * real stdout/stderr, process signals, exit with the command's code.
 */
import { buildCommand } from '../../../src/cli/commands/build.js';

const code = await buildCommand.run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
});
process.exitCode = code;
