/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * The checks view (C) on Debian's 6.12 tree with its cloud-amd64 config (no USB, no SATA): a
 * missing entry with the reason it is wanted and why it is off, a fix planned as a diff and
 * applied as one step (the values then are kconfig's), undo, and the header's warning when a
 * loaded profile (boot, made from a recorded capture) is no longer met after a change.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { ProfileChecks, resolveProfiles } from '../../src/features/checks/index.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { parseConfigLine } from '../../src/model/config-text.js';
import { fixture } from '../hardware/support/run-command.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

/** Every frame fits an 80x24 terminal in 23 lines. */
function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23, 'a frame is one line shorter than the terminal');
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
    'no line is wider than the terminal',
  );
}

const flat = (text: string): string => text.replace(/\s+/g, ' ');
/** Reading the Makefiles and planning through kconfig take seconds on a loaded machine. */
const SLOW = 60_000;

async function cursorTo(tui: Tui, text: string): Promise<void> {
  for (let tries = 0; tries < 200 && !cursorLine(tui.frame()).includes(text); tries++) await tui.press('j');
  assert.ok(cursorLine(tui.frame()).includes(text), `the cursor reached ${text}`);
}

/** The value the session's .config text gives a symbol: what kconfig writes. */
async function writtenValue(session: Session, name: string): Promise<string> {
  for (const line of (await session.configText()).split('\n')) {
    const parsed = parseConfigLine(line);
    if (parsed && parsed.name === name) return parsed.text ?? 'n';
  }
  return 'n';
}

