import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseJournal, eventLine, headerLine, type DraftHeader } from '../../src/engine/drafts/draft-format.js';
import { replayEvents } from '../../src/engine/drafts/draft.js';
import { kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

const tree = kernelTree('6.12');
const CHILD = fileURLToPath(new URL('./support/draft-child.ts', import.meta.url));

const header: DraftHeader = {
  version: 1,
  srcTree: '/src',
  objTree: '/out',
  configPath: '/out/.config',
  arch: 'x86',
  kernelVersion: '6.12.0',
  pid: 4242,
  host: 'box',
  started: 1,
  base: Buffer.from('CONFIG_A=y\n\xff', 'latin1'),
};

test('a journal replays the undo list it recorded; a last line cut short is dropped', () => {
  const text =
    headerLine(header) +
    eventLine({ t: 'snapshot', steps: [{ kind: 'requests', label: 'A=m', requests: [{ name: 'A', value: 'm' }] }], applied: 1, savedAt: 0, savedHashes: [] }) +
    eventLine({ t: 'push', step: { kind: 'text', label: 'merge', text: Buffer.from('CONFIG_B=y\n') } }) +
    eventLine({ t: 'undo' }) +
    eventLine({ t: 'push', step: { kind: 'requests', label: 'C="x y"', requests: [{ name: 'C', value: '"x y"' }] } }) +
    '{"t":"redo"'; // the process died while writing this line
  const { header: read, events, damagedAt } = parseJournal(text);
  assert.deepEqual(read.base, header.base, 'the base config survives byte for byte');
  assert.equal(damagedAt, null);
  const { history } = replayEvents(events);
  assert.deepEqual(history.appliedSteps.map((step) => step.label), ['A=m', 'C="x y"']);
  assert.equal(history.unsavedCount, 2);
});

test('a journal line that does not hold a sane request ends the reading there', () => {
  const bad = `${JSON.stringify({ t: 'push', step: { label: 'x', requests: [{ name: 'LOCALVERSION', value: '-a\nCONFIG_MODULES=n' }] } })}\n`;
  const text = headerLine(header) + eventLine({ t: 'snapshot', steps: [], applied: 0, savedAt: 0, savedHashes: [] }) + bad + eventLine({ t: 'undo' });
  const { events, damagedAt } = parseJournal(text);
  assert.equal(damagedAt, 3);
  assert.equal(events.length, 1);
});

/** Starts a session in its own process with drafts, makes the changes, and resolves once they are journaled. */
function startChild(out: string, state: string, requests: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, tree, out, ...requests], {
    env: { ...process.env, TUXCONF_STATE_DIR: state },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      const line = data.toString();
      if (line.startsWith('ready')) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`draft child exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, ready, exited };
}

async function defconfig(dir: string, name: string): Promise<string> {
  const out = await outputDirWith(dir, name, await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'));
  kernelMake(tree, out, ['olddefconfig']);
  return out;
}

for (const signal of ['SIGKILL', 'SIGHUP'] as const) {
  test(`changes of a session ended by ${signal} are listed and recovered as scripts/config + olddefconfig gives them (6.12)`, async () => {
    await withTempDir('drafts', async (dir) => {
      const state = join(dir, 'state');
      const out = await defconfig(dir, 'out');
      const base = await readFile(join(out, '.config'));
      const { child, ready, exited } = startChild(out, state, ['E1000E=m', 'LOG_BUF_SHIFT=20', 'LOCALVERSION=-tux']);
      await ready;
      child.kill(signal);
      await exited;
      assert.deepEqual(await readFile(join(out, '.config')), base, 'nothing was saved');

      const env = { TUXCONF_STATE_DIR: state };
      const listed = await runTuxconf(['recover', '--list', '--json'], { env });
      assert.equal(listed.exitCode, 0, listed.stderr);
      const { drafts } = JSON.parse(listed.stdout) as { drafts: { configPath: string; running: boolean; unsaved: number; steps: { label: string }[] }[] };
      assert.equal(drafts.length, 1);
      assert.equal(drafts[0]!.configPath, join(out, '.config'));
      assert.equal(drafts[0]!.running, false);
      assert.deepEqual(drafts[0]!.steps.map((step) => step.label), ['E1000E=m', 'LOG_BUF_SHIFT=20', 'LOCALVERSION=-tux']);

      const dry = await runTuxconf(['-C', tree, '-O', out, 'recover', '--dry-run'], { env });
      assert.equal(dry.exitCode, 0, dry.stderr);
      assert.match(dry.stdout, /CONFIG_E1000E: y -> m/);
      assert.deepEqual(await readFile(join(out, '.config')), base, '--dry-run saves nothing');

      const oracle = await outputDirWith(dir, 'oracle', base.toString('utf8'));
      execFileSync(join(tree, 'scripts/config'), ['--file', join(oracle, '.config'), '--module', 'E1000E', '--set-val', 'LOG_BUF_SHIFT', '20', '--set-str', 'LOCALVERSION', '-tux']);
      kernelMake(tree, oracle, ['olddefconfig']);
      const recovered = await runTuxconf(['-C', tree, '-O', out, 'recover'], { env });
      assert.equal(recovered.exitCode, 0, recovered.stderr);
      assert.match(recovered.stderr, /restoring the unsaved changes/);
      assert.equal(await readFile(join(out, '.config'), 'utf8'), await readFile(join(oracle, '.config'), 'utf8'));
      assert.deepEqual(await readFile(join(out, '.config.old')), base, 'the config it replaced is kept as .config.old, as make does');

      const after = await runTuxconf(['recover', '--list', '--json'], { env });
      assert.deepEqual(JSON.parse(after.stdout), { drafts: [] }, 'a recovered draft is gone');
    });
  });
}

test('a draft made on a config that changed since says so and restores what still applies (6.12)', async () => {
  await withTempDir('drafts-rebased', async (dir) => {
    const state = join(dir, 'state');
    const out = await defconfig(dir, 'out');
    const { child, ready, exited } = startChild(out, state, ['E1000E=m', 'E1000E_HWTS=n']);
    await ready;
    child.kill('SIGKILL');
    await exited;
    // Someone else turns PCI off (E1000E depends on it) and enables another option meanwhile.
    execFileSync(join(tree, 'scripts/config'), ['--file', join(out, '.config'), '--disable', 'PCI', '--enable', 'PRINTK_TIME']);
    kernelMake(tree, out, ['olddefconfig']);
    const changedOnDisk = await readFile(join(out, '.config'), 'utf8');

    const result = await runTuxconf(['-C', tree, '-O', out, 'recover'], { env: { TUXCONF_STATE_DIR: state } });
    assert.equal(result.exitCode, 1, 'a request that no longer holds fails the command');
    assert.match(result.stderr, /changed since; applying again/);
    assert.match(result.stderr, /no longer applies: CONFIG_E1000E=m: unmet dependencies: .*PCI/);
    const saved = await readFile(join(out, '.config'), 'utf8');
    assert.match(saved, /^CONFIG_PRINTK_TIME=y$/m, "the other change on disk is kept");
    assert.equal(saved.includes('CONFIG_E1000E=m'), false);
    assert.notEqual(changedOnDisk, '');
  });
});

test('a second session on the same config is told that another holds it, and by which process (6.12)', async () => {
  await withTempDir('drafts-lock', async (dir) => {
    const state = join(dir, 'state');
    const out = await defconfig(dir, 'out');
    const first = startChild(out, state, []);
    assert.equal(await first.ready, 'ready free');
    const second = startChild(out, state, []);
    assert.equal(await second.ready, `ready held-by ${first.child.pid} alive`);
    second.child.kill('SIGTERM');
    first.child.kill('SIGKILL');
    await Promise.all([first.exited, second.exited]);
    const third = startChild(out, state, []);
    assert.match(await third.ready, new RegExp(`^ready (held-by ${first.child.pid} dead|held-by ${second.child.pid} dead)$`));
    third.child.kill('SIGTERM');
    await third.exited;
    assert.deepEqual((await readdir(join(state, 'drafts'))).filter((name) => name.endsWith('.draft')), [], 'sessions without changes leave no draft');
  });
});

test('recover without a draft for this config says so and exits 1 (6.12)', async () => {
  await withTempDir('drafts-none', async (dir) => {
    const out = await defconfig(dir, 'out');
    await writeFile(join(dir, 'marker'), '');
    const result = await runTuxconf(['-C', tree, '-O', out, 'recover'], { env: { TUXCONF_STATE_DIR: join(dir, 'state') } });
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /no unsaved changes are kept for .*\.config/);
  });
});

test('a config changed on disk meanwhile: the save is refused, and reload-and-reapply keeps both sides (6.12)', async () => {
  await withTempDir('reapply', async (dir) => {
    const out = await defconfig(dir, 'out');
    const { openSession } = await import('../../src/engine/open-session.js');
    const { ConfigChangedOnDiskError } = await import('../../src/engine/session.js');
    const session = await openSession({ tree, output: out, arch: 'x86' });
    try {
      assert.equal((await session.set('E1000E', 'm')).ok, true);
      execFileSync(join(tree, 'scripts/config'), ['--file', join(out, '.config'), '--disable', 'PRINTK_TIME']);
      kernelMake(tree, out, ['olddefconfig']);
      await assert.rejects(session.save(), (error: unknown) => error instanceof ConfigChangedOnDiskError);
      const outcome = await session.reloadAndReapply();
      assert.equal(outcome.ok, true);
      assert.equal(session.value('PRINTK_TIME'), 'n', "the other side's change is the new base");
      assert.equal(session.value('E1000E'), 'm', 'this session\'s change is applied again');
      assert.equal(session.unsavedCount, 1);
      await session.save();
      const saved = await readFile(join(out, '.config'), 'utf8');
      assert.match(saved, /^CONFIG_E1000E=m$/m);
      assert.match(saved, /^# CONFIG_PRINTK_TIME is not set$/m);
      assert.equal(await session.undo(), true, 'applying the changes again is one undoable step');
      assert.equal(session.value('E1000E'), 'y');
      assert.equal(session.value('PRINTK_TIME'), 'n', 'undo goes back to the config read again, not further');
      assert.equal(await session.undo(), false);
    } finally {
      await session.close();
    }
  });
});
