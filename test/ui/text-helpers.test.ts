import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { describe, it } from 'node:test';
import type { Explanation, SymbolInfo, SymbolState } from '../../src/model/types.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { FOLD_AT, FOLDED_SHOWN, hasFoldableList, helpDocument } from '../../src/ui/panes/help/help-document.js';
import { markLine } from '../../src/ui/text/expression-text.js';
import { menuKey } from '../../src/ui/panes/menu/state.js';
import { formatRow } from '../../src/ui/panes/menu/lines.js';
import { layoutFor } from '../../src/ui/shell/layout.js';
import { fit, fitLeft } from '../../src/ui/text/fit.js';
import { describeChanges } from '../../src/ui/intents/messages.js';
import { expandPath } from '../../src/ui/intents/file-intents.js';
import { nextValue } from '../../src/ui/intents/value-intents.js';
import { lineText, wrapLine } from '../../src/ui/text/styled-text.js';
import { editField, textField } from '../../src/ui/text/text-field.js';
import { initialUiState } from '../../src/ui/shell/ui-state.js';
import { formatProblem, rangeProblem, unconditionalRange } from '../../src/ui/panes/dialogs/value-check.js';
import { needsExplanation, whyLines, whySummary } from '../../src/ui/text/why-text.js';
import { tinyModel } from './support/tiny-model.js';

const selectorLines = (count: number, value: string): string[] =>
  Array.from({ length: count }, (_, index) => `  - DRIVER_${index} [=${value}] && I2C [=y]`);

const helpText = [
  'There is no help available for this option.',
  'Symbol: REGMAP_I2C [=y]',
  'Type  : tristate',
  'Defined at drivers/base/regmap/Kconfig:39',
  '  Depends on: I2C [=y]',
  'Selected by [y]:',
  ...selectorLines(2, 'y'),
  'Selected by [n]:',
  ...selectorLines(480, 'n'),
  '',
].join('\n');

describe('helpDocument', () => {
  it('folds long select lists and unfolds them on request', () => {
    const folded = helpDocument(helpText, false).map(lineText);
    assert.ok(folded.includes('Selected by [y]:  2 active'));
    assert.ok(folded.includes('Selected by [n]:  480 inactive'));
    assert.equal(folded.filter((line) => line.startsWith('  - DRIVER_')).length, 2 + FOLDED_SHOWN);
    assert.ok(folded.includes(`  ... ${480 - FOLDED_SHOWN} more (f or Enter shows them all)`));
    const expanded = helpDocument(helpText, true).map(lineText);
    assert.equal(expanded.filter((line) => line.startsWith('  - DRIVER_')).length, 482);
    assert.ok(hasFoldableList(helpText));
    assert.equal(hasFoldableList(['Selected by [y]:', ...selectorLines(FOLD_AT, 'y')].join('\n')), false);
  });

  it('marks terms true now (y or m) and false (n), and labels in bold', () => {
    const line = markLine('  Depends on: NETDEVICES [=y] && PCI [=n] && CC [=gcc] && FOO [=m]');
    assert.deepEqual(
      line.map((segment) => [segment.text, segment.tone]),
      [
        ['  Depends on:', 'heading'],
        [' ', 'plain'],
        ['NETDEVICES [=y]', 'true'],
        [' && ', 'plain'],
        ['PCI [=n]', 'false'],
        [' && ', 'plain'],
        ['CC [=gcc]', 'plain'],
        [' && ', 'plain'],
        ['FOO [=m]', 'true'],
      ],
    );
  });
});

describe('wrapLine', () => {
  it('wraps words across segments with a hanging indent and keeps every piece', () => {
    const line = markLine('  Depends on: ALPHA [=y] && BRAVO [=n] && CHARLIE [=y] && DELTA [=y]');
    const wrapped = wrapLine(line, 30);
    assert.ok(wrapped.every((piece) => lineText(piece).length <= 30));
    assert.ok(wrapped.length > 1);
    assert.match(lineText(wrapped[1]!), /^ {4}\S/);
    assert.equal(wrapped.map(lineText).join(' ').replace(/\s+/g, ' ').trim(), lineText(line).replace(/\s+/g, ' ').trim());
    assert.ok(wrapped.flat().some((segment) => segment.text.includes('BRAVO') && segment.tone === 'false'));
  });

  it('cuts a word longer than the width', () => {
    const wrapped = wrapLine([{ text: 'x'.repeat(25), tone: 'plain' }], 10, false);
    assert.deepEqual(wrapped.map(lineText), ['xxxxxxxxxx', 'xxxxxxxxxx', 'xxxxx']);
  });
});

