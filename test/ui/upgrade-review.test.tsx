/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The upgrade review in the menu, on real trees: Debian's 6.1 amd64 config loaded into the 6.12
 * tree (with `o`, and as the config the menu opens on). The review opens by itself, a lost value
 * is fixed with what it needs as one step and undone, the defaults of a menu are accepted, and
 * the .config saved after accepting every default is what `make olddefconfig` writes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

const tree = kernelTree('6.12');
const server = fileURLToPath(new URL('../../fixtures/hardware/server', import.meta.url));
const REPORT_MS = 120_000;

function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23, 'a frame is one line shorter than the 24-line terminal');
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
    'no line is wider than the terminal',
  );
}

/** The summary line of the review: how many lost and new entries are still open. */
function openCounts(frame: string): { lost: number; new: number } | null {
  const match = /lost (\d+) open of \d+, new (\d+) open of \d+/.exec(frame);
  return match ? { lost: Number(match[1]), new: Number(match[2]) } : null;
}

/** Pages down until a row with `text` is on screen, then moves the cursor onto it. */
async function cursorTo(tui: Tui, text: string): Promise<void> {
  for (let tries = 0; tries < 100 && !tui.frame().includes(text); tries++) await tui.press(KEYS.pageDown);
  for (let tries = 0; tries < 40 && !cursorLine(tui.frame()).includes(text); tries++) {
    const lines = tui.frame().split('\n');
    const target = lines.findIndex((line) => line.includes(text));
    const cursor = lines.findIndex((line) => line.startsWith('>'));
    await tui.press(target < cursor ? 'k' : 'j');
  }
  assert.ok(cursorLine(tui.frame()).includes(text), `the cursor reached ${text}`);
}

