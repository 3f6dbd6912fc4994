/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import type { SearchResult } from '../../src/features/search/search-result.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { fitPath, resultLines } from '../../src/ui/panes/search/lines.js';
import { initialSearchPane, searchPaneKey, searchPaneLayout, type SearchPaneEnv, type SearchPaneState } from '../../src/ui/panes/search/state.js';
import { textField } from '../../src/ui/text/text-field.js';
import { uiReducer, type UiAction } from '../../src/ui/shell/ui-reducer.js';
import { initialUiState, type UiState, type MenuEnv } from '../../src/ui/shell/ui-state.js';
import { menuRows } from '../../src/model/menu-rows.js';
import { tinyModel } from './support/tiny-model.js';
import { debianConfig, kernelTree } from '../support/kernel-trees.js';
import { cursorLine, demoTuiPerTest, KEYS, renderTui, type Tui } from './support/tui-harness.js';

/** Every frame fits an 80x24 terminal in 23 lines (Ink redraws everything at full height). */
function assertFits(frame: string, columns = 80, rows = 24): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, rows - 1, 'a frame is one line shorter than the terminal');
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > columns),
    [],
    'no line is wider than the terminal',
  );
}

/** The line after the cursor line: the result's menu path. */
function lineAfterCursor(frame: string): string {
  const lines = frame.split('\n');
  return lines[lines.findIndex((line) => line.startsWith('>')) + 1] ?? '';
}

const F1 = '\x1bOP';

const onCursor = (text: string) => (frame: string) => cursorLine(frame).includes(text);

