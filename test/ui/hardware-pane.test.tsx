/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { acceptWithFix } from '../../src/features/hardware/fix-suggestions.js';
import { fixSelection } from '../../src/features/hardware/suggestion-targets.js';
import { hardwareInputsFor } from '../../src/features/hardware/hardware-source.js';
import { computeSuggestions, type HardwareReport, type Suggestion } from '../../src/features/hardware/suggestions.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { suggestionRow } from '../../src/ui/panes/hardware/lines.js';
import { hardwarePaneKey, hardwarePaneLayout, initialHardwarePane, type HardwarePaneEnv, type HardwarePaneState } from '../../src/ui/panes/hardware/state.js';
import { debianConfig, kernelTree } from '../support/kernel-trees.js';
import { captureOf, writeRecordedRoot } from '../support/machine-root.js';
import { cursorLine, KEYS, openDemo, renderTui, type Tui } from './support/tui-harness.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/hardware/', import.meta.url));
const capture = (machine: 'laptop' | 'server' | 'vm'): string => join(FIXTURES, machine);

function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23, 'a frame is one line shorter than the 24-line terminal');
  assert.deepEqual(lines.filter((line) => Array.from(line).length > 80), [], 'no line is wider than the terminal');
}

/** Suggestion rows on screen: `[ ]`/`[x]` after the cursor column. */
const suggestionRows = (frame: string): string[] => frame.split('\n').filter((line) => /^[ >]\[[ x]\] /.test(line));

/** The frame with line breaks and wrapping indents as single spaces, for text that wraps. */
const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

const listed = (frame: string, name: string): boolean => suggestionRows(frame).some((row) => row.slice(5).startsWith(`${name} `));

const onCursor = (text: string) => (frame: string) => cursorLine(frame).includes(text);

/** Opens the pane and waits for the report (the inputs are read and mapped after it opens). */
async function openPane(tui: Tui): Promise<string> {
  await tui.press('d');
  return tui.waitFor((frame) => /\d+ suggestions? \(\d+ already configured\) for /.test(frame), 'the suggestions', 30_000);
}

async function cursorTo(tui: Tui, name: string): Promise<void> {
  for (let tries = 0; tries < 120 && !cursorLine(tui.frame()).includes(` ${name} `); tries++) await tui.press('j');
  assert.ok(cursorLine(tui.frame()).includes(` ${name} `), `the cursor reached ${name}`);
}

describe("the hardware pane with a machine's own inputs: a recorded microVM without module support (demo tree)", () => {
  let demo: Awaited<ReturnType<typeof openDemo>> | undefined;
  let tui: Tui | undefined;
  let rootDir: string | undefined;
  afterEach(async () => {
    tui?.unmount();
    await demo?.close();
    if (rootDir) await rm(rootDir, { recursive: true, force: true });
    tui = undefined;
    demo = undefined;
    rootDir = undefined;
  });

  it('reports the lsmod failure in the pane and works with the other inputs', async () => {
    rootDir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-root-'));
    const recorded = await writeRecordedRoot(captureOf('microvm'), join(rootDir, 'root'), 'recorded microvm');
    // The machine's tools answer once the loading line has been seen, however fast the recorded root is.
    let answer = (): void => {};
    const loadingSeen = new Promise<void>((resolve) => (answer = resolve));
    const root = { ...recorded, run: async (...args: Parameters<typeof recorded.run>) => (await loadingSeen, recorded.run(...args)) };
    demo = await openDemo();
    tui = await renderTui(demo.session, undefined, { hardwareSource: { root } });
    await tui.press('d');
    const loading = await tui.waitFor((frame) => frame.includes('Looking at the hardware:'), 'the loading line');
    answer();
    assert.match(loading, /Hardware suggestions/);
    assertFits(loading);
    const frame = await tui.waitFor((text) => text.includes('Failed inputs:'), 'the report', 30_000);
    assert.match(frame, /microvm \(kernel [^)]+\)/, "the header names the recorded machine (its left end may be cut)");
    assert.match(frame, /Failed inputs: lsmod, proc-modules/);
    assert.match(frame, /^ {2}lsmod: exit 1: Error: could not get list of modules: No such file or directory/m);
    assert.match(frame, /Nothing to suggest: the configuration has what this hardware needs\./, 'the demo tree builds no module of its own');
    assertFits(frame);

    await tui.press('i');
    const report = await tui.waitFor((text) => text.includes('failed  lsmod'), 'the inputs in the report view');
    assert.match(report, /ok {6}lspci-nnk/);
    const note = 'note: no list of loaded modules (lsmod and /proc/modules both failed)';
    for (let tries = 0; tries < 40 && !flat(tui.frame()).includes(note); tries++) await tui.press('j');
    assert.ok(flat(tui.frame()).includes(note), 'the report notes what the failure means');
    assert.match(report.split('\n').at(-1)!, /Esc back to the list/);
    await tui.press('G');
    await tui.waitFor((text) => text.includes('No module for: ') && !text.includes('failed  lsmod'), 'the end of the report: the devices no module serves');
    await tui.press(KEYS.escape);
    await tui.waitFor((text) => text.includes('Nothing to suggest'), 'Esc back to the list');
    await tui.press(KEYS.escape);
    await tui.waitFor((text) => text.includes('General setup') && !text.includes('Failed inputs'), 'Esc closing the pane');
    assert.deepEqual(tui.exitCodes, [], 'a failed input is not fatal');

    await tui.press('d');
    const again = await tui.waitFor((text) => text.includes('Failed inputs: lsmod'), 'the pane again');
    assert.doesNotMatch(again, /Looking at the hardware/, 'the report is kept while the pane is closed');
  });
});

