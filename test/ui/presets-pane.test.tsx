/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import {
  applyPresets,
  catalogFor,
  changedOptions,
  formatExport,
  listPresets,
  planByName,
  type PresetCatalog,
  type PresetOutcome,
  previewPresets,
  satisfactionMark,
} from '../../src/features/presets/index.js';
import { loadSource } from '../../src/features/presets/preset-file.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { initialPresetsPane, presetsPaneKey, presetsPaneLayout, type PresetsPaneEnv } from '../../src/ui/panes/presets/state.js';
import { shortenPaths } from '../../src/ui/panes/presets/lines.js';
import { countText } from '../../src/ui/panes/presets/rows.js';
import { kernelTree } from '../support/kernel-trees.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

const DEMO_TREE = fileURLToPath(new URL('../../fixtures/demo', import.meta.url));

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

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Lines joined and runs of blanks made one: wrapped sentences read whole again. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const LIST = 'presets   [x] met';

async function openPresets(tui: Tui): Promise<string> {
  await tui.press('F');
  return tui.waitFor((frame) => frame.includes(LIST) || frame.includes(' marked (they apply in the order marked)'), 'the presets list');
}

async function cursorTo(tui: Tui, name: string): Promise<void> {
  for (let tries = 0; tries < 40 && !cursorLine(tui.frame()).includes(` ${name} `); tries++) await tui.press('j');
  assert.ok(cursorLine(tui.frame()).includes(` ${name} `), `the cursor reached ${name}`);
}

/** The whole outcome page, read one screen at a time (the page is 17 lines at 80x24). */
async function outcomePage(tui: Tui): Promise<string> {
  await tui.press('g');
  const seen: string[] = [];
  for (let pages = 0; pages < 40; pages++) {
    const frame = tui.frame();
    const lines = frame.split('\n');
    seen.push(...lines.slice(4, 21));
    const position = /(\d+)-(\d+)\/(\d+) *$/.exec(lines[2] ?? '');
    if (!position || position[2] === position[3]) break;
    await tui.press(KEYS.pageDown);
    await tui.waitFor((next) => next.split('\n')[2] !== lines[2], 'the next page');
  }
  return seen.join('\n');
}

/** Checks the page against the presets module's own outcome: every change, every miss with why, every conflict. */
function assertDescribes(page: string, outcome: PresetOutcome, srcTree: string): void {
  const text = flat(page);
  for (const change of outcome.changes) {
    const shown = (value: string): string => (value === '' ? '""' : value);
    assert.ok(text.includes(` ${change.name} ${shown(change.from)} -> ${shown(change.to)}`), `the page lists ${change.name}: ${change.from} -> ${change.to}`);
  }
  for (const missed of outcome.notApplied) {
    assert.ok(text.includes(flat(shortenPaths(missed.reason ?? '', srcTree))), `the page says why CONFIG_${missed.request.name} does not stick`);
  }
  for (const conflict of outcome.conflicts) {
    assert.ok(
      text.includes(`the last wins: ${conflict.winner.text ?? 'n'} from ${conflict.winner.preset}`),
      `the page names the winner for CONFIG_${conflict.name}`,
    );
  }
}