describe('the search pane on the demo tree (real kconfig engine)', () => {
  const start = demoTuiPerTest();

  /** Opens search with `query` typed in the same read as `/`, as a paste or a fast typist sends it. */
  async function search(tui: Tui, query: string): Promise<string> {
    await tui.write(`/${query}`);
    return tui.waitFor((frame) => frame.includes(`Search: ${query}`) && /\d+ match/.test(frame), `results for "${query}"`);
  }

  it('opens from inside a menu, finds as you type, and shows name, value, prompt and menu path', async () => {
    const { tui } = await start();
    await tui.press('P', KEYS.enter);
    await tui.waitFor((frame) => frame.includes(' Processor type and features '), 'the Processor menu');
    await tui.press('j', 'j');
    const menuCursor = cursorLine(tui.frame());

    await tui.press('/');
    const empty = await tui.waitFor((frame) => frame.includes('Search every symbol') && frame.includes('Type what you remember'), 'the empty search');
    assert.match(empty, /Search: +125 symbols/);
    assertFits(empty);
    await tui.press('t');
    await tui.waitFor((frame) => frame.includes('Search: t') && /\d+ matches/.test(frame), 'results after one key');
    await tui.press('u', 'n');
    const frame = await tui.waitFor(onCursor('TUN=n  Universal TUN/TAP device driver support'), 'TUN first for "tun"');
    assert.match(lineAfterCursor(frame), /^ {5}Device Drivers > Network device support > Network core driver support/);
    assert.match(frame, /Search every symbol +1\/\d+/, 'the title counts the results');
    assert.match(frame, /CONFIG_TUN {2}tristate = n {2}drivers\/net\/Kconfig:\d+/, 'the info pane follows the highlighted result');
    assert.match(frame, /NETDEVICES=y {2}Network device support\n +Device Drivers {2}\(in the help text\)/, 'help-text matches say so');
    assert.match(frame.split('\n').at(-1)!, /⏎ show in menu {2}↓ results {2}Esc close/);
    assertFits(frame);

    await tui.press(KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await tui.waitFor((frame) => frame.includes('Type what you remember'), 'an empty query again');
    await tui.press(KEYS.escape);
    await tui.waitFor((frame) => frame.includes(' Processor type and features ') && cursorLine(frame) === menuCursor, 'Esc back where the menu was');
  });

  it('keeps keys typed in the same read as /', async () => {
    const { tui } = await start();
    const frame = await search(tui, 'CONFIG_TUN');
    assert.ok(cursorLine(frame).startsWith('>TUN=n'), 'CONFIG_ is ignored');
  });

  it('toggles and cycles the highlighted result with y, m, n and space; u undoes', async () => {
    const { tui, demo } = await start();
    await search(tui, 'tun');
    await tui.press('m');
    await tui.waitFor((frame) => frame.includes('Search: tunm'), 'm typed into the query while it has the focus');
    await tui.press(KEYS.backspace, KEYS.down);
    await tui.waitFor((frame) => frame.includes('y/m/n set') && onCursor('TUN=n')(frame), 'Down moving to the results');
    await tui.press('m');
    await tui.waitFor((frame) => onCursor('TUN=m  Universal TUN/TAP')(frame) && frame.includes('TUN: n -> m'), 'm setting TUN');
    assert.equal(demo.session.value('TUN'), 'm');
    await tui.press(' ');
    await tui.waitFor(onCursor('TUN=y'), 'space going from m to y');
    await tui.press('n');
    await tui.waitFor(onCursor('TUN=n'), 'n');
    await tui.press('u');
    await tui.waitFor((frame) => onCursor('TUN=y')(frame) && frame.includes('Undid TUN=n'), 'u undoing it');
    assert.equal(demo.session.value('TUN'), 'y');
    assert.match(tui.frame(), /Search: tun /, 'the query stays');
  });

  it('badges a locked result, explains it one key away, and goes back to the results with the query', async () => {
    const { tui, demo } = await start();
    const frame = await search(tui, 'relocatable');
    assert.match(cursorLine(frame), /^>RELOCATABLE=y {2}Build a relocatable kernel +\[forced by select\]$/);
    await tui.waitFor((text) => /Forced to y by select: EFI_STUB && EFI \(y\)/.test(text), 'the reason in the info pane');
    await tui.press(KEYS.down, 'n');
    await tui.waitFor((text) => /! CONFIG_RELOCATABLE=n: forced to y by select/.test(text), 'the engine refusing n');
    assert.equal(demo.session.value('RELOCATABLE'), 'y');

    await tui.press('e');
    const why = await tui.waitFor((text) => text.includes('Why: CONFIG_RELOCATABLE'), 'the why view');
    assert.match(why, /RELOCATABLE is kept at y by select from:/);
    await tui.press(KEYS.escape);
    const back = await tui.waitFor((text) => text.includes('Search: relocatable') && onCursor('RELOCATABLE=y')(text), 'back in the results');
    assert.match(back.split('\n').at(-1)!, /y\/m\/n set/, 'the results keep the focus');

    await tui.press('?');
    await tui.waitFor((text) => text.includes('Help: CONFIG_RELOCATABLE') && text.includes('Symbol: RELOCATABLE [=y]'), 'the help view');
    await tui.press('e');
    await tui.waitFor((text) => text.includes('Why: CONFIG_RELOCATABLE'), 'why, from the help view');
    await tui.press(KEYS.escape);
    await tui.waitFor((text) => text.includes('Search: relocatable') && onCursor('RELOCATABLE=y')(text), 'Esc from why back in the results');
    await tui.press(F1);
    await tui.waitFor((text) => text.includes('Help: CONFIG_RELOCATABLE'), 'F1 opening help');
    await tui.press(KEYS.left);
    await tui.waitFor((text) => text.includes('Search: relocatable') && onCursor('RELOCATABLE=y')(text), 'Left from help back in the results');
  });

  it('asks for the explanations of the locked results on screen once their frame is out: a move onto one needs no request', async () => {
    const { tui, demo } = await start();
    const asked: string[] = [];
    const explain = demo.session.explain.bind(demo.session);
    demo.session.explain = (name: string) => {
      asked.push(name);
      return explain(name);
    };
    const frame = await search(tui, 'support');
    const locked = frame
      .split('\n')
      .filter((line) => /\[hidden\]$/.test(line))
      .map((line) => line.slice(1).split('=')[0]!);
    assert.deepEqual(locked, ['MODULE_DECOMPRESS', 'CPU_SUP_AMD', 'CPU_SUP_INTEL', 'E1000E_HWTS'], 'hidden results on screen');
    await tui.waitFor(() => locked.every((name) => asked.includes(name)), 'the explanations of every hidden result on screen asked for');
    await tui.press(KEYS.down, KEYS.down);
    await tui.waitFor((text) => onCursor('CPU_SUP_AMD=')(text) && /Hidden, needs: /.test(text), 'the reason under the second result');
    assert.equal(asked.filter((name) => name === 'CPU_SUP_AMD').length, 1, 'asked once, ahead of the move');
  });

  it('edits an int in place with the value editor, the results staying above it', async () => {
    const { tui, demo } = await start();
    await search(tui, 'nr_cpus');
    await tui.press(KEYS.down, ' ');
    const editor = await tui.waitFor((frame) => frame.includes('Maximum number of CPUs (CONFIG_NR_CPUS, int'), 'the value editor');
    assert.match(editor, /Search: nr_cpus/);
    assert.match(cursorLine(editor), /^>NR_CPUS=64/);
    assertFits(editor);
    await tui.press(KEYS.ctrlU, '9', '9', '9', KEYS.enter);
    await tui.waitFor((frame) => /out of range, allowed 2\.\.512/.test(frame), 'the engine refusing 999');
    await tui.press(KEYS.ctrlU, '1', '6', KEYS.enter);
    await tui.waitFor((frame) => onCursor('NR_CPUS=16')(frame) && !frame.includes('(CONFIG_NR_CPUS, int'), 'the new value in the results');
    assert.equal(demo.session.value('NR_CPUS'), '16');
    await tui.press(' ', KEYS.escape);
    await tui.waitFor((frame) => frame.includes('Search: nr_cpus') && !frame.includes('(CONFIG_NR_CPUS, int'), 'Esc leaving the editor for the results');
  });

  it('jumps to a hidden result, turning show-all on; / shows the last query, and typing replaces it', async () => {
    const { tui } = await start();
    const frame = await search(tui, 'physical_start');
    assert.match(cursorLine(frame), /^>PHYSICAL_START=0x1000000 {2}Physical address where the kernel is loaded +\[hidden\]$/);
    await tui.press(KEYS.enter);
    const menu = await tui.waitFor(
      (text) => text.includes(' Processor type and features ') && onCursor('Physical address where the kernel is loaded')(text),
      'the entry in its menu',
    );
    assert.match(menu, /\[all\]/, 'show-all is on');
    assert.match(menu, /Show-all is on: CONFIG_PHYSICAL_START is hidden now/);

    await tui.press('/');
    await tui.waitFor((text) => text.includes('Search: physical_start') && onCursor('PHYSICAL_START')(text), 'the last query again');
    await tui.press('t', 'u', 'n');
    await tui.waitFor((text) => text.includes('Search: tun ') && onCursor('TUN=n')(text), 'a new query replacing it');
    await tui.press(KEYS.down, KEYS.enter);
    await tui.waitFor(
      (text) => text.includes('Device Drivers > Network device support') && onCursor('Universal TUN/TAP device driver support')(text),
      'a visible entry in its menu',
    );
    assert.deepEqual(tui.exitCodes, []);
  });

  it('says when a result has no menu line to show', async () => {
    const { tui, demo } = await start();
    const promptless = demo.session.model.symbols.find((symbol) => symbol.prompt === null && /^[A-Z0-9_]+$/.test(symbol.name));
    assert.ok(promptless, 'the demo tree has a symbol without a prompt');
    await search(tui, promptless.name.toLowerCase());
    await tui.waitFor(onCursor(`${promptless.name}=`), 'the promptless symbol first');
    assert.match(cursorLine(tui.frame()), /\[no prompt\]$/);
    await tui.press(KEYS.enter);
    await tui.waitFor((frame) => frame.includes(`CONFIG_${promptless.name} has no prompt, so no menu line`), 'the message');
    assert.match(tui.frame(), /Search every symbol/, 'still in the search');
  });
});

describe('going back to a pane', () => {
  const { model, config } = tinyModel();
  const env: MenuEnv = {
    model,
    rowsOf: (frame, showAll) => menuRows(model, config, frame.menu, { showAll }),
    listHeight: 10,
  };
  const run = (actions: UiAction[], start: UiState = initialUiState()): UiState => actions.reduce((state, action) => uiReducer(state, action, env), start);
  const help = { kind: 'help', node: 3, text: null, top: 0, expanded: false } as const;

  it('closes help, why and the value editor opened from a pane back into the pane', () => {
    for (const pane of ['search', 'hardware'] as const) {
      const fromPane = run([
        { type: 'open', pane: { kind: pane } },
        { type: 'open', pane: help },
      ]);
      assert.deepEqual(fromPane.returnTo, { kind: pane });
      assert.deepEqual(run([{ type: 'close' }], fromPane).pane, { kind: pane });
      const why = run([{ type: 'open', pane: { kind: 'why', node: 3, top: 0, cursor: 0 } }], fromPane);
      assert.deepEqual(run([{ type: 'close' }], why).pane, { kind: pane }, 'why opened from that help page too');
    }
    const editor = run([
      { type: 'open', pane: { kind: 'search' } },
      { type: 'open', pane: { kind: 'editor', node: 9, field: textField('1'), error: null } },
    ]);
    assert.deepEqual(run([{ type: 'field-error', error: 'bad' }, { type: 'close' }], editor).pane, { kind: 'search' });
    const changes = { kind: 'changes', cursor: 3, top: 1, unfolded: ['0:SMP=n'] } as const;
    const whyFromChanges = run([
      { type: 'open', pane: changes },
      { type: 'open', pane: { kind: 'why', node: 3, top: 0, cursor: 0 } },
    ]);
    assert.deepEqual(run([{ type: 'close' }], whyFromChanges).pane, changes, 'the changes pane comes back as it was');
  });

  it('closes them into the menu when the menu opened them, and a jump leaves the pane for good', () => {
    const fromMenu = run([{ type: 'open', pane: help }]);
    assert.equal(fromMenu.returnTo, null);
    assert.deepEqual(run([{ type: 'close' }], fromMenu).pane, { kind: 'menu' });
    const jumped = run([
      { type: 'open', pane: { kind: 'search' } },
      { type: 'jump', node: 4 },
    ]);
    assert.deepEqual([jumped.pane.kind, jumped.returnTo, jumped.showAll], ['menu', null, true], 'Bee two is hidden: show-all turns on');
    assert.deepEqual(run([{ type: 'open', pane: { kind: 'search' } }, { type: 'close' }]).pane, { kind: 'menu' });
  });
});

describe('searchPaneKey', () => {
  const result = (name: string, overrides: Partial<SearchResult> = {}): SearchResult => ({
    symbol: 1,
    node: 5,
    name,
    prompt: `${name} prompt`,
    type: 'tristate',
    value: 'n',
    path: ['Device Drivers'],
    visible: true,
    changeable: true,
    lock: null,
    match: 'name',
    ...overrides,
  });
  const env = (results: SearchResult[], perPage = 3): SearchPaneEnv => ({ results, total: results.length, perPage });
  const press = (state: SearchPaneState, key: Parameters<typeof searchPaneKey>[1], results = [result('A'), result('B'), result('C'), result('D')]) =>
    searchPaneKey(state, key, env(results));

  it('types into the query, resets the cursor, and keeps y/m/n for the results', () => {
    let state: SearchPaneState = { ...initialSearchPane(), cursor: 2, top: 1 };
    const typed = press(state, charKey('y'));
    assert.deepEqual([typed.state.field.text, typed.state.cursor, typed.state.top, typed.intent.kind], ['y', 0, 0, 'none']);
    state = press(typed.state, keyEvent('down')).state;
    assert.equal(state.focus, 'results');
    assert.deepEqual(press(state, charKey('y')).intent, { kind: 'set', node: 5, value: 'y' });
    assert.equal(press(state, charKey('y')).state.field.text, 'y', 'y did not reach the query');
    assert.deepEqual(press(state, charKey(' ')).intent, { kind: 'cycle', node: 5 });
    assert.deepEqual(press(state, charKey(' '), [result('N', { type: 'int', value: '4' })]).intent, { kind: 'edit', node: 5 });
    assert.equal(press(state, charKey('x')).state.field.text, 'y', 'other letters do not type into the query either');
  });

  it('moves within the results and back to the query from the first one', () => {
    let state: SearchPaneState = { ...initialSearchPane(), field: textField('a'), focus: 'results' };
    state = press(state, keyEvent('pagedown')).state;
    assert.deepEqual([state.cursor, state.top], [3, 1]);
    state = press(state, charKey('g')).state;
    assert.equal(state.cursor, 0);
    state = press(state, keyEvent('up')).state;
    assert.equal(state.focus, 'query');
    const back = press({ ...state, focus: 'results' }, keyEvent('backspace')).state;
    assert.deepEqual([back.focus, back.field.text], ['query', '']);
  });

  it('leaves with the query kept; the next typed key replaces it, an arrow keeps it', () => {
    const state: SearchPaneState = { ...initialSearchPane(), field: textField('e1000e'), focus: 'results' };
    const jumped = press(state, keyEvent('return'));
    assert.deepEqual(jumped.intent, { kind: 'ui', action: { type: 'jump', node: 5 } });
    assert.deepEqual([jumped.state.focus, jumped.state.replace, jumped.state.field.text], ['query', true, 'e1000e']);
    assert.equal(press(jumped.state, charKey('x')).state.field.text, 'x');
    assert.equal(press(jumped.state, keyEvent('backspace')).state.field.text, '');
    const kept = press(jumped.state, keyEvent('left')).state;
    assert.deepEqual([kept.field.text, kept.replace], ['e1000e', false]);
    assert.deepEqual(press(state, keyEvent('escape-escape')).intent, { kind: 'ui', action: { type: 'close' } });
    assert.deepEqual(press({ ...state, focus: 'query' }, keyEvent('escape')).intent, { kind: 'ui', action: { type: 'close' } });
    assert.equal(press(state, keyEvent('escape')).state.focus, 'query', 'Esc in the results goes back to the query first');
  });

  it('explains instead of acting where a result has no menu line', () => {
    const state: SearchPaneState = { ...initialSearchPane(), focus: 'results' };
    const promptless = [result('SEL', { prompt: null, lock: 'no-prompt' })];
    const jump = press(state, keyEvent('return'), promptless).intent;
    assert.equal(jump.kind === 'ui' && jump.action.type === 'message' && jump.action.message?.tone, 'error');
    const orphan = [result('ORPHAN', { node: -1 })];
    const help = press(state, charKey('?'), orphan).intent;
    assert.match(help.kind === 'ui' && help.action.type === 'message' ? (help.action.message?.text ?? '') : '', /CONFIG_ORPHAN has no menu entry/);
    assert.equal(press(state, charKey('m'), [result('S', { type: 'string', value: 'x' })]).intent.kind, 'ui', 'm on a string says how to edit it');
  });

  it('lays out two lines per result and fits each to the width', () => {
    assert.deepEqual(searchPaneLayout(18), { perPage: 6, listRows: 12, info: 5 });
    assert.deepEqual(searchPaneLayout(12), { perPage: 5, listRows: 11, info: 0 });
    const [first, second] = resultLines(
      result('E1000E', {
        prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
        value: 'm',
        lock: 'depends',
        path: ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices'],
      }),
      60,
    );
    assert.equal(Array.from(first).length, 60);
    assert.equal(first, 'E1000E=m  Intel(R) PRO/1000 PCI-Express Gigabit Et… [hidden]');
    assert.equal(second, '    Device Drivers > … > Intel devices'.padEnd(60), 'a long path keeps its outermost and innermost menus');
    const path = ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices'];
    assert.equal(fitPath(path, 100), path.join(' > '));
    assert.equal(fitPath(path, 75), 'Device Drivers > … > Ethernet driver support > Intel devices');
    assert.equal(fitPath(path, 30), '… > Intel devices');
  });
});

/** Debian's 6.12 tree with Debian's amd64 config: 17,704 symbols. */
describe('the search pane on the full x86_64 tree (Debian 6.12)', () => {
  let dir = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-search-'));
    await writeFile(join(dir, '.config'), debianConfig('6.12'));
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const opened = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };

  async function openSearch(tui: Tui): Promise<void> {
    await tui.press('/');
    await tui.waitFor((frame) => /Search: +17,\d{3} symbols/.test(frame), 'the index built after the first frame', 20_000);
  }

  /** Types `query` one key at a time, as a person does, each key to its frame of results (their speed is bench/'s). */
  async function typeQuery(tui: Tui, query: string): Promise<string> {
    for (let length = 1; length <= query.length; length++) {
      const shown = `Search: ${query.slice(0, length)}`;
      await tui.arrive(query[length - 1]!);
      await tui.waitFor((frame) => frame.includes(shown) && /\d+ match|no match/.test(frame), `the results for "${query.slice(0, length)}"`);
    }
    return tui.frame();
  }

  it('puts the intended symbol first for queries of every kind, a frame per key at 80x24', async () => {
    const tui = await renderTui(opened());
    try {
      await openSearch(tui);
      const queries: [query: string, first: string][] = [
        ['CONFIG_E1000E', 'E1000E'],
        ['intel pro/1000 pcie', 'E1000E'],
        ['realtek 8169', 'R8169'],
        ['tune2fs', 'EXT4_FS'],
        ['wiregaurd', 'WIREGUARD'],
        ['tdx host', 'INTEL_TDX_HOST'],
      ];
      for (const [query, first] of queries) {
        const frame = await typeQuery(tui, query);
        assert.ok(cursorLine(frame).startsWith(`>${first}=`), `"${query}" puts ${first} first:\n${frame}`);
        assertFits(frame);
        await tui.press(KEYS.ctrlU);
        await tui.waitFor((text) => text.includes('Type what you remember'), 'the query cleared');
      }
    } finally {
      tui.unmount();
    }
  });

  it('toggles a result in place: E1000E from m to n, and u puts it back', async () => {
    const tui = await renderTui(opened());
    try {
      await openSearch(tui);
      await typeQuery(tui, 'e1000e');
      await tui.waitFor(onCursor('E1000E=m  Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support'), 'E1000E first, as m');
      assert.match(lineAfterCursor(tui.frame()), /^ {5}Device Drivers > … > Ethernet driver support > Intel devices\s*$/);
      await tui.press(KEYS.down, 'n');
      await tui.waitFor((frame) => onCursor('E1000E=n')(frame) && frame.includes('E1000E: m -> n'), 'n from the results');
      assert.equal(opened().value('E1000E'), 'n');
      await tui.press('u');
      await tui.waitFor(onCursor('E1000E=m'), 'undo');
      assert.equal(opened().value('E1000E'), 'm');
      assert.equal(opened().unsavedCount, 0);
    } finally {
      tui.unmount();
    }
  });

  it('jumps to a hidden symbol with show-all turned on', async () => {
    const info = opened().symbol('INTEL_TDX_HOST');
    assert.ok(info);
    assert.equal(opened().state.symbols[info.index]?.visible, 'n', "TDX host support is hidden with Debian's config (it needs !KEXEC_CORE)");
    const tui = await renderTui(opened());
    try {
      await openSearch(tui);
      const frame = await typeQuery(tui, 'intel_tdx_host');
      assert.match(cursorLine(frame), /^>INTEL_TDX_HOST=n {2}Intel Trust Domain Extensions \(TDX\) host support +\[hidden\]$/);
      await tui.waitFor((text) => /Hidden, needs: .*KEXEC_CORE/.test(text), 'what it needs, in the info pane');
      await tui.press(KEYS.enter);
      const menu = await tui.waitFor(
        (text) => / Processor type and features +\d+\/\d+/.test(text) && onCursor('Intel Trust Domain Extensions (TDX) host support')(text),
        'the hidden entry in its menu',
      );
      assert.match(menu, /\[all\]/);
      assert.match(menu, /Show-all is on: CONFIG_INTEL_TDX_HOST is hidden now/);
      assertFits(menu);
    } finally {
      tui.unmount();
    }
  });

  it('goes back from help to the results with the query and the highlighted result intact', async () => {
    const tui = await renderTui(opened());
    try {
      await openSearch(tui);
      await typeQuery(tui, 'ext4 filesytem');
      await tui.waitFor(onCursor('EXT4_FS='), 'EXT4_FS first despite the typo');
      await tui.press(KEYS.down, KEYS.down, KEYS.up);
      const before = cursorLine(tui.frame());
      await tui.press('?');
      await tui.waitFor((frame) => frame.includes('Help: CONFIG_EXT4_FS'), 'the help view');
      await tui.press(KEYS.escape);
      const back = await tui.waitFor((frame) => frame.includes('Search: ext4 filesytem') && cursorLine(frame) === before, 'the results as they were');
      assertFits(back);
      await tui.press(KEYS.escape, KEYS.escape);
      await tui.waitFor((frame) => frame.includes('Kernel Configuration') && !frame.includes('Search:'), 'Esc to the query, Esc closing');
    } finally {
      tui.unmount();
    }
  });
});
