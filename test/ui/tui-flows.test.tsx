/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cursorLine, demoTuiPerTest, KEYS, type Tui } from './support/tui-harness.js';

const start = demoTuiPerTest();

const onCursor = (text: string) => (frame: string) => cursorLine(frame).includes(text);

/** From the top menu into Processor type and features. */
async function openProcessorMenu(tui: Tui): Promise<void> {
  await tui.press('P');
  await tui.waitFor(onCursor('Processor type and features'), 'the hotkey to reach Processor type');
  await tui.press(KEYS.enter);
  await tui.waitFor((frame) => frame.includes(' Processor type and features ') && frame.includes('Maximum number of CPUs'), 'the submenu');
}

describe('the TUI on the demo tree (real kconfig engine)', () => {
  it('draws the header, the top menu, the info pane and the hints in 23 lines at 80x24', async () => {
    const { tui, demo } = await start();
    const frame = await tui.waitFor((text) => text.includes('General setup'), 'the top menu');
    const lines = frame.split('\n');
    assert.equal(lines.length, 23, 'a frame is one line shorter than the terminal');
    const wide = lines.filter((line) => Array.from(line).length > 80);
    assert.deepEqual(wide, [], 'no line is wider than the terminal');
    assert.match(lines[0]!, /tuxconf {2}Linux 6\.12\.0-demo {2}ARCH=x86 .*\(demo tree\)/);
    assert.ok(lines[1]!.includes(join(demo.dir, '.config')), 'the config file is named');
    assert.match(lines[2]!, /Linux\/x86 6\.12\.0-demo Kernel Configuration/);
    assert.match(frame, /\[\*\] Enable loadable module support \(NEW\) {2}--->/);
    assert.match(frame, / {5}Device Drivers {2}--->/);
    assert.match(lines.at(-1)!, /⏎ open .* q quit/);
  });

  it('navigates with arrows, vi keys, hotkeys, Enter, Left, h and Esc Esc', async () => {
    const { tui } = await start();
    await tui.press('j', 'j');
    await tui.waitFor(onCursor('Enable loadable module support'), 'j moving down twice');
    await tui.press(KEYS.up);
    await tui.waitFor(onCursor('General setup'), 'up');
    await tui.press('G');
    await tui.waitFor(onCursor('Kernel hacking'), 'G to the last entry');
    await tui.press('g');
    await tui.waitFor(onCursor('Compiler: gcc'), 'g to the first entry');
    await tui.press('D', KEYS.right);
    await tui.waitFor((frame) => frame.includes(' Device Drivers ') && frame.includes('Network device support'), 'Right opening Device Drivers');
    await tui.press('N', KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Device Drivers > Network device support'), 'a nested menu with its path');
    await tui.press(KEYS.left);
    await tui.waitFor((frame) => frame.includes(' Device Drivers ') && cursorLine(frame).includes('Network device support'), 'Left back to the same entry');
    await tui.press('h');
    await tui.waitFor(onCursor('Device Drivers'), 'h back to the top');
    await tui.press('l');
    await tui.waitFor((frame) => frame.includes(' Device Drivers '), 'l opening again');
    await tui.press(KEYS.escape, KEYS.escape);
    await tui.waitFor((frame) => frame.includes('Kernel Configuration') && cursorLine(frame).includes('Device Drivers'), 'Esc Esc back');
    assert.deepEqual(tui.exitCodes, [], 'Esc Esc inside a menu does not quit');
  });

  it('joins an arrow key whose ESC arrived apart from the rest, with no stray input', async () => {
    const { tui } = await start();
    await tui.press('j');
    await tui.waitFor(onCursor('General setup'), 'the cursor on General setup');
    // Over SSH: ESC, then "[B" in a later read. Ink reports them as Escape and the text "[B";
    // the "[B" arrives while the key assembler still holds the ESC.
    await tui.arrive('\x1b');
    await tui.write('[B');
    const frame = await tui.waitFor(onCursor('Enable loadable module support'), 'the split Down arrow');
    assert.doesNotMatch(frame, /!/, 'no error from stray input');
    await tui.press(KEYS.escape, 'j');
    await tui.waitFor(onCursor('64-bit kernel'), 'a lone Esc followed by j');
    assert.deepEqual(tui.exitCodes, []);
  });

  it('takes "[B" arriving after its ESC was already taken for Escape (a slow link) for Down, never for B (build)', async () => {
    const { tui } = await start();
    await tui.press('j');
    await tui.waitFor(onCursor('General setup'), 'the cursor on General setup');
    await tui.write('\x1b');
    await tui.write('[B');
    const frame = await tui.waitFor(onCursor('Enable loadable module support'), 'the late Down arrow');
    assert.doesNotMatch(frame, /Build:|Build Linux/, 'the build view did not open');
    assert.match(frame, /Kernel Configuration/);
  });

  it('toggles bool and tristate entries with y, m, n and space, as menuconfig draws them', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('L');
    await tui.waitFor(onCursor('[ ] Linux guest support'), 'the menuconfig entry, off');
    await tui.press('y');
    await tui.waitFor(onCursor('[*] Linux guest support  --->'), 'y turning it on (no longer NEW)');
    assert.match(tui.frame(), /HYPERVISOR_GUEST: n -> y; also KVM_GUEST=y/, 'the status line says what changed');
    assert.equal(demo.session.value('HYPERVISOR_GUEST'), 'y');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes('--- Linux guest support') && frame.includes('KVM Guest support'), 'its own screen');
    await tui.press('j', ' ');
    await tui.waitFor(onCursor('[ ]   KVM Guest support'), 'space toggling KVM guest off');
    await tui.press('y');
    await tui.waitFor(onCursor('[*]   KVM Guest support'), 'y turning it on');
    await tui.press('n');
    await tui.waitFor(onCursor('[ ]   KVM Guest support'), 'n turning it off');
    await tui.press(KEYS.escape, KEYS.escape);
    await tui.waitFor(onCursor('Linux guest support'), 'Esc Esc back one screen');
    await tui.press(KEYS.escape, KEYS.escape, 'D', KEYS.enter, 'N', KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Device Drivers > Network device support'), 'the network menu');
    await tui.press('U');
    await tui.waitFor(onCursor('< >     Universal TUN/TAP device driver support (NEW)'), 'a tristate, nested under Network core');
    await tui.press('m');
    await tui.waitFor(onCursor('<M>     Universal TUN/TAP device driver support'), 'm making it a module');
    await tui.press(' ');
    await tui.waitFor(onCursor('<*>     Universal TUN/TAP'), 'space going from m to y');
    await tui.press(' ');
    await tui.waitFor(onCursor('< >     Universal TUN/TAP'), 'space going from y to n');
    await tui.press(' ');
    await tui.waitFor(onCursor('<M>     Universal TUN/TAP'), 'and from n to m');
    assert.equal(demo.session.value('TUN'), 'm');
  });

  it('explains a value forced by select instead of changing it', async () => {
    const { tui } = await start();
    await openProcessorMenu(tui);
    await tui.press('b'); // B starts a build; the lower-case hotkey jumps the same
    await tui.waitFor(onCursor('-*- Build a relocatable kernel'), 'RELOCATABLE, selected by EFI_STUB');
    const withInfo = await tui.waitFor((frame) => /Forced to y by select: EFI_STUB && EFI \(y\)/.test(frame), 'the info pane naming the select');
    assert.ok(withInfo.includes('CONFIG_RELOCATABLE'));
    await tui.press('n');
    await tui.waitFor((frame) => /! CONFIG_RELOCATABLE=n: forced to y by select: EFI_STUB/.test(frame), 'the refusal in the status line');
    await tui.press('e');
    const why = await tui.waitFor((frame) => frame.includes('Why: CONFIG_RELOCATABLE  Build a relocatable kernel'), 'the why view');
    assert.match(why, /RELOCATABLE is kept at y by select from:/);
    assert.match(why, /- EFI_STUB \[=y\] && EFI \[=y\] {2}\(is y\)/);
    assert.doesNotMatch(why, /depends on/i, 'only the active terms, not whole expressions');
    await tui.press(KEYS.escape);
    await tui.waitFor(onCursor('-*- Build a relocatable kernel'), 'back in the menu');
  });

  it('names the false terms of a hidden entry in show-all mode', async () => {
    const { tui } = await start();
    await openProcessorMenu(tui);
    assert.doesNotMatch(tui.frame(), /Supported processor vendors/);
    await tui.press('a');
    await tui.waitFor((frame) => frame.includes('Supported processor vendors') && frame.includes('[all]'), 'hidden entries shown');
    await tui.press('c');
    await tui.waitFor((frame) => frame.includes('Symmetric multi-processing support (SMP)'), 'names beside prompts');
    await tui.press('P');
    await tui.waitFor(onCursor('Physical address where the kernel is loaded (PHYSICAL_START)'), 'a hidden entry under the cursor');
    await tui.waitFor((frame) => /Hidden, needs: .*\(n\)/.test(frame), 'the info pane naming what it needs');
    await tui.press('e');
    const why = await tui.waitFor((frame) => frame.includes('is hidden: its prompt needs these'), 'the why view');
    assert.match(why, /\(is n\)/);
  });

  it('edits an int: a bad value is refused as typed, a good one is set', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('M', KEYS.enter);
    await tui.waitFor((frame) => frame.includes('Maximum number of CPUs (CONFIG_NR_CPUS, int, range 2 512 if SMP;'), 'the editor');
    await tui.press(KEYS.ctrlU, 'x', '1');
    await tui.waitFor((frame) => frame.includes('! ') || frame.includes('not a valid int'), 'a format error while typing');
    await tui.press(KEYS.backspace, KEYS.backspace, '9', '9', '9');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => /out of range, allowed 2\.\.512/.test(frame), 'the engine refusing 999');
    assert.equal(demo.session.value('NR_CPUS'), '64');
    await tui.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, '1', '6', KEYS.enter);
    await tui.waitFor(onCursor('(16)   Maximum number of CPUs'), 'the new value in the menu');
    assert.equal(demo.session.value('NR_CPUS'), '16');
    assert.match(tui.frame(), /1 unsaved change/);
  });

  it('picks a choice member from the choice screen', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('T');
    await tui.waitFor(onCursor('Timer frequency (250 HZ)  --->'), 'the choice');
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => cursorLine(frame).includes('(X) 250 HZ') && frame.includes('( ) 1000 HZ'), 'the radio list on the current member');
    await tui.press('j', KEYS.enter);
    await tui.waitFor(onCursor('Timer frequency (1000 HZ)  --->'), 'back in the menu with the new member');
    assert.equal(demo.session.value('HZ_1000'), 'y');
    assert.equal(demo.session.value('HZ'), '1000');
  });

  it('undoes and redoes changes', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('y');
    await tui.waitFor((frame) => frame.includes('SMP is y already'), 'y on a symbol that is y');
    assert.equal(demo.session.unsavedCount, 0, 'no undo step for no change');
    await tui.press('n');
    await tui.waitFor(onCursor('[ ] Symmetric multi-processing support'), 'SMP off');
    await tui.press('u');
    await tui.waitFor((frame) => onCursor('[*] Symmetric multi-processing support')(frame) && frame.includes('Undid SMP=n'), 'undo');
    await tui.press(KEYS.ctrlR);
    await tui.waitFor((frame) => onCursor('[ ] Symmetric multi-processing support')(frame) && frame.includes('Redid SMP=n'), 'redo');
    await tui.press('u', 'u');
    await tui.waitFor((frame) => frame.includes('Nothing to undo'), 'undo at the start of history');
    assert.equal(demo.session.unsavedCount, 0);
  });

  it('reverts one change from the pending-changes view', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('n', 'E', 'n');
    await tui.waitFor(onCursor('[ ] EFI runtime service support'), 'two changes');
    await tui.press('p');
    const pending = await tui.waitFor((frame) => frame.includes('Pending changes against the loaded config'), 'the pending view');
    assert.match(pending, /SMP +y -> n +Symmetric multi-processing support/);
    assert.match(pending, /EFI +y -> n +EFI runtime service support/);
    assert.match(pending, /NR_CPUS +64 -> 1 +Maximum number of CPUs/, 'what changed with them is listed too');
    const smpLine = pending.split('\n').findIndex((line) => line.includes(' SMP '));
    const cursorAt = pending.split('\n').findIndex((line) => line.startsWith('>'));
    for (let step = cursorAt; step < smpLine; step++) await tui.press('j');
    await tui.waitFor((frame) => cursorLine(frame).includes(' SMP '), 'the cursor on SMP');
    await tui.press('r');
    await tui.waitFor((frame) => frame.includes('Reverted SMP to y') && !/ SMP +y -> n/.test(frame), 'SMP reverted');
    assert.equal(demo.session.value('SMP'), 'y');
    assert.equal(demo.session.value('EFI'), 'n', 'the other change stays');
    await tui.waitFor((frame) => cursorLine(frame).includes(' EFI '), 'the cursor on the next change');
    await tui.press(KEYS.enter);
    await tui.waitFor(
      (frame) => frame.includes(' Processor type and features ') && cursorLine(frame).includes('EFI runtime service support'),
      'Enter showing the next change in its menu',
    );
    await tui.press('p', KEYS.escape);
    await tui.waitFor((frame) => !frame.includes('Pending changes') && cursorLine(frame).includes('EFI runtime'), 'Esc closing the view');
  });

  it('saves with s, and quits without asking when nothing is unsaved', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('n');
    await tui.waitFor((frame) => frame.includes('1 unsaved change'), 'one unsaved change');
    await tui.press('s');
    await tui.waitFor((frame) => frame.includes(`Saved ${join(demo.dir, '.config')}`) && frame.includes('saved'), 'saved');
    const written = await readFile(join(demo.dir, '.config'), 'utf8');
    assert.match(written, /# CONFIG_SMP is not set/);
    assert.equal(written, await demo.session.configText(), 'the file is what the kernel writes');
    await tui.press('q');
    await tui.waitFor(() => tui.exitCodes.length > 0, 'exit');
    assert.deepEqual(tui.exitCodes, [0]);
  });

  it('asks before quitting with unsaved changes: cancel, then quit without saving', async () => {
    const { tui, demo } = await start();
    const before = await readFile(join(demo.dir, '.config'), 'utf8').catch(() => null);
    await openProcessorMenu(tui);
    await tui.press('n', 'q');
    await tui.waitFor((frame) => frame.includes('1 unsaved change to') && frame.includes('[ Save and quit ]'), 'the quit dialog');
    await tui.press(KEYS.escape);
    await tui.waitFor((frame) => !frame.includes('Save and quit'), 'cancel');
    assert.deepEqual(tui.exitCodes, []);
    await tui.press(KEYS.ctrlC);
    await tui.waitFor((frame) => frame.includes('[ Save and quit ]'), 'Ctrl+C asking too');
    await tui.press('l');
    await tui.waitFor((frame) => frame.includes('[ Quit without saving ]'), 'moving to the next button');
    await tui.press(KEYS.enter);
    await tui.waitFor(() => tui.exitCodes.length > 0, 'exit');
    assert.deepEqual(tui.exitCodes, [0]);
    assert.equal(await readFile(join(demo.dir, '.config'), 'utf8').catch(() => null), before, 'nothing written');
  });

  it('saves and quits from the quit dialog', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('n', KEYS.escape, KEYS.escape, KEYS.escape, KEYS.escape);
    await tui.waitFor((frame) => frame.includes('[ Save and quit ]'), 'Esc Esc at the top asking to save');
    await tui.press('y');
    await tui.waitFor(() => tui.exitCodes.length > 0, 'exit');
    assert.deepEqual(tui.exitCodes, [0]);
    assert.match(await readFile(join(demo.dir, '.config'), 'utf8'), /# CONFIG_SMP is not set/);
  });

  it('shows the help view with folded lists and marked terms', async () => {
    const { tui } = await start();
    await openProcessorMenu(tui);
    await tui.press('E', 'j');
    await tui.waitFor(onCursor('EFI stub support'), 'EFI stub');
    await tui.press('?');
    const help = await tui.waitFor((frame) => frame.includes('Symbol: EFI_STUB [=y]'), 'the help view');
    assert.match(help, /Help: CONFIG_EFI_STUB {2}EFI stub support/);
    assert.match(help, /Depends on: EFI \[=y\]/);
    assert.match(help, /Selects: RELOCATABLE \[=y\]/);
    await tui.press('G');
    await tui.waitFor((frame) => frame.includes('q  Ctrl-c') && frame.includes('quit (asks when changes are unsaved)'), 'the key list at the end');
    await tui.press(KEYS.escape);
    await tui.waitFor(onCursor('EFI stub support'), 'closed');
  });

  it('saves a copy elsewhere and loads another config as one undoable step', async () => {
    const { tui, demo } = await start();
    await openProcessorMenu(tui);
    await tui.press('n', 'w');
    await tui.waitFor((frame) => frame.includes('Save a copy of the config as:'), 'the save-as dialog');
    const copy = join(demo.dir, 'copy.config');
    await tui.press(KEYS.ctrlU, copy, KEYS.enter);
    await tui.waitFor((frame) => frame.includes(`Saved a copy to ${copy}`), 'the copy saved');
    assert.match(await readFile(copy, 'utf8'), /# CONFIG_SMP is not set/);
    assert.match(tui.frame(), /1 unsaved change/, 'a copy elsewhere does not save the config itself');

    const other = join(demo.dir, 'other.config');
    await writeFile(other, 'CONFIG_SMP=y\nCONFIG_NR_CPUS=8\n');
    await tui.press('o');
    await tui.waitFor((frame) => frame.includes('Load a config file'), 'the load dialog');
    await tui.press(join(demo.dir, 'missing.config'), KEYS.enter);
    await tui.waitFor((frame) => /cannot read .*missing\.config: no such file/.test(frame), 'a missing file named');
    await tui.press(KEYS.ctrlU, other, KEYS.enter);
    await tui.waitFor((frame) => frame.includes(`Loaded ${other}`) && cursorLine(frame).includes('[*] Symmetric'), 'loaded');
    assert.equal(demo.session.value('NR_CPUS'), '8');
    await tui.press('u');
    await tui.waitFor((frame) => frame.includes(`Undid load ${other}`), 'the load undone');
    assert.equal(demo.session.value('SMP'), 'n');
  });

  it("escapes the kernel's load warning about a hostile line before it reaches the status line (F15)", async () => {
    const { tui, demo } = await start();
    const hostile = join(demo.dir, 'hostile.config');
    await writeFile(hostile, 'CONFIG_SMP=y\n\x1b]0;PWNED\x07\x1b[2J\n');
    await tui.resize(240, 30); // the whole status line
    await tui.press('o');
    await tui.waitFor((frame) => frame.includes('Load a config file'), 'the load dialog');
    await tui.press(KEYS.ctrlU, hostile, KEYS.enter);
    const frame = await tui.waitFor((text) => text.includes(`Loaded ${hostile}`), 'loaded');
    assert.match(frame.replace(/\s+/g, ' '), /1 warning: .*unexpected data: \\e\]0;PWNED\\x07\\e\[2J\)/);
    assert.doesNotMatch(frame, /\x1b\]0|\x07/, 'no control character from the file reaches the terminal');
  });

  it("asks for a bigger terminal below menuconfig's 80x19 and comes back when it grows", async () => {
    const { tui } = await start();
    await tui.resize(70, 24);
    await tui.waitFor((frame) => /at least 19 lines by 80 columns.*it is 24 lines by 70 columns/s.test(frame.replace(/\s+/g, ' ')), 'the size message');
    await tui.press('j');
    await tui.resize(100, 30);
    const frame = await tui.waitFor((text) => text.includes('General setup'), 'the menu again');
    assert.equal(frame.split('\n').length, 29);
    assert.ok(cursorLine(frame).includes('Compiler'), 'keys other than quit are ignored while too small');
    await tui.resize(80, 18);
    await tui.waitFor((text) => text.replace(/\s+/g, ' ').includes('it is 18 lines by 80 columns'), 'too few rows');
    await tui.press('q');
    await tui.waitFor(() => tui.exitCodes.length > 0, 'q quitting from the size message');
  });
});
