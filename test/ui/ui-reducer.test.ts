import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choiceRows, menuRows } from '../../src/model/menu-rows.js';
import { screensTo, settleFrame, uiReducer, type UiAction } from '../../src/ui/shell/ui-reducer.js';
import { visibleTop } from '../../src/ui/shell/scroll.js';
import { currentFrame, initialUiState, type MenuFrame, type UiState, type MenuEnv } from '../../src/ui/shell/ui-state.js';
import { tinyModel } from './support/tiny-model.js';

const { model, config } = tinyModel();

function env(overrides: Partial<MenuEnv> = {}): MenuEnv {
  return {
    model,
    rowsOf: (frame: MenuFrame, showAll: boolean) =>
      model.nodes[frame.menu]?.kind === 'choice' ? choiceRows(model, config, frame.menu) : menuRows(model, config, frame.menu, { showAll }),
    listHeight: 10,
    ...overrides,
  };
}

function run(actions: UiAction[], start: UiState = initialUiState(), viewEnv: MenuEnv = env()): UiState {
  return actions.reduce((state, action) => uiReducer(state, action, viewEnv), start);
}

const cursorNode = (state: UiState): number => {
  const frame = currentFrame(state);
  return env().rowsOf(frame, state.showAll)[frame.cursor]?.node ?? -1;
};

describe('uiReducer: moving in a menu', () => {
  it('moves by one, clamps at both ends and keeps the cursor on screen', () => {
    let state = run([{ type: 'move', delta: 1 }, { type: 'move', delta: 1 }]);
    assert.equal(currentFrame(state).cursor, 2);
    state = run([{ type: 'move', delta: -5 }], state);
    assert.equal(currentFrame(state).cursor, 0);
    state = run([{ type: 'edge', edge: 'last' }], state);
    const rows = env().rowsOf(currentFrame(state), false).length;
    assert.equal(currentFrame(state).cursor, rows - 1);
    assert.equal(currentFrame(state).top, rows - 10, 'the last row is at the bottom of the screen');
    state = run([{ type: 'move', delta: 1 }], state);
    assert.equal(currentFrame(state).cursor, rows - 1);
    state = run([{ type: 'edge', edge: 'first' }], state);
    assert.deepEqual([currentFrame(state).cursor, currentFrame(state).top], [0, 0]);
  });

  it('pages by a screen and by half a screen, scrolling with the cursor', () => {
    let state = run([{ type: 'page', direction: 1, half: false }]);
    assert.deepEqual([currentFrame(state).cursor, currentFrame(state).top], [10, 10]);
    state = run([{ type: 'page', direction: -1, half: true }], state);
    assert.deepEqual([currentFrame(state).cursor, currentFrame(state).top], [5, 5]);
  });

  it('jumps to the next entry starting with a letter, wrapping around', () => {
    let state = run([{ type: 'hotkey', letter: 'i' }]);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Item 10');
    state = run([{ type: 'hotkey', letter: 'I' }], state);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Item 11');
    state = run([{ type: 'hotkey', letter: 'a' }], state);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Alpha');
    const unchanged = run([{ type: 'hotkey', letter: 'z' }], state);
    assert.equal(unchanged, state, 'no entry starts with z');
  });
});

describe('uiReducer: menus', () => {
  it('enters a menu and goes back to the same row', () => {
    let state = run([{ type: 'move', delta: 1 }, { type: 'enter', config }]);
    assert.equal(state.stack.length, 2);
    assert.equal(currentFrame(state).menu, 2);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Bee one');
    state = run([{ type: 'back' }], state);
    assert.equal(state.stack.length, 1);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Bravo menu');
    assert.equal(run([{ type: 'back' }], state), state, 'back at the top does nothing (the controller quits)');
  });

  it('opens a choice with the cursor on its selected member', () => {
    const state = run([{ type: 'move', delta: 2 }, { type: 'enter', config }]);
    assert.equal(currentFrame(state).menu, 5);
    assert.equal(model.nodes[cursorNode(state)]?.prompt, 'Cee two');
  });

  it('enters a menuconfig entry, whose screen starts with its own line', () => {
    const state = run([{ type: 'move', delta: 3 }, { type: 'enter', config }]);
    const rows = env().rowsOf(currentFrame(state), false);
    assert.equal(currentFrame(state).menu, 8);
    assert.deepEqual(rows.map((row) => [row.node, row.header]), [[8, true], [9, false]]);
  });

  it('does not enter plain symbols', () => {
    const state = initialUiState();
    assert.equal(run([{ type: 'enter', config }], state), state);
  });

  it('shows hidden entries only in show-all mode, and keeps the cursor on its entry when rows change', () => {
    let state = run([{ type: 'move', delta: 1 }, { type: 'enter', config }]);
    assert.equal(env().rowsOf(currentFrame(state), state.showAll).length, 1);
    state = run([{ type: 'toggle', flag: 'showAll' }], state);
    const rows = env().rowsOf(currentFrame(state), state.showAll);
    assert.deepEqual(rows.map((row) => [row.node, row.hidden]), [[3, false], [4, true]]);
    assert.equal(cursorNode(state), 3);
  });

  it('jumps to a node through its menus, turning show-all on for a hidden one', () => {
    let state = run([{ type: 'jump', node: 9 }]);
    assert.deepEqual(state.stack.map((frame) => frame.menu), [0, 8]);
    assert.equal(cursorNode(state), 9);
    assert.equal(model.nodes[state.stack[0]!.node]?.prompt, 'Delta', 'the parent screen points at the way in');
    state = run([{ type: 'jump', node: 4 }]);
    assert.equal(state.showAll, true);
    assert.deepEqual(state.stack.map((frame) => frame.menu), [0, 2]);
    assert.equal(cursorNode(state), 4);
    assert.deepEqual(screensTo(env(), 6), [0, 5]);
  });
});

