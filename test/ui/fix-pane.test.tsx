/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { assertStable, configValue, makeBase } from '../fix/support.js';
import { cursorLine, KEYS, renderTui } from './support/tui-harness.js';

/** Every frame fits 80x24: 23 lines (Ink's last line is the hints), none wider than 80 columns. */
function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23);
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
  );
}

/**
 * The fix in the TUI on Debian's 6.12 tree from x86_64_defconfig: a symbol hidden there, found by
 * search, explained with e; the fix is searched for while keys work, shown as a diff with a
 * reason a line, applied with f as one undoable step and undone with u.
 */
describe('the fix in the why view (Debian 6.12, x86_64_defconfig)', () => {
  let dir = '';
  let out = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-fix-'));
    out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    session = await openSession({ tree: kernelTree('6.12'), output: out, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const open = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };

  it('finds a hidden symbol, shows the fix as a diff, applies it as one step, and u undoes it', { timeout: 120_000 }, async () => {
    const session = open();
    assert.equal(session.state.symbols[session.symbol('IWLMVM')!.index]!.visible, 'n', 'IWLMVM is hidden in x86_64_defconfig');
    const tui = await renderTui(session);
    try {
      await tui.write('/iwlmvm');
      await tui.waitFor((frame) => cursorLine(frame).startsWith('>IWLMVM=n'), 'IWLMVM found', 20_000);
      await tui.press(KEYS.down, 'e');
      const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_IWLMVM=m'), 'the fix', 60_000);
      assertFits(fix);
      const lines = fix.split('\n');
      const heading = lines.findIndex((line) => line.includes('Fix for CONFIG_IWLMVM=m'));
      assert.match(lines[heading]!, /Fix for CONFIG_IWLMVM=m: 2 changes; f applies them as one step/);
      const diff = lines.slice(heading + 1).filter((line) => /^ {2}[-+~] /.test(line));
      assert.deepEqual(diff, ['  + IWLMVM n -> m  asked for', '  + IWLWIFI n -> m  IWLMVM depends on IWLWIFI'], 'each line of the diff with its reason');
      assert.match(fix, /Then \d+ other values follow: WANT_DEV_COREDUMP=y/);
      assert.match(fix.split('\n').at(-1)!, /f apply fix/);

      await tui.press('f');
      const applied = await tui.waitFor(
        (frame) => frame.includes('Fixed CONFIG_IWLMVM=m') && cursorLine(frame).startsWith('>IWLMVM=m'),
        'the fix applied, back in the results',
        30_000,
      );
      assert.match(applied, /Fixed CONFIG_IWLMVM=m: \d+ values changed \(u undoes it\)/);
      assert.equal(session.value('IWLMVM'), 'm');
      assert.equal(session.value('IWLWIFI'), 'm');
      assert.equal(session.history.at(-1), 'fix IWLMVM=m', 'one undoable step');

      // The kernel's verdict: the saved config is one make olddefconfig leaves as it is, IWLMVM kept.
      const saved = join(dir, 'fixed.config');
      await session.save({ path: saved });
      const text = await readFile(saved, 'utf8');
      assert.equal(configValue(text, 'IWLMVM'), 'm');
      await assertStable('6.12', dir, text, 'x86_64_defconfig + the fix for IWLMVM=m');

      await tui.press('u');
      await tui.waitFor((frame) => frame.includes('Undid fix IWLMVM=m') && cursorLine(frame).startsWith('>IWLMVM=n'), 'u undoing the fix', 30_000);
      assert.equal(session.value('IWLMVM'), 'n');
      assert.equal(session.value('IWLWIFI'), 'n');

      // y asks for a fix to another value: IWLMVM built in needs IWLWIFI built in.
      await tui.press('f');
      await tui.waitFor((frame) => frame.includes('Fix for CONFIG_IWLMVM=m'), 'f in the results: the why page with the fix again', 60_000);
      await tui.press('y');
      const built = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_IWLMVM=y'), 'the fix for y', 60_000);
      assert.match(built, /^ {2}\+ IWLWIFI n -> y {2}IWLMVM depends on IWLWIFI$/m);
      await tui.press(KEYS.escape);
      await tui.waitFor((frame) => cursorLine(frame).startsWith('>IWLMVM=n') && !frame.includes('Why:'), 'Esc back in the results, nothing changed');
      assert.deepEqual(session.history, [], 'Esc changed nothing');
    } finally {
      tui.unmount();
    }
  });

  it('offers the disable fix for a symbol selects hold up (CRC32), naming the selectors that must go', { timeout: 120_000 }, async () => {
    const session = open();
    while (await session.undo()) {
      // the loaded config
    }
    assert.equal(session.state.symbols[session.symbol('CRC32')!.index]!.selectedTo, 'y', 'CRC32 is forced to y by select');
    const tui = await renderTui(session);
    try {
      await tui.write('/crc32');
      await tui.waitFor((frame) => cursorLine(frame).startsWith('>CRC32=y'), 'CRC32 found', 20_000);
      await tui.press(KEYS.down, 'e');
      const top = await tui.waitFor(
        (frame) => /Fix: CONFIG_CRC32=n with \d+ changes, listed at the end \(G\); f applies it/.test(frame),
        'the disable fix, said at the top',
        60_000,
      );
      assert.match(top, /CRC32 is kept at y by select from:/, 'the reasons, a screen longer than the page');
      await tui.press('G');
      const fix = await tui.waitFor((frame) => /Then \d+ other values follow/.test(frame), 'G: the end of the page, the diff');
      assert.match(fix, /^ {2}- \w+ [ym] -> n {2}stops selecting CRC32/m, 'a selector turned off, with its reason');
      assertFits(fix);
      await tui.press('f');
      await tui.waitFor((frame) => frame.includes('Fixed CONFIG_CRC32=n') && cursorLine(frame).startsWith('>CRC32=n'), 'CRC32 off', 60_000);
      const saved = join(dir, 'crc32.config');
      await session.save({ path: saved });
      const text = await readFile(saved, 'utf8');
      assert.equal(configValue(text, 'CRC32'), 'n');
      await assertStable('6.12', dir, text, 'x86_64_defconfig + the fix for CRC32=n');
    } finally {
      tui.unmount();
    }
  });
});
