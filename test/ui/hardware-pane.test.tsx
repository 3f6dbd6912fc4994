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
import { fixSelection, planSuggestionFix } from '../../src/features/hardware/suggestion-targets.js';
import { hardwareInputsFor } from '../../src/features/hardware/hardware-source.js';
import { computeSuggestions, type HardwareReport, type Suggestion } from '../../src/features/hardware/suggestions.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { suggestionRow } from '../../src/ui/panes/hardware/lines.js';
import { hardwarePaneKey, hardwarePaneLayout, initialHardwarePane, type HardwarePaneEnv, type HardwarePaneState } from '../../src/ui/panes/hardware/state.js';
import { olddefconfigOf } from '../fix/support.js';
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

/** Accepting shows the fix as a diff first (nothing changed yet); Enter there applies it. */
async function seePlan(tui: Tui, what: RegExp, timeout = 60_000): Promise<string> {
  return tui.waitFor((frame) => what.test(frame) && /Enter applies them as one step \(u undoes\)/.test(frame), 'the fix as a diff', timeout);
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
    const steps = opened().history.length;
    await tui.press(KEYS.enter);
    const plan = await seePlan(tui, /To accept the suggestion: \d+ changes?/);
    assert.match(plan, /\+ E1000E n -> m {2}asked for/, 'the diff: each change with its reason');
    assert.match(plan, /Hardware suggestions: the fix that accepts them/);
    assert.equal(opened().history.length, steps, 'nothing applied before Enter on the diff');
    assertFits(plan);
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
    const plan = await seePlan(tui, /To accept the 2 suggestions: \d+ changes/);
    assert.match(plan, /\+ WLAN n -> y /);
    await tui.press(KEYS.enter);
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

  it('accepts all with A: the diff first, then one step in which every suggestion holds, as the feature plans it', async () => {
    tui = await renderTui(opened(), undefined, { hardwareSource: { hwFrom: capture('laptop') } });
    await openPane(tui);
    const selection = fixSelection(reports.get('laptop')!.suggestions);
    // The plan the feature (and suggest --apply) makes: its targets, each reachable (the solver's
    // smallest-fix search is bounded in time, so the exact set of changes may differ run to run).
    const planned = await planSuggestionFix(opened(), selection, 'modules');
    assert.deepEqual(planned.impossible, []);
    await tui.press('A');
    await seePlan(tui, new RegExp(`To accept the ${selection.length} suggestions: \\d+ changes`), 120_000);
    assert.equal(opened().history.length, 0, 'the diff first, nothing applied');
    await tui.press(KEYS.enter);
    const frame = await tui.waitFor((text) => new RegExp(`Applied ${selection.length} of ${selection.length} suggestions`).test(text), 'accept all', 120_000);
    assert.deepEqual(opened().history, [`hardware: ${selection.length} suggestions`], 'one step');
    const rank: Record<string, number> = { n: 0, m: 1, y: 2 };
    const missed = planned.targets.filter((target) => (rank[opened().value(target.name) ?? 'n'] ?? 0) < (rank[target.value] ?? 0));
    assert.deepEqual(missed, [], 'every target of the plan holds');
    assertFits(frame);
    await tui.press('u');
    await tui.waitFor((text) => text.includes(`${reports.get('laptop')!.suggestions.length} suggestions`), 'undo restoring the list', 60_000);
    assert.equal(opened().unsavedCount, 0);
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
    assert.match(await seePlan(tui, /To accept the suggestion:/), /\+ INPUT_MISC n -> y /);
    await tui.press(KEYS.enter);
    await tui.waitFor((text) => text.includes('Applied INPUT_PCSPKR') && !listed(text, 'INPUT_PCSPKR'), 'applied', 20_000);
    assert.deepEqual([opened().value('INPUT_PCSPKR'), opened().value('INPUT_MISC')], ['m', 'y']);
    assert.deepEqual(tui.exitCodes, []);
  });
});

/**
 * The seed's Guix workflow: an empty .config (MODULES off) and a recorded machine. Accepting all asks
 * "modules or built in?", m shows the fix as a diff (MODULES on, drivers as modules, promptless ones
 * reached through what they need), Enter applies it as one step, the kernel keeps the saved result.
 */