describe('uiReducer: Esc, panes and fields', () => {
  it('arms on one Esc and disarms on any other key', () => {
    let state = run([{ type: 'arm-escape' }]);
    assert.equal(state.escArmed, true);
    state = run([{ type: 'move', delta: 1 }], state);
    assert.equal(state.escArmed, false);
  });

  it('keeps late help of another node out of the open help page, and closes pages to the menu', () => {
    let state = run([{ type: 'open', pane: { kind: 'help', node: 1, text: null, top: 0, expanded: false } }]);
    state = run([{ type: 'help-loaded', node: 1, text: 'help' }], state);
    assert.equal(state.pane.kind === 'help' && state.pane.text, 'help');
    assert.equal(run([{ type: 'help-loaded', node: 2, text: 'other' }], state), state, 'late help of another node is dropped');
    const changes = run([{ type: 'open', pane: { kind: 'changes', cursor: 0, top: 0, unfolded: [] } }]);
    assert.equal(run([{ type: 'close' }], changes).pane.kind, 'menu');
  });

  it('takes a pane\'s new state only while that pane is open', () => {
    const help = { kind: 'help', node: 1, text: 'help', top: 0, expanded: false } as const;
    const state = run([{ type: 'open', pane: help }]);
    assert.deepEqual(run([{ type: 'update', pane: { ...help, top: 3 } }], state).pane, { ...help, top: 3 });
    assert.equal(run([{ type: 'update', pane: { kind: 'why', node: 1, top: 0, cursor: 0 } }], state), state, 'a late update of another pane is dropped');
  });

  it('keeps field edits and errors on the open editor only', () => {
    let state = run([{ type: 'open', pane: { kind: 'editor', node: 9, field: { text: '4', caret: 1 }, error: null } }]);
    state = run([{ type: 'field', field: { text: '4x', caret: 2 }, error: 'not a valid int' }], state);
    assert.deepEqual(state.pane, { kind: 'editor', node: 9, field: { text: '4x', caret: 2 }, error: 'not a valid int' });
    const closed = run([{ type: 'close' }], state);
    assert.equal(run([{ type: 'field-error', error: 'x' }], closed), closed);
  });
});

describe('settleFrame and visibleTop', () => {
  it('follows the cursor node when rows above it disappear', () => {
    const rows = menuRows(model, config, 0);
    const frame: MenuFrame = { menu: 0, cursor: 5, node: rows[5]!.node, top: 0 };
    const fewer = rows.filter((_, index) => index !== 1);
    const settled = settleFrame(frame, fewer, 10);
    assert.equal(settled.cursor, 4);
    assert.equal(settled.node, rows[5]!.node);
    assert.equal(settleFrame(settled, fewer, 10), settled, 'a settled frame is returned as is');
  });

  it('clamps when the cursor node is gone', () => {
    const rows = menuRows(model, config, 0);
    const frame: MenuFrame = { menu: 0, cursor: 33, node: 39, top: 24 };
    const settled = settleFrame(frame, rows.slice(0, 20), 10);
    assert.deepEqual([settled.cursor, settled.top], [19, 10]);
  });

  it('keeps the top as close as allowed to the wanted one', () => {
    assert.equal(visibleTop(0, 15, 10, 40), 6);
    assert.equal(visibleTop(20, 15, 10, 40), 15);
    assert.equal(visibleTop(12, 15, 10, 40), 12);
    assert.equal(visibleTop(35, 39, 10, 40), 30);
  });
});