describe('value checks', () => {
  it('checks int and hex formats the way kconfig does', () => {
    assert.equal(formatProblem('int', '64'), null);
    assert.equal(formatProblem('int', '-1'), null);
    assert.notEqual(formatProblem('int', '064'), null, 'no leading zeros');
    assert.notEqual(formatProblem('int', '6x'), null);
    assert.equal(formatProblem('hex', '0x1000'), null);
    assert.equal(formatProblem('hex', 'ff'), null);
    assert.notEqual(formatProblem('hex', '0xg'), null);
    assert.equal(formatProblem('string', 'anything'), null);
  });

  it('resolves an unconditional range, leaves conditional ones to the engine', () => {
    const base = tinyModel().model.symbols[0]!;
    const info: SymbolInfo = { ...base, type: 'int', ranges: [{ name: '[2 MAX]', condition: '' }] };
    const range = unconditionalRange(info, (name) => (name === 'MAX' ? '512' : undefined));
    assert.deepEqual(range && [range.low, range.high], [2n, 512n]);
    assert.equal(rangeProblem('int', '999', range), 'out of range: must be between 2 and 512');
    assert.equal(rangeProblem('int', '16', range), null);
    assert.equal(unconditionalRange({ ...info, ranges: [{ name: '[2 512]', condition: 'SMP' }] }, () => undefined), null);
    const hex: SymbolInfo = { ...info, type: 'hex', ranges: [{ name: '[0x2000 0x1000000]', condition: '' }] };
    assert.equal(rangeProblem('hex', '0x1000', unconditionalRange(hex, () => undefined)), 'out of range: must be between 0x2000 and 0x1000000');
  });
});

describe('editField', () => {
  it('edits like readline', () => {
    let field = textField('abc');
    field = editField(field, keyEvent('left'))!;
    field = editField(field, charKey('X'))!;
    assert.deepEqual(field, { text: 'abXc', caret: 3 });
    field = editField(field, keyEvent('backspace'))!;
    field = editField(field, keyEvent('delete'))!;
    assert.deepEqual(field, { text: 'ab', caret: 2 });
    field = editField(textField('one two'), charKey('w', { ctrl: true }))!;
    assert.deepEqual(field, { text: 'one ', caret: 4 });
    assert.deepEqual(editField(textField('abc'), charKey('u', { ctrl: true })), { text: '', caret: 0 });
    assert.equal(editField(field, keyEvent('return')), null, 'Enter is a command, not an edit');
  });
});

describe('why lines', () => {
  const info = tinyModel().model.symbols[0]!;
  const state: SymbolState = { value: 'y', visible: 'y', selectedTo: 'y', allowed: ['y'], changeable: false, hasValue: true };
  const explanation: Explanation = {
    name: info.name,
    blockingDependencies: [],
    activeSelects: [
      { expr: 'SLOW [=m] && I2C [=y]', value: 'm', symbol: 'SLOW' },
      { expr: 'FAST [=y]', value: 'y', symbol: 'FAST' },
    ],
    activeImplies: [],
    hasPrompt: true,
    choice: null,
  };

  it('names the active selects, strongest first, without whole expressions', () => {
    assert.equal(lineText(whySummary(info, state, explanation)!), 'Forced to y by select: FAST (y), SLOW && I2C (m)');
    assert.deepEqual(whyLines(info, state, explanation).map(lineText), [
      'ALPHA is kept at y by select from:',
      '  - FAST [=y]  (is y)',
      '  - SLOW [=m] && I2C [=y]  (is m)',
    ]);
    assert.equal(lineText(whySummary(info, state, explanation, 40)!), 'Forced to y by select: FAST (y) +1 more');
  });

  it('names the false dependency terms of a hidden symbol', () => {
    const hidden: SymbolState = { ...state, visible: 'n', selectedTo: 'n' };
    const blocked: Explanation = { ...explanation, activeSelects: [], blockingDependencies: [{ expr: 'PCI', value: 'n', symbol: 'PCI' }] };
    assert.equal(lineText(whySummary(info, hidden, blocked)!), 'Hidden, needs: PCI (n)');
    assert.match(lineText(whyLines(info, hidden, blocked)[0]!), /is hidden: its prompt needs these/);
    assert.equal(needsExplanation(info, hidden), true);
    assert.equal(needsExplanation(info, { ...state, selectedTo: 'n', changeable: true, allowed: ['n', 'y'] }), false);
  });
});