describe('the presets view on the demo tree (real kconfig engine)', () => {
  let root = '';
  let xdg = '';
  let session: Session;
  let tui: Tui | undefined;
  let loadedText = '';
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: xdg });
  const start = async (): Promise<Tui> => {
    tui = await renderTui(session, undefined, { presetSource: { env: env(), cwd: root } });
    return tui;
  };
  const catalog = (): Promise<PresetCatalog> => catalogFor(session, { env: env(), cwd: root });

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuxconf-ui-presets-'));
    xdg = join(root, 'xdg');
    await mkdir(join(xdg, 'tuxconf', 'presets'), { recursive: true });
    // Asks for a member of the choice demo-guest.config also asks for, and the opposite of one of its values.
    await writeFile(
      join(xdg, 'tuxconf', 'presets', 'fast-timer.config'),
      '# Help: a fast timer, no devtmpfs mount\nCONFIG_HZ_1000=y\n# CONFIG_DEVTMPFS_MOUNT is not set\n',
    );
    // A misspelt name (read fine, refused when planned) and a list that cannot be read at all.
    await writeFile(join(xdg, 'tuxconf', 'presets', 'a-typo.config'), '# Help: one misspelt option\nCONFIG_VIRTIO_BLKK=y\n');
    await writeFile(join(xdg, 'tuxconf', 'presets', 'broken.scm'), '(define %broken (("CONFIG_NET" . #t))\n');
    session = await openSession({ demo: true, output: join(root, 'out'), env: env(), cwd: root });
    loadedText = await session.configText();
  });
  after(async () => {
    await session?.close();
    await rm(root, { recursive: true, force: true });
  });
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (await session.undo()) {
      // back to the loaded config for the next test
    }
    assert.equal(await session.configText(), loadedText);
  });

  it('lists the presets by origin, with their # Help: text and how far the config satisfies each', async () => {
    await start();
    const frame = await openPresets(tui!);
    assertFits(frame);
    assert.match(frame, / Presets +1\/5 *$/m);
    assert.match(frame, /^ Fragments of this tree \(make NAME\.config\)/m);
    assert.match(frame, /^ Whole configurations \(replace every value\)/m);
    assert.ok(frame.includes(` Your presets (${join(xdg, 'tuxconf', 'presets')})`), 'your presets, with where they are kept');
    for (const { preset, status } of listPresets(session, await catalog())) {
      const row = new RegExp(
        `${escape(satisfactionMark(status))} ${escape(preset.name)} +${escape(countText({ preset, status }))} {2}${escape(preset.description.slice(0, 20))}`,
      );
      assert.match(frame, row, `${preset.name} is listed with its status`);
    }
    assert.match(cursorLine(frame), /^> {3}\[~\] demo-guest\.config +6\/12 {2}Bootable as a QEMU\/KVM guest/);
    assert.match(frame, /── demo-guest\.config {2}\(fragment of this tree\)$/m);
    assert.match(frame, /^Bootable as a QEMU\/KVM guest with virtio disk and network$/m, 'the whole # Help: line in the detail pane');
    assert.match(frame, /^files: kernel\/configs\/demo-guest\.config$/m);
    assert.match(flat(frame), /6 of 12 hold; not yet: CONFIG_VIRTIO_PCI, CONFIG_VIRTIO_NET, CONFIG_VIRTIO_BLK, CONFIG_DEVTMPFS_MOUNT \(\+2\)/);
    assert.match(frame, /^ Preset files that cannot be read$/m);
    assert.match(frame, /^ {5}broken\.scm:1:1: unbalanced parentheses/m, 'the unreadable file with the place to fix');

    await tui!.press('j');
    const base = await tui!.waitFor((text) => cursorLine(text).includes(' demo_defconfig '), 'j skipping the heading');
    assert.match(base, /^arch\/x86\/configs\/demo_defconfig as the whole configuration \(make demo_defconfig\)$/m);
    await tui!.press('G');
    const last = await tui!.waitFor((text) => cursorLine(text).includes(' fast-timer '), 'G on the last preset');
    assert.match(last, / Presets +5\/5 *$/m);
    assert.match(last, /1 of 2 hold; not yet: CONFIG_HZ_1000/);
    const later = join(xdg, 'tuxconf', 'presets', 'later.config');
    await writeFile(later, '# Help: written while the view was open\nCONFIG_IKCONFIG=y\n');
    await tui!.press('r');
    const reread = await tui!.waitFor((text) => text.includes('Read 6 presets again; 1 file cannot be read'), 'r reading the presets again');
    assert.match(reread, /\[ \] later +0\/1 {2}written while the view was open/);
    await rm(later);
    await tui!.press(KEYS.escape);
    await tui!.waitFor((text) => !text.includes(LIST) && text.includes('General setup  --->'), 'Esc closing the view');
    await tui!.press('?', 'G');
    await tui!.waitFor(
      (text) => flat(text).includes(' F presets: fragments and defconfigs; space marks, Enter previews, a applies (one undoable step), x takes back'),
      "the key in the help page's key reference",
    );
  });

  it('previews marked presets: every change, each request that does not stick and why, the conflict and its winner; nothing changes', async () => {
    const expected = await previewPresets(session, await planByName(session, ['demo-guest.config', 'user:fast-timer'], await catalog(), root));
    assert.equal(expected.conflicts.length, 1);
    assert.equal(expected.notApplied.length, 1);
    await start();
    await openPresets(tui!);
    await tui!.press(' ');
    await tui!.waitFor((frame) => /^ {2}1 \[~\] demo-guest\.config/m.test(frame) && frame.includes('1 marked'), 'demo-guest.config marked first');
    await cursorTo(tui!, 'fast-timer');
    await tui!.press(' ');
    await tui!.waitFor((frame) => frame.includes('2 marked') && /^> 2 \[~\] fast-timer/m.test(frame), 'fast-timer marked second');
    await tui!.press(KEYS.enter);
    const frame = await tui!.waitFor((text) => text.includes('Presets: preview of demo-guest.config + fast-timer'), 'the preview');
    assertFits(frame);
    assert.match(frame, / Presets: preview of demo-guest\.config \+ fast-timer +1-17\/\d+ *$/m, 'the title says what is previewed and how long the page is');
    assert.match(frame, new RegExp(`^${expected.changes.length} values change, 1 of ${expected.requests.length} requests do not stick, 1 conflict *$`, 'm'));
    assert.match(frame, /^Requested two ways \(1\); the last request wins:$/m);
    assert.match(
      flat(frame),
      /CONFIG_DEVTMPFS_MOUNT: demo-guest\.config, kernel\/configs\/demo-guest\.config:\d+ asks y; fast-timer, .*fast-timer\.config:3 asks n; the last wins: n from fast-timer/,
    );
    assert.match(
      flat(frame),
      /CONFIG_HZ_100=y: in the choice "Timer frequency", CONFIG_HZ_1000 is selected instead, as fast-timer \(.*fast-timer\.config:2\) asks/,
    );
    assertDescribes(await outcomePage(tui!), expected, DEMO_TREE);
    assert.deepEqual(session.history, [], 'a preview adds no step');
    assert.equal(await session.configText(), loadedText, 'a preview changes nothing');

    await tui!.press(KEYS.escape);
    const list = await tui!.waitFor((text) => text.includes('2 marked'), 'Esc back to the list, marks kept');
    assert.match(list, /\[~\] demo-guest\.config +6\/12/, 'the statuses are those of the config, not of the preview');
  });

  it('shows why a preset cannot be applied as written, with its line, and changes nothing', async () => {
    await start();
    await openPresets(tui!);
    await cursorTo(tui!, 'a-typo');
    assert.match(cursorLine(tui!.frame()), /\[-\] a-typo/, 'a request for no symbol of this configuration is not counted');
    await tui!.press(KEYS.enter);
    const frame = await tui!.waitFor((text) => text.includes('Presets: cannot preview a-typo'), 'the failure');
    assertFits(frame);
    assert.match(frame, /^Cannot preview these presets as written; nothing was changed/m);
    assert.match(frame.split('\n').at(-1)!, /^↑↓ scroll {2}u undo {2}Esc back to the list/, 'nothing to apply from here');
    assert.match(frame, /^a request cannot be applied as written; nothing was changed$/m);
    assert.match(flat(frame), /a-typo\.config:2: CONFIG_VIRTIO_BLKK is not defined by any Kconfig file in this tree \(did you mean CONFIG_VIRTIO_BLK\?\)/);
    await tui!.press('a');
    assert.ok(tui!.frame().includes('Presets: cannot preview a-typo'), 'a does not apply a failed preview');
    await tui!.press(KEYS.escape, 'a');
    await tui!.waitFor(
      (text) => text.includes('Presets: cannot apply a-typo') && text.includes('Not applied: a request cannot be applied as written'),
      'a refused too',
    );
    assert.deepEqual(session.history, []);
    assert.equal(await session.configText(), loadedText);
  });

  it('applies the marked presets as one undoable step, and u in the menu reverts it', async () => {
    const plan = await planByName(session, ['demo-guest.config', 'user:fast-timer'], await catalog(), root);
    await start();
    await openPresets(tui!);
    await tui!.press(' ');
    await cursorTo(tui!, 'fast-timer');
    await tui!.press(' ', 'a');
    const frame = await tui!.waitFor((text) => text.includes('Applied demo-guest.config + fast-timer:'), 'the outcome of the apply');
    assertFits(frame);
    assert.match(frame, /Presets: applied/);
    assert.match(frame, /^Applied demo-guest\.config \+ fast-timer: \d+ values changed \(u undoes it\); 1 of 13/m, 'the status line');
    assert.deepEqual(session.history, ['apply demo-guest.config + fast-timer'], 'one step');
    assert.equal(session.value('VIRTIO_BLK'), 'y');
    assert.equal(session.value('HZ_1000'), 'y');
    assert.equal(session.value('DEVTMPFS_MOUNT'), 'n', 'the last request wins');
    const viaView = await session.configText();

    await tui!.press(KEYS.escape);
    const list = await tui!.waitFor((text) => text.includes(LIST) && /\[x\] fast-timer +2\/2/.test(text), 'the list with the new statuses');
    assert.match(list, /applied in this view: x takes it back/);
    assert.match(list, /1 unsaved change/);
    await tui!.press(KEYS.escape);
    await tui!.waitFor((text) => !text.includes(LIST), 'the menu');
    await tui!.press('u');
    await tui!.waitFor((text) => text.includes('Undid apply demo-guest.config + fast-timer'), 'u in the menu');
    assert.deepEqual(session.history, []);
    assert.equal(await session.configText(), loadedText, 'undo restores the config');

    await applyPresets(session, plan);
    assert.equal(viaView, await session.configText(), 'the view applies exactly what the presets module applies');
  });

  it('takes an applied preset back with x, right after applying it and after other changes', async () => {
    await start();
    await openPresets(tui!);
    await tui!.press('x');
    await tui!.waitFor((text) => text.includes('demo-guest.config was not applied in this view'), 'x on a preset not applied');
    await tui!.press('a');
    await tui!.waitFor((text) => text.includes('Applied demo-guest.config:'), 'applied');
    await tui!.press(KEYS.escape);
    await tui!.waitFor((text) => text.includes(LIST), 'the list');
    await tui!.press('x');
    await tui!.waitFor((text) => /Took back demo-guest\.config: \d+ values changed back/.test(text), 'taken back');
    assert.equal(await session.configText(), loadedText, 'right after applying, x undoes the apply');
    assert.deepEqual(session.history, []);

    await tui!.press('a');
    await tui!.waitFor((text) => text.includes('Applied demo-guest.config:'), 'applied again');
    const later = await session.set('IKCONFIG', 'y');
    assert.ok(later.ok, 'a change made after the apply');
    await tui!.press(KEYS.escape, 'x');
    await tui!.waitFor((text) => text.includes('Took back demo-guest.config'), 'taken back after another change');
    assert.equal(session.value('VIRTIO_BLK'), session.loadedValue('VIRTIO_BLK'), "the preset's values are taken back");
    assert.equal(session.value('HZ_250'), 'y');
    assert.equal(session.value('IKCONFIG'), 'y', 'the later change stays');
    assert.equal(session.history.at(-1), 'un-apply demo-guest.config');
  });

  it('saves the current changes as a new preset in $XDG_CONFIG_HOME, which then appears in the list', async () => {
    await start();
    await openPresets(tui!);
    await tui!.press('c');
    const prompt = await tui!.waitFor((text) => text.includes('Save the current changes as a new preset'), 'the name prompt');
    assertFits(prompt);
    assert.match(prompt, /Format: +\[ fragment \] +guix/);
    assert.match(prompt, /Against: +\[ the loaded config \] +demo_defconfig/);
    await tui!.press('e', 'm', 'p', 't', 'y', KEYS.enter);
    await tui!.waitFor((text) => text.includes('nothing to save: no option differs from the base'), 'nothing to save yet');
    await tui!.press(KEYS.escape);
    await tui!.waitFor((text) => !text.includes('Save the current changes'), 'Esc cancelling');

    await tui!.press('a');
    await tui!.waitFor((text) => text.includes('Applied demo-guest.config:'), 'applied');
    await tui!.press(KEYS.escape, 'c', ...'my guest', KEYS.enter);
    await tui!.waitFor((text) => text.includes("'my guest' cannot name a preset"), 'a name with a space refused');
    await tui!.press(KEYS.ctrlU, ...'my-guest');
    await tui!.waitFor((text) => text.includes(`saves ${join(xdg, 'tuxconf', 'presets', 'my-guest.config')}`), 'the file it will write');
    const current = await session.configText();
    await tui!.press(KEYS.enter);
    const saved = await tui!.waitFor(
      (text) => /Saved \d+ options as preset my-guest/.test(text) && cursorLine(text).includes(' my-guest '),
      'saved and listed',
    );
    assert.match(cursorLine(saved), /\[x\] my-guest +\d+\/\d+ {2}\d+ options changed against the loaded config/);
    assert.match(saved, / Presets +\d\/6 *$/m);
    const file = join(xdg, 'tuxconf', 'presets', 'my-guest.config');
    const entries = changedOptions(session.model, await session.loadedConfigText(), current);
    const written = await loadSource(file);
    assert.deepEqual(written.issues, []);
    assert.deepEqual(
      written.lists[0]!.file.entries.map(({ name, text }) => ({ name, text })),
      entries.map(({ name, text }) => ({ name, text })),
      'the fragment holds the changes against the loaded config',
    );

    await tui!.press('c', ...'my-guest', KEYS.enter);
    await tui!.waitFor((text) => text.includes('my-guest.config exists in your presets: Enter again overwrites it'), 'an existing name');
    await tui!.press(KEYS.enter);
    await tui!.waitFor((text) => /Saved \d+ options as preset my-guest/.test(text) && !text.includes('exists'), 'overwritten on the second Enter');

    // A Guix list of the changes against the arch defconfig.
    await tui!.press('c', ...'vs-defconfig', '\t', KEYS.right, '\t', KEYS.right);
    await tui!.waitFor(
      (text) => /Format: +fragment +\[ guix \]/.test(text) && /Against: +the loaded config +\[ demo_defconfig \]/.test(text),
      'guix against demo_defconfig',
    );
    await tui!.press(KEYS.enter);
    await tui!.waitFor(
      (text) => /Saved \d+ options as preset vs-defconfig/.test(text) && cursorLine(text).includes(' vs-defconfig '),
      'the Guix preset listed',
    );
    assert.equal(await session.configText(), current, 'reading the defconfig left the config as it was');
    assert.deepEqual(session.history, ['apply demo-guest.config']);
    const base = await openSession({
      demo: true,
      output: join(root, 'base'),
      config: join(DEMO_TREE, 'arch/x86/configs/demo_defconfig'),
      env: env(),
      cwd: root,
    });
    const baseText = await base.configText().finally(() => base.close());
    const againstDefconfig = changedOptions(session.model, baseText, current);
    assert.ok(againstDefconfig.length > 0);
    const guix = await readFile(join(xdg, 'tuxconf', 'presets', 'vs-defconfig.scm'), 'utf8');
    const description = `${againstDefconfig.length} options changed against demo_defconfig (saved by tuxconf)`;
    assert.equal(guix, formatExport(againstDefconfig, 'guix', { name: 'vs-defconfig', description }), 'the list holds the changes against the defconfig');
  });
});

