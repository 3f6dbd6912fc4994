import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCommand } from '../../src/cli/commands/build.js';
import { discoverKernelTree, type KernelTree } from '../../src/engine/kernel-tree.js';
import { bootImageName } from '../../src/features/build/build-artifacts.js';
import { historyKey, historyPath, readBuildRecord } from '../../src/features/build/build-history.js';
import { formatSummary } from '../../src/features/build/build-summary.js';
import type { LogLine } from '../../src/features/build/build-log.js';
import { type BuildUpdate, startBuild } from '../../src/features/build/build-run.js';
import { processGroupMembers } from '../../src/features/build/process-group.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { processesOfOutputDir, waitFor } from './support/build-processes.js';
import { captureIo } from './support/capture-io.js';

const srcTree = kernelTree('6.12');
let workDir: string;
let objTree: string;
let tree: KernelTree;

const OBJECT_COMPILE = /^ {2}CC {6}\S+\.o$/;

function liveMembers(pgid: number): string[] {
  return processGroupMembers(pgid)
    .filter((member) => member.state !== 'Z')
    .map((member) => `${member.pid} ${member.command}`);
}

function logLines(text: string): string[] {
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-build-'));
  objTree = join(workDir, 'out');
  kernelMake(srcTree, objTree, ['defconfig']);
  tree = await discoverKernelTree({ tree: srcTree, output: objTree, arch: 'x86' });
});

after(async () => {
  assert.deepEqual(processesOfOutputDir(objTree), [], 'no build process outlives the tests');
  await rm(workDir, { recursive: true, force: true });
});