describe('the upgrade review: Debian 6.1 amd64 config loaded into the 6.12 tree', () => {
  let root = '';
  let oldPath = '';
  let expected = '';
  let session: Session | undefined;
  let tui: Tui | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuxconf-ui-upgrade-'));
    const oldText = debianConfig('6.1');
    oldPath = join(root, 'config-6.1');
    await writeFile(oldPath, oldText);
    const oracle = await outputDirWith(root, 'oracle', oldText);
    kernelMake(tree, oracle, ['olddefconfig']);
    expected = await readFile(join(oracle, '.config'), 'utf8');
  });

  afterEach(async () => {
    tui?.unmount();
    await session?.close();
    tui = undefined;
    session = undefined;
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('opens when o loads the old config; fixes a lost value with its dependency as one step, u takes it back; A accepts a menu; all defaults accepted and saved = make olddefconfig', async () => {
    const out = join(root, 'loaded');
    session = await openSession({ tree, output: out, arch: 'x86', env: process.env });
    tui = await renderTui(session, { columns: 80, rows: 24 }, { hardwareSource: { hwFrom: server } });
    await tui.press('o');
    await tui.write(oldPath);
    await tui.press(KEYS.enter);
    const opened = await tui.waitFor((frame) => openCounts(frame) !== null, 'the review', REPORT_MS);
    assertFits(opened);
    assert.match(opened, /Upgrade review: config of Linux 6\.1\.192/);
    assert.match(opened, /Linux\/x86 6\.1\.192 -> 6\.12\.\d+: lost \d+ open of \d+, new \d+ open of \d+/);
    assert.match(opened, /Lost \(\d+\): values the old config set/);
    assert.match(cursorLine(opened), /^>\[ \]/, 'the cursor is on the first lost value');
    assert.equal(session.history.length, 1, 'the load is one step');

    await cursorTo(tui, 'MLX5_CLS_ACT=');
    const detail = tui.frame();
    assert.match(detail, /dependencies not met here/);
    assert.match(detail, /needs: .*NET_TC_SKB_EXT/);
    await tui.press('f');
    const fixed = await tui.waitFor((frame) => /Fixed CONFIG_MLX5_CLS_ACT in one step/.test(frame), 'the fix', 60_000);
    assertFits(fixed);
    assert.match(fixed, /NET_TC_SKB_EXT=y/, 'the status line names what came with it');
    assert.match(cursorLine(tui.frame()), /\[\+\]/, 'the row says it holds again');
    assert.deepEqual([session.value('MLX5_CLS_ACT'), session.value('NET_TC_SKB_EXT')], ['y', 'y']);
    assert.deepEqual(session.history, [session.history[0], 'fix MLX5_CLS_ACT=y']);

    await tui.press('u');
    await tui.waitFor((frame) => /\[ \] ?MLX5_CLS_ACT=/.test(cursorLine(frame)), 'the row open again after undo', 30_000);
    assert.deepEqual([session.value('MLX5_CLS_ACT'), session.value('NET_TC_SKB_EXT')], ['n', 'n']);
    assert.equal(session.history.length, 1);

    await tui.press('a');
    assert.ok(!cursorLine(tui.frame()).includes('MLX5_CLS_ACT='), 'accepting goes on to the next open value');
    await tui.press('A');
    const lostDone = await tui.waitFor((frame) => openCounts(frame)?.lost === 0, 'every lost value decided');
    const before = openCounts(lostDone)!;
    assert.match(cursorLine(lostDone), /^>\[ \].*=/, 'on to the first new option');
    await tui.press('A');
    const menuDone = await tui.waitFor((frame) => (openCounts(frame)?.new ?? before.new) < before.new, 'a menu accepted');
    assertFits(menuDone);
    assert.match(menuDone, /\[=\]/, 'its options are marked as keeping their defaults');
    assert.equal(session.history.length, 1, 'accepting defaults changes nothing');

    for (let tries = 0; tries < 300 && openCounts(tui.frame())?.new !== 0; tries++) await tui.press('A');
    assert.deepEqual(openCounts(tui.frame()), { lost: 0, new: 0 });
    await tui.press('s');
    await tui.waitFor((frame) => /Saved /.test(frame), 'the save', 30_000);
    assert.equal(await readFile(join(out, '.config'), 'utf8'), expected);
  });

  it('offers the review when the menu opens on a config of another release; v opens it; F fixes every open lost value in one step, u takes it back; it flags what the captured machine needs', async () => {
    const out = await outputDirWith(root, 'opened', await readFile(oldPath, 'utf8'));
    session = await openSession({ tree, output: out, arch: 'x86', env: process.env });
    tui = await renderTui(session, { columns: 80, rows: 24 }, { hardwareSource: { hwFrom: server } });
    const offered = await tui.waitFor((frame) => /written by Linux\/x86 6\.1\.192/.test(frame), 'the offer', 30_000);
    assertFits(offered);
    assert.match(offered, /v reviews/);
    await tui.press('v');
    const opened = await tui.waitFor((frame) => openCounts(frame) !== null, 'the review', REPORT_MS);
    const steps = session.history.length;
    await tui.press('F');
    const fixedAll = await tui.waitFor((frame) => /Fixed \d+ lost values in one step/.test(frame), 'fix all', 120_000);
    assertFits(fixedAll);
    assert.ok(openCounts(fixedAll)!.lost < openCounts(opened)!.lost, 'fixed values are no longer open');
    assert.equal(session.history.length, steps + 1, 'one step');
    assert.equal(session.value('MLX5_CLS_ACT'), 'y');
    await tui.press('u');
    await tui.waitFor((frame) => openCounts(frame)?.lost === openCounts(opened)!.lost, 'all open again after undo', 30_000);
    assert.equal(session.value('MLX5_CLS_ACT'), 'n');
    await tui.press('A');
    await tui.waitFor((frame) => openCounts(frame)?.lost === 0, 'every lost value accepted');
    await cursorTo(tui, '*DELL_PC=m');
    assert.match(tui.frame(), /this machine: met/, 'dell_pc is loaded on the captured server');
    await tui.press(KEYS.escape);
    await tui.waitFor((frame) => !frame.includes('Upgrade review'), 'the menu again');
    await tui.press('v');
    await tui.waitFor((frame) => openCounts(frame)?.lost === 0, 'the review as it was left');
  });
});