describe('presets view keys (pure)', () => {
  const env = (rows: PresetsPaneEnv['rows']): PresetsPaneEnv => ({
    rows,
    listHeight: 5,
    outcomeLines: 30,
    outcomeHeight: 10,
    outcomeApplicable: true,
    defconfig: null,
  });

  it('keeps the create prompt typing letters, and refuses a defconfig base where the tree has none', () => {
    let state = presetsPaneKey(initialPresetsPane(), charKey('c'), env(null)).state;
    for (const char of 'Fax') state = presetsPaneKey(state, charKey(char), env(null)).state;
    assert.equal(state.create?.field.text, 'Fax', 'F, a and x type into the name instead of closing, applying or taking back');
    state = presetsPaneKey(state, keyEvent('tab'), env(null)).state;
    state = presetsPaneKey(state, keyEvent('tab'), env(null)).state;
    const refused = presetsPaneKey(state, keyEvent('right'), env(null));
    assert.equal(refused.state.create?.against, 'loaded');
    assert.equal(refused.state.create?.error, 'this tree has no arch defconfig to compare with');
    const enter = presetsPaneKey(state, keyEvent('return'), env(null));
    assert.deepEqual(enter.intent, { kind: 'create', name: 'Fax', format: 'fragment', against: 'loaded', overwrite: false });
  });

  it('gives the detail pane up on short screens and the sheet room while creating', () => {
    assert.deepEqual(presetsPaneLayout(18, false), { header: 1, list: 12, detail: 5, sheet: 0 });
    assert.deepEqual(presetsPaneLayout(18, true), { header: 1, list: 10, detail: 0, sheet: 7 });
    assert.deepEqual(presetsPaneLayout(10, false), { header: 1, list: 9, detail: 0, sheet: 0 });
  });
});

