/**
 * Starts a build of `vmlinux` in the output directory given as argv[2], and as soon as a compiler
 * runs, prints make's process group and exits without cancelling: the exit hook must end the build.
 */
import { discoverKernelTree } from '../../../src/engine/kernel-tree.js';
import { startBuild } from '../../../src/features/build/build-run.js';
import { processGroupMembers } from '../../../src/features/build/process-group.js';

const [srcTree, objTree] = process.argv.slice(2) as [string, string];
const tree = await discoverKernelTree({ tree: srcTree, output: objTree, arch: 'x86' });
const handle = await startBuild({ tree, makeArgs: ['vmlinux'], jobs: 2, logPath: `${objTree}/exit-test.log` });
let compiling = false;
handle.subscribe((update) => {
  const pgid = handle.pid as number;
  compiling ||= update.lines.some((line) => /^ {2}CC {6}\S+\.o$/.test(line.text));
  if (compiling && processGroupMembers(pgid).some((member) => member.command === 'cc1')) {
    process.stdout.write(`${pgid}\n`);
    process.exit(3);
  }
});