describe('small helpers', () => {
  it('cycles values as menuconfig does, skipping what is not allowed', () => {
    assert.equal(nextValue('n', ['n', 'm', 'y'], 'tristate'), 'm');
    assert.equal(nextValue('y', ['n', 'm', 'y'], 'tristate'), 'n');
    assert.equal(nextValue('n', ['n', 'y'], 'tristate'), 'y');
    assert.equal(nextValue('y', ['n', 'y'], 'bool'), 'n');
    assert.equal(nextValue('y', ['y'], 'bool'), 'n', 'a locked value still asks, so that the engine says why');
  });

  it('describes changes, expands paths and fits text', () => {
    assert.equal(
      describeChanges('E1000E', [
        { name: 'E1000E', from: 'n', to: 'm' },
        { name: 'E1000E_HWTS', from: 'n', to: 'y' },
      ]),
      'E1000E: n -> m; also E1000E_HWTS=y',
    );
    assert.equal(expandPath('~/x.config'), `${homedir()}/x.config`);
    assert.equal(fit('abcdef', 4), 'abc…');
    assert.equal(fit('ab', 4), 'ab  ');
    assert.equal(fitLeft('/very/long/path', 8), '…ng/path');
  });

  it('draws choice members as radio buttons and names beside prompts', () => {
    const { model, config } = tinyModel();
    assert.equal(formatRow(model, config, { node: 7, depth: 0, header: false, hidden: false }, { showNames: false, inChoice: true }), '(X) Cee two');
    assert.equal(formatRow(model, config, { node: 6, depth: 0, header: false, hidden: false }, { showNames: true, inChoice: true }), '( ) Cee one (C1)');
    assert.equal(formatRow(model, config, { node: 1, depth: 0, header: false, hidden: false }, { showNames: true, inChoice: false }), '[ ] Alpha (ALPHA)');
    assert.equal(formatRow(model, config, { node: 2, depth: 0, header: false, hidden: false }, { showNames: true, inChoice: false }), '    Bravo menu  --->');
  });

  it('keeps frames one line shorter than the terminal', () => {
    const layout = layoutFor(80, 24, { kind: 'menu' }, true);
    assert.equal(layout.height, 23);
    assert.equal(2 + 1 + layout.list + layout.info + 1 + 1, 23);
    assert.equal(layoutFor(79, 24, { kind: 'menu' }, true).tooSmall, true);
    assert.equal(layoutFor(80, 23, { kind: 'menu' }, true).tooSmall, false, 'a tmux pane in an 80x24 window');
    assert.equal(layoutFor(80, 19, { kind: 'menu' }, true).tooSmall, false, "menuconfig's minimum");
    assert.equal(layoutFor(80, 18, { kind: 'menu' }, true).tooSmall, true);
  });

  it('keeps the menu usable on short terminals: a smaller info pane and sheets, every row accounted for', () => {
    for (const rows of [19, 20, 21, 22, 23, 24, 30]) {
      const menu = layoutFor(80, rows, { kind: 'menu' }, true);
      assert.equal(2 + 1 + menu.list + menu.info + 1 + 1, rows - 1, `the menu fills ${rows - 1} lines`);
      assert.ok(menu.list >= 10, `at least 10 menu rows with the info pane at 80x${rows} (${menu.list})`);
      assert.ok(menu.info >= 3, 'the info pane keeps its rule and two lines');
      const editor = layoutFor(80, rows, { kind: 'editor', node: 1, field: { text: '', caret: 0 }, error: null }, true);
      assert.equal(editor.info, 0, 'a sheet replaces the info pane');
      assert.ok(editor.sheet >= 5, 'a sheet keeps its border, title, field and message');
      assert.ok(editor.list >= 8, `at least 8 menu rows above a sheet at 80x${rows} (${editor.list})`);
    }
  });

  it('never lets Enter change a bool, and keeps Esc alone harmless', () => {
    const { model, config } = tinyModel();
    const context = { model, config, rowAtCursor: { node: 1, depth: 0, header: false, hidden: false } };
    const state = initialUiState();
    assert.equal(menuKey(state, keyEvent('return'), context).kind, 'ui');
    assert.deepEqual(menuKey(state, charKey('y'), context), { kind: 'set', node: 1, value: 'y' });
    assert.deepEqual(menuKey(state, keyEvent('escape'), context), { kind: 'ui', action: { type: 'arm-escape' } });
    assert.deepEqual(menuKey({ ...state, escArmed: true }, keyEvent('escape'), context), { kind: 'back-or-quit' });
    assert.deepEqual(menuKey(state, charKey('/'), context), { kind: 'open', pane: 'search' });
  });
});