describe('the presets view on Debian 6.12 (x86_64_defconfig)', () => {
  let root = '';
  let session: Session;
  let tui: Tui | undefined;
  const tree = kernelTree('6.12');
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: join(root, 'xdg') });

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tuxconf-ui-presets-6.12-'));
    const config = join(root, 'x86_64.config');
    await copyFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), config);
    session = await openSession({ tree, output: join(root, 'out'), arch: 'x86', config, env: env(), cwd: root });
  });
  after(async () => {
    tui?.unmount();
    await session?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('previews and applies hardening.config + kvm_guest.config: the same config as the presets module, one undoable step', async () => {
    const catalog = await catalogFor(session, { env: env(), cwd: root, kbuildDefconfig: session.kbuildVariable('KBUILD_DEFCONFIG') });
    const listing = listPresets(session, catalog);
    const plan = await planByName(session, ['hardening.config', 'kvm_guest.config'], catalog, root);
    const expected = await previewPresets(session, plan);
    assert.ok(expected.changes.length > 20);
    assert.deepEqual(expected.notApplied.map((outcome) => outcome.request.name).sort(), ['CFI_CLANG', 'S390_GUEST']);
    const before = await session.configText();

    tui = await renderTui(session, undefined, { presetSource: { env: env(), cwd: root } });
    const frame = await openPresets(tui);
    assertFits(frame);
    assert.match(frame, new RegExp(` Presets +1/${listing.length} *$`, 'm'));
    assert.match(frame, /\[x\] kvm_guest\.config +33\/33 {2}Bootable as a KVM guest/);
    assert.match(frame, /\[~\] hardening\.config +\d+\/55 {2}Basic kernel hardening options/);
    const drawn = frame.split('\n').filter((line) => /^[ >][ \d]{2} \[[x~ -]\] /.test(line));
    assert.ok(
      drawn.length < listing.length && drawn.length <= presetsPaneLayout(18, false).list,
      `only the rows on screen are drawn (${drawn.length} of ${listing.length})`,
    );

    await cursorTo(tui, 'hardening.config');
    await tui.press(' ');
    await cursorTo(tui, 'kvm_guest.config');
    await tui.press(' ', KEYS.enter);
    const loading = await tui.waitFor(
      (text) => text.includes('Presets: previewing hardening.config + kvm_guest.config') && text.includes('Previewing: kconfig is working...'),
      'the loading line',
    );
    assertFits(loading);
    // Keys stay live while kconfig works: back to the list, where the statuses are those of the
    // config (the preview holds the presets in the session for a moment), then the preview again.
    await tui.press(KEYS.escape);
    await tui.waitFor((text) => text.includes('14 presets, 2 marked'), 'the list during the preview');
    const seen = new Set<string>();
    let working = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 2))) {
      const frame = tui.frame();
      seen.add(/\[.\] hardening\.config +\d+\/\d+/.exec(frame)?.[0] ?? 'no hardening row');
      if (!frame.includes('working...')) break;
      working++;
    }
    assert.ok(working > 0, 'the list was on screen while kconfig worked');
    assert.deepEqual([...seen], [/\[~\] hardening\.config +28\/55/.exec(frame)![0]], 'the list kept the statuses of the config all along');
    await tui.press(KEYS.enter);
    const preview = await tui.waitFor((text) => text.includes('Presets: preview of hardening.config + kvm_guest.config'), 'the preview', 60_000);
    assert.match(preview, new RegExp(`^${expected.changes.length} values change, 2 of ${expected.requests.length} requests do not stick *$`, 'm'));
    assert.match(
      flat(preview),
      /CONFIG_S390_GUEST=y \(kvm_guest\.config, kernel\/configs\/kvm_guest\.config:\d+\) CONFIG_S390_GUEST does not exist for ARCH=x86 \(it is defined in arch\/s390\/Kconfig\)/,
    );
    assertDescribes(await outcomePage(tui), expected, tree);
    assert.equal(await session.configText(), before, 'the preview changed nothing');
    assert.deepEqual(session.history, []);

    await tui.press('a');
    await tui.waitFor((text) => text.includes('Applied hardening.config + kvm_guest.config:') && text.includes('1 unsaved change'), 'the apply', 60_000);
    assert.deepEqual(session.history, ['apply hardening.config + kvm_guest.config'], 'one undoable step');
    const viaView = await session.configText();
    await tui.press('u');
    await tui.waitFor((text) => text.includes('Undid apply hardening.config + kvm_guest.config'), 'u undoing it', 60_000);
    assert.equal(await session.configText(), before);

    await applyPresets(session, plan);
    assert.equal(viaView, await session.configText(), 'the view gives the config applyPresets gives');
    while (await session.undo()) {
      // leave the session as loaded
    }
  });
});
