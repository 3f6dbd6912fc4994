/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Every view of the TUI on short terminals: 80x23 (a tmux or screen pane with its status line
 * inside an 80x24 SSH window) and 80x19 (menuconfig's minimum). Each frame fills the screen
 * but one line, fits in 80 columns, keeps its key hints on the last line, and shows what the
 * view is for.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { cursorLine, type Demo, KEYS, openDemo, renderTui, type Tui } from './support/tui-harness.js';

function assertScreen(frame: string, rows: number, hints: RegExp): string[] {
  const lines = frame.split('\n');
  assert.equal(lines.length, rows - 1, 'the frame is one line shorter than the terminal');
  assert.deepEqual(lines.filter((line) => Array.from(line).length > 80), [], 'no line is wider than 80 columns');
  assert.match(lines[0] ?? '', /^tuxconf {2}Linux /, 'the header');
  assert.match(lines.at(-1) ?? '', hints, 'the key hints on the last line');
  return lines;
}

/** A dialog under the menu: its whole frame, its text field or buttons, and menu rows above it. */
function assertSheet(lines: string[], inside: RegExp): void {
  const top = lines.findIndex((line) => line.startsWith('┌'));
  const bottom = lines.findIndex((line) => line.startsWith('└'));
  assert.ok(top > 3 && bottom > top, 'the sheet has its top and bottom border');
  assert.ok(lines.slice(top, bottom).some((line) => inside.test(line)), `the sheet shows ${inside}`);
  assert.ok(lines.slice(3, top).filter((line) => line.trim() !== '').length >= 7, 'at least 7 menu rows stay above the sheet');
}

for (const rows of [23, 19]) {
  describe(`every view at 80x${rows}`, () => {
    let demo: Demo | undefined;
    let tui: Tui | undefined;
    const open = async (): Promise<Tui> => {
      assert.ok(demo);
      tui = await renderTui(demo.session, { columns: 80, rows });
      await tui.waitFor((frame) => frame.includes('General setup'), 'the menu');
      return tui;
    };

    before(async () => {
      demo = await openDemo();
    });
    afterEach(() => {
      tui?.unmount();
      tui = undefined;
    });
    after(async () => {
      await demo?.close();
    });

    it('the menu, with the info pane', async () => {
      const view = await open();
      const frame = await view.waitFor((text) => text.includes('── comment'), 'the info pane');
      const lines = assertScreen(frame, rows, /^⏎ open {2}← back .* q quit/);
      const entries = lines.filter((line) => /^[ >]( {4}|\[.\] )\S/.test(line));
      assert.ok(entries.length >= 10, `at least 10 menu entries (${entries.length})`);
      assert.match(cursorLine(frame), /Compiler: gcc/);
      await view.press('G');
      assert.match(cursorLine(await view.waitFor((text) => cursorLine(text).includes('Kernel hacking'), 'G')), /Kernel hacking/, 'the list scrolls to its end');
    });

    it('help and why', async () => {
      const view = await open();
      await view.press('j', 'j');
      await view.waitFor((text) => cursorLine(text).includes('Enable loadable module support'), 'the cursor on MODULES');
      await view.press('?');
      const help = await view.waitFor((text) => text.includes(' Help: CONFIG_MODULES'), 'the help');
      assertScreen(help, rows, /^↑↓ scroll {2}f fold\/unfold lists/);
      await view.press(KEYS.escape, 'e');
      const why = await view.waitFor((text) => text.includes(' Why: CONFIG_MODULES'), 'why');
      assertScreen(why, rows, /^↑↓ scroll {2}Esc close/);
    });

    it('the value editor, the file name and the quit dialog', async () => {
      const view = await open();
      await view.press('j', KEYS.enter);
      await view.waitFor((text) => cursorLine(text).includes('Local version'), 'General setup');
      await view.press(KEYS.enter);
      const editor = await view.waitFor((text) => text.includes('(CONFIG_LOCALVERSION, string)'), 'the editor');
      assertSheet(assertScreen(editor, rows, /^⏎ set {2}Esc cancel/), /^│ > _/);
      await view.press(KEYS.escape);
      await view.press('w');
      const file = await view.waitFor((text) => text.includes('Save a copy of the config as:'), 'the file name');
      assertSheet(assertScreen(file, rows, /^⏎ save {2}Esc cancel/), /^│ > \//);
      await view.press(KEYS.escape, ' ');
      await view.waitFor((text) => text.includes('(CONFIG_LOCALVERSION, string)'), 'the editor again');
      await view.press('-', 's', 'm', 'a', 'l', 'l', KEYS.enter);
      await view.waitFor((text) => text.includes('1 unsaved change'), 'the change');
      await view.press('q');
      const quit = await view.waitFor((text) => text.includes('Save before quitting?'), 'the quit dialog');
      assertSheet(assertScreen(quit, rows, /^y save and quit {2}n quit without saving {2}Esc cancel/), /\[ Save and quit \]/);
      await view.press(KEYS.escape, 'p');
      const pending = await view.waitFor((text) => text.includes('Pending changes against the loaded config: 1'), 'the pending changes');
      assertScreen(pending, rows, /^↑↓ move {2}r revert/);
      assert.match(cursorLine(pending), /LOCALVERSION {2}"" -> -small/);
      await view.press('u');
      await view.waitFor((text) => text.includes('Pending changes against the loaded config: 0'), 'the change undone');
    });

    it('search', async () => {
      const view = await open();
      await view.press('/', 'e', '1', '0', '0', '0');
      const search = await view.waitFor((text) => text.includes('E1000E=n'), 'the results');
      const lines = assertScreen(search, rows, /^⏎ show in menu {2}↓ results/);
      assert.match(lines[3] ?? '', /^Search: e1000 /);
      await view.press(KEYS.down);
      assert.match(cursorLine(await view.waitFor((text) => cursorLine(text).startsWith('>E1000'), 'the first result')), /^>E1000/);
    });

    it('hardware suggestions, presets and build', async () => {
      const view = await open();
      await view.press('d');
      const hardware = await view.waitFor((text) => text.includes(' Hardware suggestions') && /suggestions? \(/.test(text), 'the hardware pane', 20_000);
      assertScreen(hardware, rows, /^⏎\/y accept/);
      await view.press(KEYS.escape, 'F');
      const presets = await view.waitFor((text) => text.includes(' Presets ') && text.includes('demo-guest.config'), 'the presets');
      assertScreen(presets, rows, /^space mark {2}⏎ preview/);
      assert.match(cursorLine(presets), /demo-guest\.config/);
      await view.press(KEYS.escape, 'B');
      const build = await view.waitFor((text) => text.includes('The demo tree has no kernel to build'), 'the build view');
      assertScreen(build, rows, /^r try again {2}Esc close/);
    });
  });
}