describe('real make on the Debian 6.12 tree in an O= directory', () => {
  it('streams the `scripts` target in batches while it runs and logs every line to the file', async () => {
    const logPath = join(workDir, 'scripts.log');
    const handle = await startBuild({ tree, makeArgs: ['scripts'], jobs: 2, logPath });
    const updates: BuildUpdate[] = [];
    handle.subscribe((update) => updates.push(update));
    const result = await handle.result;

    assert.equal(result.status, 'succeeded');
    assert.equal(result.exitCode, 0);
    assert.deepEqual(result.command.slice(0, 6), ['make', '-C', srcTree, `O=${objTree}`, 'ARCH=x86', '-j2']);
    const received: LogLine[] = updates.flatMap((update) => update.lines);
    assert.deepEqual(received.map((line) => line.index), [...received.keys()], 'every line, in order, once');
    assert.ok(updates.some((update) => update.snapshot.status === 'running' && update.lines.length > 0), 'lines arrived while make ran');
    assert.equal(updates.at(-1)?.snapshot.status, 'succeeded');

    const logged = logLines(await readFile(logPath, 'utf8'));
    assert.deepEqual(logged, received.map((line) => line.text));
    assert.equal(result.counts.lines, logged.length);
    assert.ok(logged.includes('  HOSTCC  scripts/kallsyms'), 'the host programs were compiled');
    assert.ok(logged.some((line) => line.startsWith(`make[1]: Entering directory '${objTree}'`)));
    const compiled = logged.filter((line) => /^ {2}HOSTCC /.test(line)).length;
    assert.equal(result.counts.objects, compiled);
    assert.equal(result.counts.errors, 0);
    assert.equal((await readBuildRecord(historyPath(objTree), historyKey(['scripts'])))?.objects, compiled);
  });

  it('estimates the next build of the same target from the recorded one', async () => {
    const recorded = await readBuildRecord(historyPath(objTree), historyKey(['scripts']));
    assert.ok(recorded);
    await unlink(join(objTree, 'scripts/kallsyms'));
    const handle = await startBuild({ tree, makeArgs: ['scripts'], jobs: 2, logPath: join(workDir, 'scripts-again.log') });
    const estimate = handle.snapshot().progress.estimate;
    assert.equal(estimate?.previousObjects, recorded.objects);
    assert.equal(estimate?.fraction, 0);
    assert.ok((estimate?.remainingMs ?? 0) > 0);
    const result = await handle.result;
    assert.equal(result.status, 'succeeded');
    assert.ok((await readFile(join(workDir, 'scripts-again.log'), 'utf8')).includes('  HOSTCC  scripts/kallsyms\n'));
  });

  it('keeps make\'s exit code and finds the first error of a broken external module', async () => {
    kernelMake(srcTree, objTree, ['-j2', 'modules_prepare']);
    const moduleDir = join(workDir, 'broken-module');
    await mkdir(moduleDir);
    await writeFile(join(moduleDir, 'Kbuild'), 'obj-m := broken.o\n');
    await writeFile(
      join(moduleDir, 'broken.c'),
      '#include <linux/module.h>\nstatic int __init broken_init(void)\n{\n\treturn undefined_symbol_here + 1;\n}\nmodule_init(broken_init);\nMODULE_LICENSE("GPL");\n',
    );
    const makeArgs = [`M=${moduleDir}`, 'modules'];
    const oracle = spawnSync('make', ['-C', srcTree, `O=${objTree}`, 'ARCH=x86', ...makeArgs], { encoding: 'utf8' });
    assert.equal(oracle.status, 2);

    const logPath = join(workDir, 'broken.log');
    const captured = captureIo();
    const code = await buildCommand.run(['-C', srcTree, '-O', objTree, '--arch', 'x86', '--log', logPath, '-j', '2', '--', ...makeArgs], captured.io);

    assert.equal(code, oracle.status);
    const stdout = captured.stdout();
    assert.equal(stdout, await readFile(logPath, 'utf8'), 'stdout carries the same plain lines as the log');
    const errorLine = `${moduleDir}/broken.c:4:16: error: ‘undefined_symbol_here’ undeclared (first use in this function)`;
    assert.ok(stdout.includes(`${errorLine}\n`));
    assert.ok(oracle.stderr.includes(errorLine), 'make alone prints the same error');
    const stderr = captured.stderr();
    assert.match(stderr, /tuxconf: build failed \(make exit code 2\) in \d+:\d\d: 2 errors, 0 warnings/);
    assert.ok(stderr.includes(`first error: ${moduleDir}/broken.c:4:16: ‘undefined_symbol_here’ undeclared (first use in this function)\n`));
    assert.ok(stderr.includes(`log: ${logPath}\n`));
  });

  it('reports where the results are: the external module it built, and the boot image kbuild names', async () => {
    const moduleDir = join(workDir, 'hello-module');
    await mkdir(moduleDir);
    await writeFile(join(moduleDir, 'Kbuild'), 'obj-m := hello.o\n');
    await writeFile(
      join(moduleDir, 'hello.c'),
      '#include <linux/module.h>\nstatic int __init hello_init(void)\n{\n\treturn 0;\n}\nmodule_init(hello_init);\nMODULE_LICENSE("GPL");\n',
    );
    // Without a built vmlinux there is no Module.symvers: kbuild's own knob makes modpost warn instead of fail.
    const makeArgs = [`M=${moduleDir}`, 'KBUILD_MODPOST_WARN=1', 'modules'];
    const handle = await startBuild({ tree, makeArgs, jobs: 2, logPath: join(workDir, 'hello.log') });
    const result = await handle.result;
    assert.equal(result.status, 'succeeded', result.firstError?.text);
    assert.ok(handle.issues().some((issue) => issue.kind === 'warning' && issue.text.startsWith('WARNING: modpost:')));
    assert.equal(result.counts.warnings, handle.issues().length);
    assert.deepEqual(result.artifacts.modules, { dir: moduleDir, count: 1, updated: 1 });
    const summary = formatSummary(result, objTree).join('\n');
    assert.match(summary, new RegExp(`^tuxconf: build succeeded in \\d+:\\d\\d: 0 errors, ${result.counts.warnings} warnings, \\d+ objects built$`, 'm'));
    assert.ok(summary.includes(`modules: 1 in ${moduleDir} (1 rebuilt)`));
    assert.equal(await bootImageName(tree, process.env), 'arch/x86/boot/bzImage');
  });

  it('cancels a vmlinux compile: make and every compiler stop, nothing left in the group or the output directory', async () => {
    const logPath = join(workDir, 'vmlinux-cancel.log');
    const handle = await startBuild({ tree, makeArgs: ['vmlinux'], jobs: 2, logPath });
    const pgid = handle.pid as number;
    const received: LogLine[] = [];
    handle.subscribe((update) => received.push(...update.lines));
    const compilingObjects = (): boolean =>
      received.some((line) => OBJECT_COMPILE.test(line.text)) && liveMembers(pgid).some((member) => member.endsWith(' cc1'));
    await waitFor(compilingObjects, 120_000, 'kernel objects being compiled');
    assert.ok(processesOfOutputDir(objTree).length >= 2, 'make and compilers run in the output directory');

    const started = Date.now();
    const result = await handle.cancel();
    const took = Date.now() - started;

    assert.equal(result.status, 'cancelled');
    // make ends with its own code or by the signal, depending on which of its children died first.
    assert.ok(result.signal === 'SIGTERM' || (result.exitCode ?? 0) > 0, `make stopped: ${result.exitCode} ${result.signal}`);
    assert.equal(result.termination?.killed, false, 'SIGTERM to the group was enough');
    assert.ok(took < 3000, `cancel took ${took} ms`);
    assert.deepEqual(liveMembers(pgid), []);
    assert.deepEqual(processesOfOutputDir(objTree), []);
    assert.equal(handle.snapshot().status, 'cancelled');
    const logged = logLines(await readFile(logPath, 'utf8'));
    assert.equal(logged.length, result.counts.lines, 'the log keeps what was printed');
    assert.deepEqual(received.map((line) => line.text), logged);
    assert.ok(logged.some((line) => OBJECT_COMPILE.test(line)));
  });

  it('ends the build when tuxconf exits in the middle of it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/build/support/exit-during-build.ts', srcTree, objTree], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 3);
    const pgid = Number(stdout.trim());
    assert.ok(pgid > 0, `the child reported make's group: '${stdout}'`);
    assert.deepEqual(liveMembers(pgid), []);
    assert.deepEqual(processesOfOutputDir(objTree), []);
  });

  it('`tuxconf build` stops on Ctrl+C (SIGINT) with exit code 130 and no survivors', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/build/support/run-build-cli.ts', '-C', srcTree, '-O', objTree, '--arch', 'x86', '-j', '2', '--log', join(workDir, 'cli-cancel.log'), '--', 'vmlinux'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await waitFor(
      () => /^ {2}CC {6}\S+\.o$/m.test(stdout) && processesOfOutputDir(objTree).some((proc) => /\/cc1 /.test(proc.command)),
      120_000,
      'kernel objects being compiled by tuxconf build',
    );
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /tuxconf: build cancelled in /);
    assert.ok(stdout.length > 0);
    assert.equal(stdout, await readFile(join(workDir, 'cli-cancel.log'), 'utf8'));
    assert.deepEqual(processesOfOutputDir(objTree), []);
  });
});
