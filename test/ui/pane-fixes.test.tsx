/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * What users tripped over, pane by pane (issue 11), on the demo tree with the real kconfig
 * engine: the changes pane, the header's word on saving, the why pane's way to the blocking
 * symbol, and inputs not asked for in the hardware pane.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cursorLine, type Demo, KEYS, openDemo, renderTui, type Tui } from './support/tui-harness.js';

const LSMOD = fileURLToPath(new URL('../../fixtures/hardware/laptop/lsmod.txt', import.meta.url));
const header = (frame: string): string => frame.split('\n')[0] ?? '';
const onCursor = (text: string) => (frame: string) => cursorLine(frame).includes(text);

let open: { demo: Demo; tui: Tui } | null = null;
afterEach(async () => {
  open?.tui.unmount();
  await open?.demo.close();
  open = null;
});

async function start(config?: string, props: Parameters<typeof renderTui>[2] = {}): Promise<{ demo: Demo; tui: Tui }> {
  const demo = await openDemo(config);
  const tui = await renderTui(demo.session, undefined, props);
  open = { demo, tui };
  return open;
}

async function processorMenu(tui: Tui): Promise<void> {
  await tui.press('P');
  await tui.waitFor(onCursor('Processor type and features'), 'Processor type');
  await tui.press(KEYS.enter);
  await tui.waitFor((frame) => frame.includes('Maximum number of CPUs'), 'the submenu');
}

describe('the changes pane (p)', () => {
  it('shows each change with what came with it; a value that came with another says what to revert; reverting all leaves nothing unsaved', async () => {
    const { tui, demo } = await start();
    await processorMenu(tui);
    await tui.press('n', 'E', 'n');
    await tui.waitFor((frame) => onCursor('[ ] EFI runtime service support')(frame) && header(frame).endsWith('2 unsaved changes'), 'two changes');
    await tui.press('p');
    const changes = await tui.waitFor((frame) => frame.includes('Pending changes against the loaded config:'), 'the changes');
    const lines = changes.split('\n');
    const smp = lines.findIndex((line) => / SMP +y -> n/.test(line));
    const efi = lines.findIndex((line) => / EFI +y -> n/.test(line));
    assert.match(lines[smp - 1] ?? '', /Your changes \(2\), with what came with each:/);
    assert.match(lines[smp + 1] ?? '', /^ {5}NR_CPUS +64 -> 1/, 'NR_CPUS under SMP, indented');
    assert.ok(efi > smp + 1, 'EFI, the second change, after SMP and what came with it');
    assert.match(cursorLine(changes), / SMP +y -> n/, 'the cursor starts on the first change, not on the heading');

    await tui.press('j', 'r');
    await tui.waitFor(
      (frame) => frame.includes('! NR_CPUS came with SMP=n: revert that (r on its line) or undo (u); alone it'),
      'why NR_CPUS cannot be reverted, and what to revert instead',
    );
    assert.equal(demo.session.value('NR_CPUS'), '1');

    await tui.press('k', 'r');
    await tui.waitFor((frame) => frame.includes('Reverted SMP to y') && !/ SMP +y -> n/.test(frame), 'SMP reverted');
    await tui.waitFor(onCursor(' EFI '), 'the cursor on the next change');
    await tui.press('r');
    const none = await tui.waitFor((frame) => frame.includes('Pending changes against the loaded config: 0'), 'no change left');
    assert.equal(demo.session.unsavedCount, 4, 'four undoable steps ...');
    assert.match(header(none), / saved$/, '... but no value differs from the file: the header says so');
    await tui.press(KEYS.escape, 'q');
    await tui.waitFor(() => tui.exitCodes.length > 0, 'q quits without asking: nothing would be lost');
    assert.deepEqual(tui.exitCodes, [0]);
  });

  it('shows what saving changes in the file anyway, while the header says so, until it is saved', async () => {
    const file = '# CONFIG_RELOCATABLE is not set\nCONFIG_NOT_IN_THIS_TREE=y\nCONFIG_NR_CPUS=64\n';
    const { tui, demo } = await start(file);
    const first = await tui.waitFor((frame) => header(frame).endsWith('saving changes 2 values (p)'), 'the header');
    assert.doesNotMatch(header(first), /saved$/);
    await tui.press('p');
    const changes = await tui.waitFor((frame) => frame.includes('Saving also changes these values of the file'), 'the values the save changes');
    assert.match(changes, / RELOCATABLE +n -> y +Build a relocatable kernel +\(the file says n\)/);
    assert.match(changes, / NOT_IN_THIS_TREE +not in this tree: the save leaves out NOT_IN_THIS_TREE=y/);
    assert.doesNotMatch(changes, /NR_CPUS/, 'a value that holds is not listed');
    await tui.press('r');
    await tui.waitFor(
      (frame) => frame.includes("! The file's RELOCATABLE=n does not hold here (e says why): saving writes y"),
      'why there is nothing to revert',
    );
    await tui.press('e');
    await tui.waitFor((frame) => frame.includes('Why: CONFIG_RELOCATABLE') && frame.includes('kept at y by select from'), 'e: why');
    await tui.press(KEYS.escape);
    await tui.waitFor((frame) => frame.includes('Saving also changes'), 'back in the changes pane');
    await tui.press('s');
    await tui.waitFor(
      (frame) => header(frame).endsWith(' saved') && !frame.includes('Saving also changes'),
      'saved: the file holds what the kernel makes of it',
    );
    assert.match(await readFile(join(demo.dir, '.config'), 'utf8'), /^CONFIG_RELOCATABLE=y$/m);
  });
});

describe('the why pane (e)', () => {
  it('says the reasons, and Enter on one shows its symbol in its menu', async () => {
    const { tui } = await start();
    await processorMenu(tui);
    await tui.press('b');
    await tui.waitFor(onCursor('-*- Build a relocatable kernel'), 'RELOCATABLE');
    await tui.press('e');
    const why = await tui.waitFor((frame) => frame.includes('Why: CONFIG_RELOCATABLE') && frame.includes('EFI_STUB'), 'the why pane');
    assert.match(cursorLine(why), /^> - EFI_STUB \[=y\] && EFI \[=y\] {2}\(is y\)$/, 'the first reason under the cursor');
    // f is hinted once the disable fix the page offers is found.
    assert.match(why.split('\n').at(-1) ?? '', /^↑↓ move {2}(f apply fix {2})?⏎ show it in its menu {2}e why it is so {2}Esc close/);
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => !frame.includes('Why:') && onCursor('[*]   EFI stub support')(frame), 'EFI stub support in its menu');
  });
});

describe('the hardware pane (d) with --lsmod', () => {
  it('lists the inputs not asked for as such, not as failed', async () => {
    const { tui } = await start(undefined, { hardwareSource: { lsmod: LSMOD } });
    await tui.press('d');
    const pane = await tui.waitFor((frame) => /\d+ suggestions? \(/.test(frame), 'the report', 30_000);
    assert.doesNotMatch(pane, /Failed inputs/);
    assert.match(pane.replace(/\s+/g, ' '), /1 input read, not asked for: proc-modules, lspci-nnk, lspci-vmmnnk/);
  });
});
