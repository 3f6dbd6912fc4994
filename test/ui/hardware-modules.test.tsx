/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { kernelTree } from '../support/kernel-trees.js';
import { assertStable, configValue } from '../fix/support.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

const LAPTOP = fileURLToPath(new URL('../../fixtures/hardware/laptop', import.meta.url));

function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23);
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
  );
}

async function cursorTo(tui: Tui, name: string): Promise<void> {
  for (let tries = 0; tries < 200 && !cursorLine(tui.frame()).includes(` ${name} `); tries++) await tui.press('j');
  assert.ok(cursorLine(tui.frame()).includes(` ${name} `), `the cursor reached ${name}`);
}

/**
 * The seed's Guix workflow starts from an empty .config: MODULES is off there. Accepting the
 * laptop's drivers asks first whether to turn MODULES on and build them as modules; a promptless
 * suggestion (USB_XHCI_PCI) is reached through its selectors and dependencies.
 */
describe('the hardware pane on an empty .config (Debian 6.12, MODULES off)', () => {
  let dir = '';
  let session: Session | undefined;
  let tui: Tui | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-modules-'));
    await writeFile(join(dir, '.config'), '');
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (await open().undo()) {
      // back to the empty config for the next test
    }
  });
  const open = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };
  async function openPane(): Promise<Tui> {
    tui = await renderTui(open(), undefined, { hardwareSource: { hwFrom: LAPTOP } });
    await tui.press('d');
    await tui.waitFor((frame) => /\d+ suggestions? \(\d+ already configured\) for /.test(frame), 'the suggestions', 60_000);
    return tui;
  }

  it('offers to turn MODULES on: m builds E1000E as a module, in one step the kernel keeps', { timeout: 180_000 }, async () => {
    assert.equal(open().value('MODULES'), 'n');
    const tui = await openPane();
    await cursorTo(tui, 'E1000E');
    assert.match(cursorLine(tui.frame()), /E1000E +n -> y /, 'without modules, the suggestion is y');
    await tui.press(KEYS.enter);
    const question = await tui.waitFor((frame) => frame.includes('Loadable module support is off'), 'the modules question');
    assert.match(question, /m or Enter: turn MODULES on and build the drivers as modules/);
    assert.match(question.split('\n').at(-1)!, /m\/⏎ as modules {2}y built in {2}Esc back to the list/);
    assertFits(question);
    await tui.press('m');
    const plan = await tui.waitFor((frame) => /Enter applies them as one step \(u undoes\)/.test(frame), 'the fix as a diff first', 60_000);
    assert.match(plan, /\+ MODULES n -> y {2}asked for/);
    assert.equal(open().history.length, 0, 'nothing changed before Enter');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Applied E1000E ('), 'E1000E applied', 60_000);
    assert.deepEqual(
      ['MODULES', 'E1000E'].map((name) => open().value(name)),
      ['y', 'm'],
    );
    assert.equal(open().history.at(-1), 'hardware: E1000E');
    assert.equal(open().history.length, 1, 'one undoable step');
    const saved = join(dir, 'modules.config');
    await open().save({ path: saved });
    const text = await readFile(saved, 'utf8');
    assert.equal(configValue(text, 'E1000E'), 'm');
    await assertStable('6.12', dir, text, 'empty config + E1000E as a module');
    await tui.press('u');
    await tui.waitFor((frame) => frame.includes('Undid hardware: E1000E'), 'u undoing it', 30_000);
    assert.deepEqual(
      ['MODULES', 'E1000E'].map((name) => open().value(name)),
      ['n', 'n'],
    );
  });

  it('y builds it in; Esc leaves the question with nothing changed', { timeout: 180_000 }, async () => {
    const tui = await openPane();
    await cursorTo(tui, 'E1000E');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Loadable module support is off'), 'the modules question');
    await tui.press(KEYS.escape);
    await tui.waitFor((frame) => !frame.includes('Loadable module support is off') && cursorLine(frame).includes(' E1000E '), 'back in the list');
    assert.equal(open().history.length, 0);
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Loadable module support is off'), 'the question again');
    await tui.press('y');
    const plan = await tui.waitFor((frame) => /Enter applies them as one step \(u undoes\)/.test(frame), 'the fix as a diff first', 60_000);
    assert.match(plan, /\+ E1000E n -> y {2}asked for/);
    assert.equal(open().history.length, 0, 'nothing changed before Enter');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Applied E1000E ('), 'E1000E built in', 60_000);
    assert.deepEqual(
      ['MODULES', 'E1000E'].map((name) => open().value(name)),
      ['n', 'y'],
    );
  });

  it('reaches the promptless USB_XHCI_PCI through what selects it and what it depends on', { timeout: 180_000 }, async () => {
    assert.equal(open().value('USB'), 'n');
    const tui = await openPane();
    await cursorTo(tui, 'USB_XHCI_PCI');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Loadable module support is off'), 'the modules question');
    await tui.press('y');
    const plan = await tui.waitFor((frame) => /Enter applies them as one step \(u undoes\)/.test(frame), 'the fix as a diff first', 60_000);
    assert.match(plan, /\+ USB n -> y /);
    assert.equal(open().history.length, 0, 'nothing changed before Enter');
    await tui.press(KEYS.enter);
    const done = await tui.waitFor((frame) => frame.includes('Applied USB_XHCI_PCI ('), 'USB_XHCI_PCI applied', 60_000);
    assert.doesNotMatch(done, /not applied/);
    assert.deepEqual(
      ['USB_XHCI_PCI', 'USB'].map((name) => open().value(name)),
      ['y', 'y'],
    );
    assert.equal(open().history.length, 1, 'one undoable step');
    const saved = join(dir, 'xhci.config');
    await open().save({ path: saved });
    await assertStable('6.12', dir, await readFile(saved, 'utf8'), 'empty config + USB_XHCI_PCI');
  });
});
