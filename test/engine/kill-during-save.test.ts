import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf, TUXCONF_BIN } from '../support/run-cli.js';

const tree = kernelTree('6.12');
const KILLS = 50;

/** A small seeded generator, so that a failing run can be repeated exactly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function runAndKill(args: string[], env: NodeJS.ProcessEnv, afterMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TUXCONF_BIN, ...args], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), afterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

test(`${KILLS} kill -9s at random moments of tuxconf set: .config is always the old or the new file, whole, and nothing is left behind (6.12)`, async () => {
  await withTempDir('kill9', async (dir) => {
    const base = await outputDirWith(dir, 'base', await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
    kernelMake(tree, base, ['olddefconfig']);
    const out = await outputDirWith(dir, 'out', await readFile(join(base, '.config'), 'utf8'));
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    const env = { ...process.env, TUXCONF_FROM_SOURCE: '1', TMPDIR: tmp };
    const values = ['m', 'y'] as const;

    // The two files the runs alternate between, each made by a run that is not interrupted.
    const whole = new Set<string>([await readFile(join(out, '.config'), 'utf8')]);
    const started = Date.now();
    for (const value of values) {
      const result = await runTuxconf(['-C', tree, '-O', out, 'set', `E1000E=${value}`], { env });
      assert.equal(result.exitCode, 0, result.stderr);
      whole.add(await readFile(join(out, '.config'), 'utf8'));
    }
    assert.equal(whole.size, 2, 'the two requests give two different files');
    const runMs = (Date.now() - started) / values.length;

    const next = random(20261129);
    let killed = 0;
    for (let round = 0; killed < KILLS && round < KILLS * 4; round++) {
      const outcome = await runAndKill(['-C', tree, '-O', out, 'set', `E1000E=${values[round % 2]}`], env, next() * runMs);
      if (outcome.killed) killed++;
      const config = await readFile(join(out, '.config'), 'utf8');
      assert.ok(whole.has(config), `round ${round}: .config is one of the two whole files`);
      const old = await readFile(join(out, '.config.old'), 'utf8').catch(() => null);
      assert.ok(old === null || whole.has(old), `round ${round}: .config.old is whole`);
    }
    assert.equal(killed, KILLS, `${KILLS} runs were killed before they ended`);

    const final = await runTuxconf(['-C', tree, '-O', out, 'get', 'E1000E'], { env });
    assert.equal(final.exitCode, 0, final.stderr);
    assert.deepEqual((await readdir(out)).filter((name) => name.includes('.tuxconf-') || name.includes('tmpconfig')), [], 'no temporary file in the output directory');
    assert.deepEqual((await readdir(tmp)).filter((name) => name.startsWith('tuxconf-')), [], 'no private directory left in TMPDIR');
  });
});