/** Debian 6.12 with its cloud-amd64 config, which lacks most hardware drivers. */
describe('the hardware pane on Debian 6.12 (cloud-amd64 config)', () => {
  let dir = '';
  let session: Session | undefined;
  const reports = new Map<string, HardwareReport>();
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-hardware-'));
    await writeFile(join(dir, '.config'), debianConfig('6.12', 'amd64_none_cloud-amd64'));
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
    for (const machine of ['laptop', 'vm'] as const) {
      reports.set(machine, await computeSuggestions(session, await hardwareInputsFor({ hwFrom: capture(machine) })));
    }
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const opened = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };
  let tui: Tui | undefined;
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (await opened().undo()) {
      // back to the loaded config for the next test
    }
    assert.equal(opened().unsavedCount, 0);
  });

  it('lists what the laptop lacks with the reason chain and requirements, drawing only the rows on screen', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    const frame = await openPane(tui);
    const expected = reports.get('laptop')!.suggestions;
    assert.ok(expected.length > 20);
    assert.match(frame, new RegExp(`${expected.length} suggestions \\(\\d+ already configured\\) for …?.*laptop \\(kernel 6\\.12`));
    // The captures predate tuxconf reading /proc/consoles (fixtures/hardware/README.md): the only input that failed.
    const failed = reports.get('laptop')!.inputs.filter((input) => input.state === 'failed').map((input) => input.name);
    assert.deepEqual(failed, ['consoles']);
    assert.match(frame, /^Failed inputs: consoles$/m);
    assert.match(frame, new RegExp(`Hardware suggestions +1/${expected.length}`));
    const rows = suggestionRows(frame);
    assert.equal(rows.length, hardwarePaneLayout(18).list, 'only the rows that fit are drawn');
    assert.ok(rows[0]!.startsWith(`>[ ] ${expected[0]!.name} `), 'in the order of the report: the root file system path first');
    assertFits(frame);

    await cursorTo(tui, 'E1000E');
    const e1000e = tui.frame();
    assert.match(cursorLine(e1000e), /^>\[ \] E1000E +n -> m {2}Intel\(R\) PRO\/1000 PCI-Express Gigabit/);
    assert.match(e1000e, /── CONFIG_E1000E {2}tristate: n -> m$/m);
    assert.match(flat(e1000e), /because 00:1f\.6 Ethernet controller: Intel Corporation Ethernet Connection \(4\) I219-V \[8086:15d8\] -> driver in use: e1000e -> module e1000e/);
    assert.match(e1000e, /\(and 1 more reason: i shows them all\)/);
    assert.match(e1000e, /can be set to m now/);
    assertFits(e1000e);

    await cursorTo(tui, 'IWLWIFI');
    const iwlwifi = tui.frame();
    assert.match(cursorLine(iwlwifi), /needs 4$/);
    assert.match(iwlwifi, /needs CONFIG_WLAN=y \(now n\): IWLWIFI depends on WLAN \[=n\]/);

    await tui.press('G');
    const last = await tui.waitFor(onCursor(` ${expected.at(-1)!.name} `), 'the last suggestion');
    assert.equal(suggestionRows(last).length, hardwarePaneLayout(18).list);
    assert.match(last, new RegExp(`${expected.length}/${expected.length}`));
  });

  it('accepts one with Enter, takes it off the list, and u brings it back', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    await openPane(tui);
    const total = reports.get('laptop')!.suggestions.length;
    await cursorTo(tui, 'E1000E');
    await tui.press(KEYS.enter);
    const after = await tui.waitFor(
      (frame) => frame.includes('Applied E1000E (') && frame.includes(`${total - 1} suggestions`) && !listed(frame, 'E1000E'),
      'E1000E applied and gone from the list',
      20_000,
    );
    assert.equal(opened().value('E1000E'), 'm');
    assert.equal(opened().history.at(-1), 'hardware: E1000E');
    assertFits(after);
    await tui.press('u');
    await tui.waitFor((frame) => frame.includes(`${total} suggestions`) && listed(frame, 'E1000E'), 'undo bringing it back', 20_000);
    assert.equal(opened().value('E1000E'), 'n');
  });

  it('accepts the marked ones, with what they need, as one undoable step', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    await openPane(tui);
    await cursorTo(tui, 'INPUT_PCSPKR');
    await tui.press(' ');
    await tui.waitFor((frame) => frame.includes('[x] INPUT_PCSPKR') && frame.includes('1 marked'), 'one marked');
    await cursorTo(tui, 'IWLWIFI');
    await tui.press(' ');
    await tui.waitFor((frame) => frame.includes('[x] IWLWIFI') && frame.includes('2 marked'), 'two marked');
    const steps = opened().history.length;
    await tui.press('y');
    await tui.waitFor((frame) => /Applied 2 of 2 suggestions \(\d+ values changed; u undoes it\)/.test(frame), 'both applied', 20_000);
    assert.deepEqual(
      ['IWLWIFI', 'INPUT_PCSPKR', 'WLAN', 'INPUT_MISC'].map((name) => opened().value(name)),
      ['m', 'm', 'y', 'y'],
      'the suggestions and what they need',
    );
    assert.equal(opened().history.length, steps + 1, 'one step');
    assert.equal(opened().history.at(-1), 'hardware: 2 suggestions');
    const total = reports.get('laptop')!.suggestions.length;
    const count = (frame: string): number => Number(/^(\d+) suggestions /m.exec(frame)?.[1] ?? NaN);
    const fewer = await tui.waitFor((frame) => !frame.includes('marked') && count(frame) <= total - 2, 'marks cleared, both off the list', 20_000);
    console.log(`accepting IWLWIFI and INPUT_PCSPKR took ${total - count(fewer)} suggestions off the list (what they need served others too)`);
    await tui.press('u');
    await tui.waitFor((frame) => frame.includes(`${total} suggestions`) && frame.includes('Undid hardware: 2 suggestions'), 'one undo bringing both back', 20_000);
    assert.deepEqual(['IWLWIFI', 'INPUT_PCSPKR', 'WLAN'].map((name) => opened().value(name)), ['n', 'n', 'n']);
  });

  it('accepts all with A as one step, the same config as accepting the selection through the fix directly', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    await openPane(tui);
    const selection = fixSelection(reports.get('laptop')!.suggestions);
    await tui.press('A');
    const frame = await tui.waitFor((text) => new RegExp(`Applied \\d+ of ${selection.length} suggestions`).test(text), 'accept all', 120_000);
    assert.equal(opened().history.at(-1), `hardware: ${selection.length} suggestions`);
    assert.equal(opened().history.length, 1);
    const viaPane = await opened().configText();
    assertFits(frame);
    await tui.press('u');
    await tui.waitFor((text) => text.includes(`${reports.get('laptop')!.suggestions.length} suggestions`), 'undo restoring the list', 60_000);
    assert.equal(opened().unsavedCount, 0);
    await acceptWithFix(opened(), selection, { asModules: false });
    assert.equal(viaPane, await opened().configText(), 'the pane applies exactly what the feature applies');
  });

  it('opens help and why from a suggestion and comes back to the pane; → shows it in its menu', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    await openPane(tui);
    await cursorTo(tui, 'IWLWIFI');
    await tui.press('e');
    await tui.waitFor((frame) => frame.includes('Why: CONFIG_IWLWIFI') && frame.includes('is hidden: its prompt needs these'), 'why');
    await tui.press(KEYS.escape);
    await tui.waitFor(onCursor(' IWLWIFI '), 'back in the pane on the same suggestion');
    await tui.press('?');
    await tui.waitFor((frame) => frame.includes('Help: CONFIG_IWLWIFI'), 'help');
    await tui.press(KEYS.left);
    await tui.waitFor(onCursor(' IWLWIFI '), 'back again');
    await cursorTo(tui, 'USB_XHCI_PCI');
    await tui.press(KEYS.right);
    await tui.waitFor((frame) => frame.includes('CONFIG_USB_XHCI_PCI has no prompt, so no menu line'), 'no menu line for a promptless symbol');
    await tui.press('k');
    await tui.waitFor(onCursor(' USB_XHCI_HCD '), 'the xHCI driver with a prompt');
    await tui.press(KEYS.right);
    const menu = await tui.waitFor((frame) => onCursor('xHCI HCD (USB 3.0) support')(frame) && !frame.includes('Hardware suggestions'), 'the entry in its menu');
    assert.match(menu, /USB support/);
  });

  it("shows the VM capture's missing lspci and still suggests its root disk driver", async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('vm') } });
    const frame = await openPane(tui);
    assert.match(frame, /Failed inputs: lspci-nnk, lspci-vmmnnk/);
    assert.match(frame, /^ {2}lspci-nnk: failed on the captured machine/m);
    await tui.press('i');
    await tui.waitFor((text) => /failed lspci-nnk .*lspci is not installed \(Debian: pciutils\)/.test(flat(text)), 'why, in the report view');
    await tui.press(KEYS.escape);
    const names = reports.get('vm')!.suggestions.map((suggestion) => suggestion.name);
    assert.ok(names.length > 0);
    for (const name of names.slice(0, hardwarePaneLayout(18).list)) assert.match(frame, new RegExp(`\\[ \\] ${name} `));
    assertFits(frame);
  });

  it("reports a machine's failed lsmod (the recorded microVM) and accepts the PC speaker with what it needs", async () => {
    const rootDir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-root-'));
    after(() => rm(rootDir, { recursive: true, force: true }));
    const root = await writeRecordedRoot(captureOf('microvm'), join(rootDir, 'root'), 'recorded microvm');
    tui = await renderTui(opened(), undefined, { hardwareSource: { root } });
    const frame = await openPane(tui);
    assert.match(frame, /microvm \(kernel /);
    assert.match(frame, /Failed inputs: lsmod, proc-modules/);
    assert.match(frame, /lsmod: exit 1: Error: could not get list of modules/);
    await cursorTo(tui, 'INPUT_PCSPKR');
    assert.match(flat(tui.frame()), /because platform device pcspkr -> modalias platform:pcspkr/);
    assert.match(tui.frame(), /needs CONFIG_INPUT_MISC=y \(now n\)/);
    await tui.press(KEYS.enter);
    await tui.waitFor((text) => text.includes('Applied INPUT_PCSPKR') && !listed(text, 'INPUT_PCSPKR'), 'applied', 20_000);
    assert.deepEqual([opened().value('INPUT_PCSPKR'), opened().value('INPUT_MISC')], ['m', 'y']);
    assert.deepEqual(tui.exitCodes, []);
  });
});