describe('the hardware pane on Debian 6.12 from an empty .config (modules off), a recorded VM', () => {
  let dir = '';
  let session: Session | undefined;
  let tui: Tui | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-hardware-empty-'));
    await writeFile(join(dir, '.config'), '');
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    tui?.unmount();
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('asks modules or built in, shows the fix as a diff, applies it as one step that olddefconfig keeps, and u undoes it', async () => {
    assert.ok(session);
    assert.equal(session.value('MODULES'), 'n');
    const selection = fixSelection((await computeSuggestions(session, await hardwareInputsFor({ hwFrom: capture('vm') }))).suggestions);
    assert.ok(selection.some((entry) => entry.name === 'USB_XHCI_PCI' && !entry.settable), 'a suggestion without a prompt');
    tui = await renderTui(session, undefined, { hardwareSource: { hwFrom: capture('vm') } });
    const list = await openPane(tui);
    const total = Number(/^(\d+) suggestions /m.exec(list)?.[1]);
    await tui.press('A');
    const question = await tui.waitFor((frame) => frame.includes('Loadable module support is off (CONFIG_MODULES is not set):'), 'the modules question');
    assert.match(question, new RegExp(`accepting the ${selection.length} suggestions would build every driver into the kernel`));
    assertFits(question);
    await tui.press('m');
    const plan = await seePlan(tui, new RegExp(`To accept the ${selection.length} suggestions: \\d+ changes`), 120_000);
    assert.match(flat(plan), /Loadable module support is off: this turns CONFIG_MODULES on and builds the drivers as modules/);
    assert.match(plan, /\+ MODULES n -> y {2}asked for/);
    assert.doesNotMatch(plan, /cannot be had/);
    assert.deepEqual([session.history.length, session.value('MODULES')], [0, 'n'], 'the diff first: nothing changed yet');
    assertFits(plan);
    await tui.press(KEYS.end);
    const end = await tui.waitFor((frame) => /Hardware suggestions: the fix that accepts them +\d+-(\d+)\/\1/.test(frame), 'the end of the diff');
    assertFits(end);
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => new RegExp(`Applied ${selection.length} of ${selection.length} suggestions \\(\\d+ values changed; u undoes it\\)`).test(frame), 'applied', 60_000);
    assert.deepEqual(session.history, [`hardware: ${selection.length} suggestions`], 'one step');
    assert.equal(session.value('MODULES'), 'y');
    assert.ok(['m', 'y'].includes(session.value('USB_XHCI_PCI') ?? 'n'), 'the promptless xHCI driver reached through what it needs');
    const root = selection.find((entry) => entry.rootPath);
    assert.ok(root && session.value(root.name) === 'y', 'the root file system path built in');
    await session.save();
    const saved = await readFile(join(dir, '.config'), 'utf8');
    assert.match(saved, /^CONFIG_MODULES=y$/m);
    assert.ok((saved.match(/=m$/gm) ?? []).length > 10, 'drivers as modules');
    assert.equal(await olddefconfigOf('6.12', dir, saved), saved, 'make olddefconfig keeps the saved config as it is');
    await tui.press('u');
    await tui.waitFor((frame) => frame.includes(`${total} suggestions`) && frame.includes(`Undid hardware: ${selection.length} suggestions`), 'one undo', 60_000);
    assert.deepEqual([session.value('MODULES'), session.history.length], ['n', 0]);
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
    outcome.intent.kind === 'plan-suggestions' ? outcome.intent.suggestions.map((entry) => entry.name) : [];
  const build = (outcome: ReturnType<typeof press>): string | null => (outcome.intent.kind === 'plan-suggestions' ? outcome.intent.build : null);

  it('marks with space (moving on), accepts the marked ones or else the highlighted one: the fix planned, shown first', () => {
    let state = initialHardwarePane();
    const enter = press(state, keyEvent('return'));
    assert.deepEqual([accepted(enter), build(enter), enter.state.page], [['A'], 'modules', 'plan']);
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
    assert.deepEqual([modules.state.page, accepted(modules), build(modules)], ['plan', ['A'], 'modules']);
    const builtIn = press(asked.state, charKey('y'), { modulesOff: true });
    assert.deepEqual([builtIn.state.page, accepted(builtIn), build(builtIn)], ['plan', ['A'], 'builtin']);
    const back = press(asked.state, keyEvent('escape'), { modulesOff: true });
    assert.deepEqual([back.state.page, back.state.pending, back.intent.kind], ['list', [], 'none']);
    const bools = press(initialHardwarePane(), keyEvent('return'), { modulesOff: true, suggestions: [suggestion('B', { type: 'bool', value: 'y' })] });
    assert.deepEqual([accepted(bools), build(bools)], [['B'], 'builtin'], 'no question for what cannot be a module, and MODULES stays off');
  });

  it('on the diff: Enter applies a plan that has changes and was made on these values, Esc goes back, u undoes, arrows scroll', () => {
    const shown = press(initialHardwarePane(), keyEvent('return')).state;
    const ready = { planApplicable: true, planLines: 40, planHeight: 10 };
    const apply = press(shown, keyEvent('return'), ready);
    assert.deepEqual([apply.intent.kind, apply.state.page], ['apply-plan', 'list']);
    assert.equal(press(shown, charKey('a'), ready).intent.kind, 'apply-plan');
    const notYet = press(shown, keyEvent('return'), { ...ready, planApplicable: false });
    assert.deepEqual([notYet.intent.kind, notYet.state.page], ['none', 'plan'], 'still searching, stale or nothing to change');
    assert.equal(press(shown, keyEvent('pagedown'), ready).state.planTop, 10);
    assert.equal(press(shown, keyEvent('end'), ready).state.planTop, 30);
    assert.deepEqual(press(shown, charKey('u'), ready).intent, { kind: 'undo' });
    assert.equal(press(shown, keyEvent('escape'), ready).state.page, 'list');
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
