import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { dialogKey } from '../../../src/ui/panes/dialogs/state.js';
import { helpKey, type HelpState, pagePosition } from '../../../src/ui/panes/help/state.js';
import { selectedReason, whyKey, type WhyState } from '../../../src/ui/panes/why/state.js';
import { textField } from '../../../src/ui/text/text-field.js';

describe("the help pane's keys", () => {
  const help: HelpState = { kind: 'help', node: 1, text: 'help', top: 0, expanded: false };
  const env = { lines: 25, height: 10 };

  it('scrolls within its lines, folds and unfolds, and opens why', () => {
    const last = helpKey(help, charKey('G'), env).state;
    assert.equal(last.top, 15);
    const up = helpKey(last, keyEvent('up'), env).state;
    assert.equal(up.top, 14);
    assert.equal(helpKey(up, charKey('f'), env).state.expanded, true);
    assert.equal(helpKey(help, charKey(' '), env).state.top, 10, 'space pages down');
    assert.equal(helpKey(help, keyEvent('up'), env).state, help, 'nothing above the first line');
    assert.deepEqual(helpKey(help, charKey('e'), env).intent, { kind: 'why', node: 1 });
    assert.deepEqual(helpKey(help, keyEvent('escape'), env).intent, { kind: 'ui', action: { type: 'close' } });
    assert.equal(pagePosition(14, 25, 10), '15-24/25');
    assert.equal(pagePosition(0, 8, 10), '', 'a page that fits says nothing');
  });
});

describe("the why pane's keys", () => {
  const why: WhyState = { kind: 'why', node: 7, top: 0, cursor: 0 };
  const reasons = [
    { line: 2, symbol: 'EFI_STUB' },
    { line: 3, symbol: 'EFI' },
    { line: 15, symbol: 'PCI' },
  ];
  const env = { lines: 20, height: 10, reasons, nodeOf: (name: string) => (name === 'PCI' ? -1 : 40) };

  it('moves from reason to reason, the page following the one under the cursor', () => {
    const second = whyKey(why, keyEvent('down'), env).state;
    assert.equal(selectedReason(second, env), 1);
    const third = whyKey(second, charKey('j'), env).state;
    assert.deepEqual([third.cursor, third.top], [2, 6], 'the page scrolled to show line 15');
    assert.equal(whyKey(third, keyEvent('down'), env).state.cursor, 2, 'the last reason stays');
    assert.equal(whyKey(third, keyEvent('pageup'), env).state.top, 0, 'pages scroll the page');
  });

  it('shows the symbol of the reason in its menu (Enter) or explains it (e)', () => {
    assert.deepEqual(whyKey(why, keyEvent('return'), env).intent, { kind: 'show-symbol', name: 'EFI_STUB' });
    assert.deepEqual(whyKey(why, charKey('e'), env).intent, { kind: 'why', node: 40 });
    const onPci = { ...why, cursor: 2 };
    assert.deepEqual(whyKey(onPci, charKey('e'), env).intent, {
      kind: 'ui',
      action: { type: 'message', message: { text: 'PCI has no menu entry', tone: 'error' } },
    });
  });

  it('without reasons to follow, scrolls and closes on any other key, as before', () => {
    const plain = { ...env, reasons: [] };
    assert.equal(whyKey(why, keyEvent('down'), plain).state.top, 1);
    assert.deepEqual(whyKey(why, keyEvent('return'), plain).intent, { kind: 'ui', action: { type: 'close' } });
    assert.deepEqual(whyKey(why, charKey('x'), plain).intent, { kind: 'ui', action: { type: 'close' } });
    assert.deepEqual(whyKey(why, charKey('c', { ctrl: true }), plain).intent, { kind: 'quit' });
  });
});

describe("the dialogs' keys", () => {
  const env = { lines: 30, height: 10 };

  it('the quit dialog: moves between its buttons, answers with Enter, y, n and Esc', () => {
    const quit = { kind: 'quit', choice: 'save' } as const;
    const next = dialogKey(quit, keyEvent('right'), env).state;
    assert.deepEqual(next, { kind: 'quit', choice: 'discard' });
    assert.deepEqual(dialogKey(quit, keyEvent('left'), env).state, { kind: 'quit', choice: 'cancel' }, 'round the end');
    assert.deepEqual(dialogKey(next, keyEvent('return'), env).intent, { kind: 'quit-answer', choice: 'discard' });
    assert.deepEqual(dialogKey(quit, charKey('y'), env).intent, { kind: 'quit-answer', choice: 'save' });
    assert.deepEqual(dialogKey(quit, charKey('c', { ctrl: true }), env).intent, { kind: 'quit-answer', choice: 'discard' }, 'a second Ctrl+C leaves');
    assert.deepEqual(dialogKey(quit, keyEvent('escape'), env).intent, { kind: 'quit-answer', choice: 'cancel' });
  });

  it('overwrite: y forces the save, r reloads and applies again, n and Enter keep the file', () => {
    const overwrite = { kind: 'overwrite', path: '/x/.config', thenQuit: true } as const;
    assert.deepEqual(dialogKey(overwrite, charKey('y'), env).intent, { kind: 'save', force: true, thenQuit: true });
    assert.deepEqual(dialogKey(overwrite, charKey('r'), env).intent, { kind: 'reload-reapply', thenQuit: true });
    assert.deepEqual(dialogKey(overwrite, keyEvent('return'), env).intent, { kind: 'ui', action: { type: 'close' } });
  });

  it('the value editor: Enter commits, Esc cancels, every other key edits the field', () => {
    const editor = { kind: 'editor', node: 3, field: textField('64'), error: null } as const;
    assert.deepEqual(dialogKey(editor, keyEvent('return'), env).intent, { kind: 'commit-field' });
    assert.deepEqual(dialogKey(editor, keyEvent('escape'), env).intent, { kind: 'ui', action: { type: 'close' } });
    assert.deepEqual(dialogKey(editor, charKey('u', { ctrl: true }), env).intent, { kind: 'field-key', key: charKey('u', { ctrl: true }) });
    assert.deepEqual(dialogKey(editor, charKey('q'), env).intent, { kind: 'field-key', key: charKey('q') }, 'q types, it does not quit');
  });

  it('the draft offer: scrolls, restores on r or Enter, discards on d, keeps it on Esc', () => {
    const offer = { kind: 'restore', offer: {} as never, top: 0 } as const;
    assert.equal(dialogKey(offer, charKey('G'), env).state.kind === 'restore' && (dialogKey(offer, charKey('G'), env).state as typeof offer).top, 20);
    assert.deepEqual(dialogKey(offer, keyEvent('return'), env).intent, { kind: 'restore-draft' });
    assert.deepEqual(dialogKey(offer, charKey('d'), env).intent, { kind: 'discard-draft' });
    assert.deepEqual(dialogKey(offer, keyEvent('escape'), env).intent, { kind: 'keep-draft' });
  });
});