describe('the checks view on Linux 6.12 (real kconfig engine)', () => {
  let workDir = '';
  let session: Session;
  let tui: Tui | undefined;
  const xdg = (): string => join(workDir, 'xdg');
  const start = async (): Promise<Tui> => {
    tui = await renderTui(session, undefined, { checksSource: { env: { XDG_CONFIG_HOME: xdg() } }, hardwareSource: { hwFrom: fixture('laptop') } });
    return tui;
  };

  before(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-checks-'));
    const output = await outputDirWith(workDir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64'));
    session = await openSession({ tree: kernelTree('6.12'), output, env: { ...process.env, NO_COLOR: '1' } });
    await mkdir(join(xdg(), 'tuxconf', 'profiles'), { recursive: true });
    await writeFile(
      join(xdg(), 'tuxconf', 'profiles', 'renesas.profile'),
      'description: a board of another architecture\nCONFIG_RAVB y/m required -- its Ethernet\n',
    );
  });
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (session.canUndo) await session.undo();
  });
  after(async () => {
    await session?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('shows a missing entry with its reason and why it is off; f shows the fix as a diff, Enter applies it as one step, u undoes it', async () => {
    const view = await start();
    await view.press('C');
    await view.waitFor((frame) => / of \d+ profiles met/.test(frame), 'the profiles', SLOW);
    await cursorTo(view, 'usb-storage');
    const missing = await view.waitFor((frame) => frame.includes('why off:'), 'why usb-storage is off');
    assertFits(missing);
    assert.match(cursorLine(missing), /MISSING usb-storage \(CONFIG_USB_STORAGE\) {2}y\/m required, is n/);
    assert.ok(flat(missing).includes('reason: Guix default initrd: for the installation image etc.'), 'the reason the profile gives');
    assert.match(flat(missing), /why off: CONFIG_USB_STORAGE=n: depends on USB_SUPPORT \[=n\]/);

    await view.press('f');
    const diff = await view.waitFor((frame) => frame.includes('Enter applies them as one step'), 'the planned fix', SLOW);
    assertFits(diff);
    assert.match(diff, /Checks: the fix of guix-initrd/);
    assert.match(diff, /What the profile needs:\n( CONFIG_\w+ +n -> [ym] +asked for\n)* CONFIG_USB_STORAGE +n -> m +asked for\n/);
    assert.match(diff, /What that needs:\n CONFIG_\w+ +n -> [ym] +\w+/);
    assert.equal(session.value('USB_STORAGE'), 'n', 'planning changes nothing');

    const steps = session.history.length;
    await view.press(KEYS.enter);
    const fixed = await view.waitFor((frame) => frame.includes('Fixed guix-initrd in one step'), 'the fix applied', SLOW);
    assertFits(fixed);
    assert.equal(session.history.length, steps + 1, 'one undoable step');
    // The row now says what kconfig holds: the frontend's value, and the line the .config gets.
    assert.equal(session.value('USB_STORAGE'), 'm');
    assert.equal(await writtenValue(session, 'USB_STORAGE'), 'm');
    await cursorTo(view, 'usb-storage');
    assert.match(cursorLine(view.frame()), /ok +usb-storage \(CONFIG_USB_STORAGE\) {2}y\/m required, is m/);
    assert.match(view.frame(), /\[ok\] guix-initrd {2}met/);

    await view.press('u');
    const undone = await view.waitFor((frame) => frame.includes('Undid fix'), 'the undo');
    assert.equal(session.history.length, steps);
    assert.equal(session.value('USB_STORAGE'), 'n');
    assert.equal(await writtenValue(session, 'USB_STORAGE'), 'n');
    assert.match(cursorLine(undone), /MISSING usb-storage/);
    assert.match(undone, /\[!!\] guix-initrd {2}\d+ of \d+ required unmet/);
  });

  it('applies exactly the plan the features give, every value as kconfig holds it', async () => {
    const { profiles } = await resolveProfiles(['guix-initrd'], {
      env: { XDG_CONFIG_HOME: xdg() },
      cwd: workDir,
      srcTree: session.kernel.srcTree,
      initrd: true,
      machine: () => readCapture(fixture('laptop')),
    });
    const planned = await (await ProfileChecks.open(session, profiles)).planFix({ recommended: false });
    const view = await start();
    await view.press('C');
    await view.waitFor((frame) => / of \d+ profiles met/.test(frame), 'the profiles', SLOW);
    await cursorTo(view, 'guix-initrd');
    await view.press('f');
    await view.waitFor((frame) => frame.includes('Enter applies them as one step'), 'the planned fix', SLOW);
    await view.press(KEYS.enter);
    await view.waitFor((frame) => frame.includes('Fixed guix-initrd in one step'), 'the fix applied', SLOW);
    assert.ok(planned.summary.lines.length > 0);
    for (const line of planned.summary.lines) {
      assert.equal(session.value(line.name), line.to, `CONFIG_${line.name} as planned`);
      assert.equal(await writtenValue(session, line.name), line.to, `CONFIG_${line.name} as .config writes it`);
    }
  });

  it('names what a fix cannot reach with its blocker, and offers nothing to apply', async () => {
    const view = await start();
    await view.press('C');
    await view.waitFor((frame) => / of \d+ profiles met/.test(frame), 'the profiles', SLOW);
    await cursorTo(view, 'CONFIG_RAVB');
    // Why it is off comes from kconfig a moment after the cursor arrives ("asking kconfig why...").
    const why = await view.waitFor((frame) => frame.includes('why off:'), 'why CONFIG_RAVB is off', SLOW);
    assert.match(flat(why), /why off: CONFIG_RAVB=n: depends on NET_VENDOR_RENESAS \[=n\], ARCH_RENESAS \|\| COMPILE_TEST \[=n\]/);
    await view.press('f');
    const plan = await view.waitFor((frame) => frame.includes('Cannot be had:'), 'the refusal', SLOW);
    assertFits(plan);
    assert.match(plan, /Nothing to change; what is left cannot be had/);
    assert.match(flat(plan), /CONFIG_RAVB=m: not on this architecture: it needs ARCH_RENESAS, which this architecture does not define/);
    const steps = session.history.length;
    await view.press(KEYS.enter);
    assert.equal(session.history.length, steps, 'Enter applies nothing');
  });

  it('warns in the header when boot, made from the capture and met, is broken by a change in the menu; undo clears the warning', async () => {
    const view = await start();
    await view.press('C');
    await view.waitFor((frame) => / of \d+ profiles met/.test(frame), 'the profiles', SLOW);
    // Debian's cloud kernel boots the recorded laptop: its NVMe disk, dm-crypt, ext4.
    await cursorTo(view, '] boot ');
    assert.match(cursorLine(view.frame()), /\[ok\] boot {2}met/);
    await view.press(KEYS.escape);
    await view.waitFor((frame) => !frame.includes('Requirement checks'), 'the menu again');
    assert.doesNotMatch(view.frame(), /no longer met/);

    await view.press('/');
    await view.write('BLK_DEV_NVME');
    await view.waitFor((frame) => frame.includes('NVM Express block device'), 'the search result');
    await view.press(KEYS.enter);
    await view.waitFor((frame) => cursorLine(frame).includes('NVM Express block device'), 'CONFIG_BLK_DEV_NVME in its menu');
    await view.press('n');
    const warned = await view.waitFor((frame) => frame.includes('! no longer met'), 'the header warning');
    assertFits(warned);
    assert.equal(session.value('BLK_DEV_NVME'), 'n');
    assert.match(warned.split('\n')[1] ?? '', /^! no longer met: boot \(nvme\); C shows why/);

    await view.press('u');
    const cleared = await view.waitFor((frame) => !frame.includes('no longer met'), 'the warning gone after undo');
    assert.equal(session.value('BLK_DEV_NVME'), 'y');
    assert.match(cleared.split('\n')[1] ?? '', /^config /);
  });
});
