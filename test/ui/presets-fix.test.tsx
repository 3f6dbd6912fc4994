/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { kernelTree } from '../support/kernel-trees.js';
import { assertStable, configValue } from '../fix/support.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23);
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
  );
}

/** Lines joined and runs of blanks made one: wrapped sentences read whole again. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

async function cursorTo(tui: Tui, name: string): Promise<void> {
  for (let tries = 0; tries < 40 && !cursorLine(tui.frame()).includes(` ${name} `); tries++) await tui.press('j');
  assert.ok(cursorLine(tui.frame()).includes(` ${name} `), `the cursor reached ${name}:\n${tui.frame()}`);
}

/**
 * "Fix them too" on Debian 6.12 from x86_64_defconfig: a preset asks for IWLMVM=m (hidden there:
 * it needs IWLWIFI) and for S390_GUEST=y (not on x86). Applied, neither sticks; f makes one fix for
 * both together, applied as one step right after the preset, and names what cannot be had.
 */
describe('the presets view fixes the requests that do not stick (Debian 6.12, x86_64_defconfig)', () => {
  let root = '';
  let session: Session | undefined;
  let tui: Tui | undefined;
  const tree = kernelTree('6.12');
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: join(root, 'xdg') });

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuxconf-ui-presets-fix-'));
    const config = join(root, 'x86_64.config');
    await copyFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), config);
    await mkdir(join(root, 'xdg', 'tuxconf', 'presets'), { recursive: true });
    await writeFile(join(root, 'xdg', 'tuxconf', 'presets', 'wifi.config'), '# Help: Intel Wi-Fi\nCONFIG_IWLMVM=m\nCONFIG_S390_GUEST=y\n');
    session = await openSession({ tree, output: join(root, 'out'), arch: 'x86', config, env: env(), cwd: root });
  });
  after(async () => {
    await session?.close();
    await rm(root, { recursive: true, force: true });
  });
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (await open().undo()) {
      // back to the loaded config
    }
  });
  const open = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };
  async function openWifi(): Promise<Tui> {
    tui = await renderTui(open(), undefined, { presetSource: { env: env(), cwd: root } });
    await tui.press('F');
    await tui.waitFor((frame) => frame.includes('presets   [x] met'), 'the presets list', 30_000);
    await cursorTo(tui, 'wifi');
    return tui;
  }

  it('applies the preset, then f: one fix for both requests as one more step, what cannot be had named', { timeout: 180_000 }, async () => {
    const tui = await openWifi();
    await tui.press('a');
    const applied = await tui.waitFor((frame) => frame.includes('Applied wifi:'), 'the apply', 60_000);
    assert.match(flat(applied), /Applied wifi: 0 values changed \(u undoes it\); 2 of 2 requests do not stick/);
    assert.match(applied, /Requested values that do not stick \(2 of 2\); f fixes them too:/);
    assert.match(applied.split('\n').at(-1)!, /f fix them too/);
    assert.equal(open().value('IWLMVM'), 'n');

    await tui.press('f');
    const fixed = await tui.waitFor((frame) => frame.includes('Fixed 1 of 2 requests'), 'the fix', 60_000);
    assertFits(fixed);
    const text = flat(fixed);
    // The preset left IWLMVM=m as its user value (hidden): the fix needs only what it depends on.
    assert.match(text, /Fixed them too: 1 change, one step \(u undoes it; \d+ values changed\):/);
    assert.match(fixed, /^ {2}\+ IWLWIFI n -> m {2}IWLMVM depends on IWLWIFI$/m);
    assert.match(text, /Then \d+ other values follow: .*IWLMVM=m/);
    assert.match(text, /CONFIG_S390_GUEST=y cannot be had: CONFIG_S390_GUEST does not exist in this tree/);
    assert.match(
      fixed.split('\n').at(-2)!,
      /Fixed 1 of 2 requests: \d+ values changed \(u undoes the fix\); cannot be had: S390/,
      'the status line names it too',
    );
    assert.deepEqual(open().history, ['apply wifi', 'fix IWLMVM=m'], 'the fix is one step right after the preset');
    assert.equal(open().value('IWLMVM'), 'm');

    const saved = join(root, 'fixed.config');
    await open().save({ path: saved });
    const config = await readFile(saved, 'utf8');
    assert.equal(configValue(config, 'IWLMVM'), 'm');
    await assertStable('6.12', root, config, 'x86_64_defconfig + the wifi preset + its fix');

    await tui.press('u');
    await tui.waitFor((frame) => frame.includes('Undid fix IWLMVM=m'), 'u undoing the fix', 30_000);
    assert.deepEqual(open().history, ['apply wifi']);
    assert.equal(open().value('IWLMVM'), 'n');
    await tui.press('f');
    await tui.waitFor((frame) => frame.includes('Nothing to fix'), 'f once the fix was applied and undone: the page says it was done');
  });

  it('from the preview, f applies the preset and fixes its requests too', { timeout: 180_000 }, async () => {
    const tui = await openWifi();
    await tui.press(KEYS.enter);
    const preview = await tui.waitFor((frame) => frame.includes('Presets: preview of wifi'), 'the preview', 60_000);
    assert.match(preview, /f applies and fixes them too/);
    await tui.press('f');
    await tui.waitFor((frame) => frame.includes('Fixed 1 of 2 requests'), 'applied and fixed', 60_000);
    assert.deepEqual(open().history, ['apply wifi', 'fix IWLMVM=m']);
    assert.equal(open().value('IWLWIFI'), 'm');
  });
});