describe('hardwarePaneKey', () => {
  const suggestion = (name: string, overrides: Partial<Suggestion> = {}): Suggestion => ({
    name,
    prompt: `${name} support`,
    type: 'tristate',
    current: 'n',
    value: 'm',
    reasons: [],
    modules: [name.toLowerCase()],
    rootPath: false,
    alternative: false,
    settable: true,
    possibleNow: true,
    requires: [],
    unresolved: [],
    ...overrides,
  });
  const list = [suggestion('A'), suggestion('B', { alternative: true }), suggestion('C'), suggestion('D', { settable: false })];
  const env = (overrides: Partial<HardwarePaneEnv> = {}): HardwarePaneEnv => ({
    suggestions: list,
    perPage: 2,
    reportLines: 30,
    reportHeight: 10,
    nodeOf: (name) => (name === 'A' ? 7 : -1),
    ...overrides,
  });
  const press = (state: HardwarePaneState, key: Parameters<typeof hardwarePaneKey>[1], with_: Partial<HardwarePaneEnv> = {}) =>
    hardwarePaneKey(state, key, env(with_));
  const accepted = (outcome: ReturnType<typeof press>): string[] =>
    outcome.intent.kind === 'accept-suggestions' ? outcome.intent.suggestions.map((entry) => entry.name) : [];

  it('marks with space (moving on), accepts the marked ones or else the highlighted one', () => {
    let state = initialHardwarePane();
    assert.deepEqual(accepted(press(state, keyEvent('return'))), ['A']);
    state = press(state, charKey(' ')).state;
    state = press(state, charKey(' ')).state;
    assert.deepEqual([state.marked, state.cursor, state.top], [['A', 'B'], 2, 1]);
    const outcome = press(state, charKey('y'));
    assert.deepEqual(accepted(outcome), ['A', 'B']);
    assert.deepEqual(outcome.state.marked, []);
    state = press({ ...state, cursor: 0 }, charKey(' ')).state;
    assert.deepEqual(state.marked, ['B'], 'space again unmarks');
  });

  it('accepts all but alternatives (promptless symbols too: the fix reaches them through others)', () => {
    assert.deepEqual(accepted(press(initialHardwarePane(), charKey('A'))), ['A', 'C', 'D']);
    const none = press(initialHardwarePane(), charKey('A'), { suggestions: [] }).intent;
    assert.equal(none.kind === 'ui' && none.action.type === 'message' && none.action.message?.tone, 'error');
  });

  it('on a config without module support, asks first: m turns MODULES on (drivers as modules), y builds them in, Esc goes back', () => {
    const asked = press(initialHardwarePane(), keyEvent('return'), { modulesOff: true });
    assert.deepEqual([asked.state.page, asked.state.pending, asked.intent.kind], ['modules', ['A'], 'none']);
    const modules = press(asked.state, charKey('m'), { modulesOff: true });
    assert.deepEqual([modules.state.page, accepted(modules), modules.intent.kind === 'accept-suggestions' && modules.intent.asModules], ['list', ['A'], true]);
    const builtIn = press(asked.state, charKey('y'), { modulesOff: true });
    assert.deepEqual([accepted(builtIn), builtIn.intent.kind === 'accept-suggestions' && builtIn.intent.asModules], [['A'], false]);
    const back = press(asked.state, keyEvent('escape'), { modulesOff: true });
    assert.deepEqual([back.state.page, back.state.pending, back.intent.kind], ['list', [], 'none']);
    const bools = press(initialHardwarePane(), keyEvent('return'), { modulesOff: true, suggestions: [suggestion('B', { type: 'bool', value: 'y' })] });
    assert.equal(bools.intent.kind, 'accept-suggestions', 'no question for what cannot be a module');
  });

  it('opens help, why and the menu entry of the highlighted symbol, or says it has none', () => {
    assert.deepEqual(press(initialHardwarePane(), charKey('?')).intent, { kind: 'help', node: 7 });
    assert.deepEqual(press(initialHardwarePane(), charKey('e')).intent, { kind: 'why', node: 7 });
    assert.deepEqual(press(initialHardwarePane(), keyEvent('right')).intent, { kind: 'ui', action: { type: 'jump', node: 7 } });
    assert.equal(press({ ...initialHardwarePane(), cursor: 2 }, charKey('e')).intent.kind, 'ui', 'no node: a message');
  });

  it('scrolls the report view within its lines and leaves it with Esc; d and Esc close the pane', () => {
    let state = press(initialHardwarePane(), charKey('i')).state;
    assert.equal(state.page, 'report');
    state = press(state, keyEvent('end')).state;
    assert.equal(state.reportTop, 20);
    state = press(state, keyEvent('pagedown')).state;
    assert.equal(state.reportTop, 20);
    state = press(state, keyEvent('escape')).state;
    assert.equal(state.page, 'list');
    assert.deepEqual(press(state, keyEvent('escape')).intent, { kind: 'ui', action: { type: 'close' } });
    assert.deepEqual(press(state, charKey('d')).intent, { kind: 'ui', action: { type: 'close' } });
    assert.equal(press(state, charKey('r')).refresh, true);
  });

  it('draws a row with the mark, the values and the flags in the width', () => {
    const row = suggestionRow(suggestion('DM_CRYPT', { current: 'm', value: 'y', rootPath: true, requires: [{ name: 'BLK_DEV_DM', from: 'm', to: 'y', because: '' }] }), true, 12, 70);
    assert.equal(Array.from(row).length, 70);
    assert.match(row, /^\[x\] DM_CRYPT {6}m -> y {2}DM_CRYPT support +root fs, needs 1$/);
  });
});
