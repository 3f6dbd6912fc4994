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
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

/** Every frame fits 80x24: 23 lines (Ink's last line is the hints), none wider than 80 columns. */
function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23);
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
  );
}

/** The diff lines under the fix's heading (the cursor's `>` on one of them left out). */
function diffOf(frame: string, heading: string): string[] {
  const lines = frame.split('\n');
  const at = lines.findIndex((line) => line.includes(heading));
  assert.ok(at >= 0, `${heading} on screen`);
  return lines
    .slice(at + 1)
    .filter((line) => /^[ >] [-+~] /.test(line))
    .map((line) => `  ${line.slice(2)}`);
}

/**
 * The fix for int, hex and string values in the TUI, on Debian's 6.12 tree from x86_64_defconfig:
 * symbols whose prompt depends on something off there, found by search. The value is typed in
 * the value editor, the fix for NAME=VALUE is shown as a diff with a reason a line, f applies it
 * as one undoable step (the saved config one make olddefconfig keeps, the value kept) and u undoes it.
 */
describe('the fix for a typed value (Debian 6.12, x86_64_defconfig)', () => {
  let dir = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-value-fix-'));
    const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
    session = await openSession({ tree: kernelTree('6.12'), output: out, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const open = async (): Promise<Session> => {
    assert.ok(session, 'the 6.12 tree is open');
    while (await session.undo()) {
      // back to the loaded config
    }
    return session;
  };
  const hidden = (session: Session, name: string): void => assert.equal(session.state.symbols[session.symbol(name)!.index]!.visible, 'n', `${name} is hidden`);

  /** Saves the config and asks the kernel: make olddefconfig leaves it as it is, with `name` at `value`. */
  async function assertKept(session: Session, name: string, value: string): Promise<void> {
    const saved = join(dir, `${name}.config`);
    await session.save({ path: saved });
    const text = await readFile(saved, 'utf8');
    assert.equal(configValue(text, name), value);
    await assertStable('6.12', dir, text, `x86_64_defconfig + the fix for ${name}=${value}`);
  }

  async function search(tui: Tui, query: string, name: string, value: string): Promise<void> {
    await tui.write(`/${query}`);
    await tui.waitFor((frame) => cursorLine(frame).startsWith(`>${name}=${value}`), `${name} found`, 20_000);
    await tui.press(KEYS.down);
  }

  it('an int behind an off dependency: typed in the editor, Enter says why, Tab shows the fix, f applies it, u undoes it', { timeout: 180_000 }, async () => {
    const session = await open();
    hidden(session, 'BLK_DEV_RAM_COUNT');
    const tui = await renderTui(session);
    try {
      await search(tui, 'blk_dev_ram_count', 'BLK_DEV_RAM_COUNT', '0');
      await tui.press(' ');
      await tui.waitFor((frame) => frame.includes('(CONFIG_BLK_DEV_RAM_COUNT, int'), 'the value editor');
      await tui.press(KEYS.backspace, '4', KEYS.enter);
      const refused = await tui.waitFor((frame) => frame.includes('unmet dependencies: BLK_DEV_RAM [=n]'), 'Enter refused with the reason');
      assert.match(refused, /Enter sets the value, Tab finds the fix it needs, Esc cancels\./, 'under the refusal, what Tab does');
      assert.equal(session.value('BLK_DEV_RAM_COUNT'), '0', 'nothing set');

      await tui.press('\t');
      const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_BLK_DEV_RAM_COUNT=4'), 'the fix', 60_000);
      assertFits(fix);
      assert.match(fix, /Fix for CONFIG_BLK_DEV_RAM_COUNT=4: 2 changes; f applies them as one step \(u\n {2}undoes\), =: a fix for another value/);
      assert.deepEqual(diffOf(fix, 'Fix for CONFIG_BLK_DEV_RAM_COUNT=4'), [
        '  ~ BLK_DEV_RAM_COUNT 0 -> 4  asked for',
        '  + BLK_DEV_RAM n -> m  BLK_DEV_RAM_COUNT depends on BLK_DEV_RAM',
      ]);
      assert.match(fix.split('\n').at(-1)!, /f apply fix/);

      await tui.press('f');
      const applied = await tui.waitFor(
        (frame) => frame.includes('Fixed CONFIG_BLK_DEV_RAM_COUNT=4') && cursorLine(frame).startsWith('>BLK_DEV_RAM_COUNT=4'),
        'the fix applied, back in the results',
        30_000,
      );
      assert.match(applied, /Fixed CONFIG_BLK_DEV_RAM_COUNT=4: \d+ values? changed \(u undoes it\)/);
      assert.equal(session.value('BLK_DEV_RAM'), 'm');
      assert.equal(session.history.at(-1), 'fix BLK_DEV_RAM_COUNT=4', 'one undoable step');
      await assertKept(session, 'BLK_DEV_RAM_COUNT', '4');

      await tui.press('u');
      await tui.waitFor(
        (frame) => frame.includes('Undid fix BLK_DEV_RAM_COUNT=4') && cursorLine(frame).startsWith('>BLK_DEV_RAM_COUNT=0'),
        'u undoing the fix',
        30_000,
      );
      assert.equal(session.value('BLK_DEV_RAM'), 'n');
      assert.deepEqual(session.history, []);
    } finally {
      tui.unmount();
    }
  });

  it(
    'a string behind an off dependency from the why page: f asks the value, Enter shows the fix, f applies it, u undoes it',
    { timeout: 180_000 },
    async () => {
      const session = await open();
      hidden(session, 'CMDLINE');
      const tui = await renderTui(session);
      try {
        await search(tui, 'cmdline', 'CMDLINE', '""');
        await tui.press('e');
        const why = await tui.waitFor(
          (frame) => frame.includes('Fix: f types the value wanted for CONFIG_CMDLINE'),
          'the why page offers to ask the value',
          30_000,
        );
        assert.match(why, /CMDLINE_BOOL/, 'the reason: its dependency');
        assert.match(why.split('\n').at(-1)!, /f value to fix for/, 'the hint line names f');
        assertFits(why);
        await tui.press('f');
        await tui.waitFor((frame) => frame.includes('Enter searches the fix for this value'), 'the value editor, for the fix');
        await tui.press(KEYS.escape);
        await tui.waitFor(
          (frame) => frame.includes('Fix: f types the value wanted for CONFIG_CMDLINE') && !frame.includes('Enter searches'),
          'Esc: back to the why page',
        );
        await tui.press('f');
        await tui.waitFor((frame) => frame.includes('Enter searches the fix for this value'), 'the value editor again');
        await tui.write('console=ttyS0 quiet');
        await tui.press(KEYS.enter);
        const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_CMDLINE=console=ttyS0 quiet'), 'the fix', 60_000);
        assertFits(fix);
        assert.deepEqual(diffOf(fix, 'Fix for CONFIG_CMDLINE=console=ttyS0 quiet'), [
          '  ~ CMDLINE "" -> console=ttyS0 quiet  asked for',
          '  + CMDLINE_BOOL n -> y  CMDLINE depends on CMDLINE_BOOL',
        ]);

        await tui.press('f');
        await tui.waitFor((frame) => frame.includes('Fixed CONFIG_CMDLINE=console=ttyS0 quiet'), 'the fix applied', 30_000);
        assert.equal(session.value('CMDLINE'), 'console=ttyS0 quiet');
        assert.equal(session.value('CMDLINE_BOOL'), 'y');
        assert.equal(session.history.length, 1, 'one undoable step');
        await assertKept(session, 'CMDLINE', 'console=ttyS0 quiet');

        await tui.press('u');
        await tui.waitFor((frame) => frame.includes('Undid fix CMDLINE='), 'u undoing the fix', 30_000);
        assert.equal(session.value('CMDLINE_BOOL'), 'n');
        assert.equal(session.value('CMDLINE'), '');
      } finally {
        tui.unmount();
      }
    },
  );
  it('a choice member behind an off dependency (PREEMPT_RT needs EXPERT): e offers its fix, f applies it, u undoes it', { timeout: 180_000 }, async () => {
    const session = await open();
    hidden(session, 'PREEMPT_RT');
    const before = session.value('PREEMPT_VOLUNTARY') === 'y' ? 'PREEMPT_VOLUNTARY' : session.value('PREEMPT_NONE') === 'y' ? 'PREEMPT_NONE' : 'PREEMPT';
    assert.equal(session.value(before), 'y', 'another preemption model is chosen');
    const tui = await renderTui(session);
    try {
      await search(tui, 'preempt_rt', 'PREEMPT_RT', 'n');
      await tui.press('e');
      const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_PREEMPT_RT=y'), 'the fix', 60_000);
      assertFits(fix);
      const diff = diffOf(fix, 'Fix for CONFIG_PREEMPT_RT=y');
      assert.deepEqual(diff, ['  + PREEMPT_RT n -> y  asked for', '  + EXPERT n -> y  PREEMPT_RT depends on EXPERT']);
      await tui.press('f');
      await tui.waitFor((frame) => frame.includes('Fixed CONFIG_PREEMPT_RT=y') && cursorLine(frame).startsWith('>PREEMPT_RT=y'), 'the fix applied', 30_000);
      assert.equal(session.value(before), 'n', 'the choice took the member asked for');
      await assertKept(session, 'PREEMPT_RT', 'y');
      await tui.press('u');
      await tui.waitFor((frame) => frame.includes('Undid fix PREEMPT_RT=y'), 'u undoing the fix', 30_000);
      assert.equal(session.value('PREEMPT_RT'), 'n');
      assert.equal(session.value(before), 'y');
    } finally {
      tui.unmount();
    }
  });

  it(
    'a choice member the choice the user pinned excludes (HZ_1000 after HZ_300): y on the why page, the fix says so, f applies it',
    { timeout: 180_000 },
    async () => {
      const session = await open();
      assert.ok((await session.set('HZ_300', 'y')).ok, 'the user picks HZ_300');
      const tui = await renderTui(session);
      try {
        await search(tui, 'hz_1000', 'HZ_1000', 'n');
        await tui.press('e', 'y');
        const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_HZ_1000=y'), 'the fix for y', 60_000);
        assertFits(fix);
        assert.deepEqual(diffOf(fix, 'Fix for CONFIG_HZ_1000=y'), ['  + HZ_1000 n -> y  asked for']);
        assert.match(fix, /No fix leaves your own changes alone: it changes HZ_300 again/);
        await tui.press('f');
        await tui.waitFor((frame) => frame.includes('Fixed CONFIG_HZ_1000=y'), 'the fix applied', 30_000);
        assert.equal(session.value('HZ_300'), 'n');
        assert.equal(session.history.at(-1), 'fix HZ_1000=y', 'one undoable step');
        await assertKept(session, 'HZ_1000', 'y');
        await tui.press('u');
        await tui.waitFor((frame) => frame.includes('Undid fix HZ_1000=y'), 'u undoing the fix', 30_000);
        assert.equal(session.value('HZ_300'), 'y', 'the pinned member back');
      } finally {
        tui.unmount();
      }
    },
  );
  it(
    'a value outside the range that applies now (RCU_FANOUT_LEAF=16 while RCU_STRICT_GRACE_PERIOD keeps it at 2..3): Tab shows the fix, f applies it',
    { timeout: 180_000 },
    async () => {
      const session = await open();
      assert.ok((await session.set('NR_CPUS', '4')).ok);
      const strict = await session.planFix([
        { name: 'RCU_STRICT_GRACE_PERIOD', value: 'y' },
        { name: 'RCU_FANOUT_LEAF', value: '3' },
      ]);
      assert.ok((await session.applyFix(strict)).ok, 'RCU_STRICT_GRACE_PERIOD on: RCU_FANOUT_LEAF in 2..3');
      const tui = await renderTui(session);
      try {
        await search(tui, 'rcu_fanout_leaf', 'RCU_FANOUT_LEAF', '3');
        await tui.press(' ');
        await tui.waitFor((frame) => frame.includes('(CONFIG_RCU_FANOUT_LEAF') && frame.includes('Tab finds the fix it needs'), 'the value editor');
        await tui.press(KEYS.backspace, '1', '6', KEYS.enter);
        await tui.waitFor((frame) => frame.includes('CONFIG_RCU_FANOUT_LEAF=16: out of range, allowed 2..3'), 'Enter refused: the range that applies now');
        await tui.press('\t');
        const fix = await tui.waitFor((frame) => frame.includes('Fix for CONFIG_RCU_FANOUT_LEAF=16'), 'the fix', 60_000);
        assertFits(fix);
        assert.deepEqual(diffOf(fix, 'Fix for CONFIG_RCU_FANOUT_LEAF=16'), [
          '  ~ RCU_FANOUT_LEAF 3 -> 16  asked for',
          '  - RCU_STRICT_GRACE_PERIOD y -> n  the range of RCU_FANOUT_LEAF depends on',
        ]);
        assert.match(fix, /depends on\n +!RCU_STRICT_GRACE_PERIOD \(you set it\)$/m, 'the reason, wrapped, and that the user set it');
        await tui.press('f');
        await tui.waitFor((frame) => frame.includes('Fixed CONFIG_RCU_FANOUT_LEAF=16'), 'the fix applied', 30_000);
        assert.equal(session.value('RCU_STRICT_GRACE_PERIOD'), 'n');
        await assertKept(session, 'RCU_FANOUT_LEAF', '16');
        await tui.press('u');
        await tui.waitFor((frame) => frame.includes('Undid fix RCU_FANOUT_LEAF=16'), 'u undoing the fix', 30_000);
        assert.equal(session.value('RCU_FANOUT_LEAF'), '3');
        assert.equal(session.value('RCU_STRICT_GRACE_PERIOD'), 'y');
      } finally {
        tui.unmount();
      }
    },
  );

  it('a value no range allows is answered as impossible; one a .config line cannot hold is refused in the editor', { timeout: 180_000 }, async () => {
    const session = await open();
    const tui = await renderTui(session);
    try {
      await search(tui, 'log_buf_shift', 'LOG_BUF_SHIFT', '18');
      await tui.press(' ');
      await tui.waitFor((frame) => frame.includes('(CONFIG_LOG_BUF_SHIFT, int'), 'the value editor');
      await tui.press(KEYS.ctrlU, '9', '9', '\t');
      const why = await tui.waitFor((frame) => frame.includes('CONFIG_LOG_BUF_SHIFT=99 cannot be had: out of range, allowed 12..25'), 'the answer', 60_000);
      assert.match(why, /Fix: CONFIG_LOG_BUF_SHIFT=99 cannot be had/);
      await tui.press('f');
      await tui.waitFor((frame) => frame.includes('No fix to apply for CONFIG_LOG_BUF_SHIFT=99'), 'f: nothing to apply');
      await tui.press(KEYS.escape);
      await tui.waitFor((frame) => !frame.includes('Why:') && cursorLine(frame).startsWith('>LOG_BUF_SHIFT=18'), 'back in the results');

      await tui.press('/', KEYS.ctrlU);
      await tui.write('cmdline');
      await tui.waitFor((frame) => cursorLine(frame).startsWith('>CMDLINE=""'), 'CMDLINE found', 20_000);
      await tui.press(KEYS.down, ' ');
      await tui.waitFor((frame) => frame.includes('(CONFIG_CMDLINE, string)'), 'the string editor');
      await tui.arrive('quiet\rinit=/bin/sh');
      await tui.waitFor((frame) => frame.includes('> quiet\\ninit=/bin/sh'), 'the line break shown escaped');
      await tui.press('\t');
      const refused = await tui.waitFor((frame) => frame.includes('a .config line cannot hold a line break'), 'Tab refused');
      assert.match(refused, /\(CONFIG_CMDLINE, string\)/, 'the editor stays open');
      assert.deepEqual(session.history, [], 'nothing changed');
    } finally {
      tui.unmount();
    }
  });
});
