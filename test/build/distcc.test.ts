import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCommand } from '../../src/cli/commands/build.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { processesOfOutputDir } from './support/build-processes.js';
import { captureIo } from './support/capture-io.js';
import { type Distccd, startDistccd } from './support/distccd.js';

const srcTree = kernelTree('6.12');
let workDir: string;
let objTree: string;
let distccd: Distccd;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-distcc-'));
  objTree = join(workDir, 'out');
  kernelMake(srcTree, objTree, ['defconfig']);
  distccd = await startDistccd();
});

after(async () => {
  await distccd?.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe('distributed builds through distcc', () => {
  it('builds lib/math/ through a real distccd on 127.0.0.1, whose own log shows the remote jobs', async () => {
    const hosts = `127.0.0.1:${distccd.port}`;
    const captured = captureIo({ ...process.env, DISTCC_HOSTS: hosts });
    const code = await buildCommand.run(['-C', srcTree, '-O', objTree, '--arch', 'x86', '--distcc', '--', 'lib/math/'], captured.io);
    assert.equal(code, 0, captured.stderr());

    // One host with distcc's default of 4 slots: -j sized by `distcc -j`, unless the machine has more cores.
    const jobs = Math.max(4, availableParallelism());
    assert.match(captured.stderr(), new RegExp(`^tuxconf: make -C \\S+ O=\\S+ ARCH=x86 CC='distcc gcc' -j${jobs} lib/math/$`, 'm'));
    assert.match(captured.stderr(), /tuxconf: build succeeded/);

    const compiled = [...captured.stdout().matchAll(/^ {2}CC {6}(lib\/math\/\S+)\.o$/gm)].map((match) => match[1] as string);
    assert.ok(compiled.length >= 5, `lib/math objects compiled: ${compiled.join(' ')}`);
    const daemonLog = await distccd.log();
    for (const object of compiled) {
      assert.match(daemonLog, new RegExp(`COMPILE_OK exit:0 .* ${srcTree}/${object}\\.c$`, 'm'), `distccd compiled ${object}.c`);
    }
    assert.equal(captured.stdout(), await readFile(join(objTree, '.tuxconf-build.log'), 'utf8'));
    assert.deepEqual(processesOfOutputDir(objTree), []);
  });
});
