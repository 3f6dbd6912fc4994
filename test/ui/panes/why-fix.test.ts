import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FixPlan } from '../../../src/engine/session.js';
import { offeredTarget, targetKind } from '../../../src/features/fix/index.js';
import { suggestionTargets } from '../../../src/features/hardware/suggestion-targets.js';
import type { Suggestion } from '../../../src/features/hardware/suggestions.js';
import type { SymbolInfo, SymbolState } from '../../../src/model/types.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { dialogKey } from '../../../src/ui/panes/dialogs/state.js';
import { textField } from '../../../src/ui/text/text-field.js';
import { whyKey, type WhyState } from '../../../src/ui/panes/why/state.js';

const info = (type: SymbolInfo['type']): SymbolInfo => ({
  index: 0,
  name: 'X',
  type,
  prompt: 'X support',
  help: '',
  definedAt: [],
  nodes: [1],
  dependsOn: '',
  selects: [],
  implies: [],
  selectedBy: '',
  impliedBy: '',
  ranges: [],
  defaults: [],
  choice: -1,
});

const state = (overrides: Partial<SymbolState>): SymbolState => ({
  value: 'n',
  visible: 'y',
  selectedTo: 'n',
  allowed: ['n', 'm', 'y'],
  changeable: true,
  hasValue: true,
  ...overrides,
});

describe('the fix the why page offers', () => {
  it('enables a hidden symbol: m for a tristate when modules are on, y for a bool or without modules', () => {
    const hidden = state({ visible: 'n', allowed: [], changeable: false });
    assert.deepEqual(offeredTarget(info('tristate'), hidden, true), { value: 'm', kind: 'enable' });
    assert.deepEqual(offeredTarget(info('tristate'), hidden, false), { value: 'y', kind: 'enable' });
    assert.deepEqual(offeredTarget(info('bool'), hidden, true), { value: 'y', kind: 'enable' });
  });

  it('raises a tristate held at m to y, and offers the disable fix for one selects hold up', () => {
    assert.deepEqual(offeredTarget(info('tristate'), state({ value: 'm', visible: 'm', allowed: ['n', 'm'] }), true), { value: 'y', kind: 'enable' });
    const forced = state({ value: 'y', selectedTo: 'y', allowed: ['y'], changeable: false });
    assert.deepEqual(offeredTarget(info('bool'), forced, true), { value: 'n', kind: 'disable' });
    assert.deepEqual(offeredTarget(info('tristate'), state({ value: 'm', selectedTo: 'm', allowed: ['m', 'y'] }), true), { value: 'n', kind: 'disable' });
  });

  it('offers nothing for a free symbol or for values other than bool and tristate', () => {
    assert.equal(offeredTarget(info('tristate'), state({}), true), null);
    assert.equal(offeredTarget(info('int'), state({ value: '5', visible: 'n', allowed: [] }), true), null);
    assert.equal(targetKind('y', 'm'), 'disable');
    assert.equal(targetKind('n', 'm'), 'enable');
  });
});

describe("the why page's fix keys", () => {
  const why: WhyState = { kind: 'why', node: 7, top: 0, cursor: 0 };
  const base = { lines: 20, height: 10, reasons: [{ line: 2, symbol: 'PCI' }], nodeOf: () => 40, type: 'tristate' };
  const plan = { changes: [{ name: 'X', from: 'n', to: 'm', reason: { kind: 'target' } }], targets: [] } as unknown as FixPlan;
  const message = (outcome: ReturnType<typeof whyKey>): string | undefined =>
    outcome.intent.kind === 'ui' && outcome.intent.action.type === 'message' ? outcome.intent.action.message?.text : undefined;

  it('f applies the fix shown, as one step that closes the page', () => {
    const ready = whyKey(why, charKey('f'), { ...base, fix: { kind: 'ready', name: 'X', value: 'm', plan } });
    assert.deepEqual(ready.intent, { kind: 'apply-fix', plan, close: true });
  });

  it('f while the fix is searched for, or without one, says why nothing happens', () => {
    assert.match(message(whyKey(why, charKey('f'), { ...base, fix: { kind: 'searching', name: 'X', value: 'm' } })) ?? '', /Still searching/);
    assert.match(message(whyKey(why, charKey('f'), { ...base, fix: null })) ?? '', /Nothing to fix here/);
    const empty = { ...plan, changes: [] } as unknown as FixPlan;
    assert.match(message(whyKey(why, charKey('f'), { ...base, fix: { kind: 'ready', name: 'X', value: 'm', plan: empty } })) ?? '', /No fix to apply/);
  });

  it('y, m and n ask for a fix to that value; a bool is never m', () => {
    assert.equal(whyKey(why, charKey('y'), base).state.want, 'y');
    assert.equal(whyKey(why, charKey('n'), base).state.want, 'n');
    assert.equal(whyKey(why, charKey('m'), base).state.want, 'm');
    const bool = whyKey(why, charKey('m'), { ...base, type: 'bool' });
    assert.equal(bool.state.want, undefined);
    assert.match(message(bool) ?? '', /A bool cannot be m/);
  });
});

describe('the fix for an int, hex or string value', () => {
  const why: WhyState = { kind: 'why', node: 7, top: 0, cursor: 0 };
  const base = { lines: 20, height: 10, reasons: [{ line: 2, symbol: 'BLK_DEV_RAM' }], nodeOf: () => 40, type: 'int' };
  const editForFix = { kind: 'edit', node: 7, fix: true };

  it('f without a value asked, y/m/n and = open the value editor whose Enter searches the fix', () => {
    assert.deepEqual(whyKey(why, charKey('f'), { ...base, fix: { kind: 'ask', name: 'X' } }).intent, editForFix);
    assert.deepEqual(whyKey(why, charKey('f'), { ...base, type: 'string', fix: null }).intent, editForFix);
    for (const key of ['y', 'm', 'n', '=']) {
      const outcome = whyKey(why, charKey(key), base);
      assert.deepEqual(outcome.intent, editForFix, key);
      assert.equal(outcome.state.want, undefined, `${key} asks no fix by itself`);
    }
  });

  it('f applies a fix found for a typed value; = on a bool or tristate says y/m/n are its keys', () => {
    const plan = { changes: [{ name: 'X', from: '0', to: '4', reason: { kind: 'target' } }], targets: [] } as unknown as FixPlan;
    assert.deepEqual(whyKey(why, charKey('f'), { ...base, fix: { kind: 'ready', name: 'X', value: '4', plan } }).intent, {
      kind: 'apply-fix',
      plan,
      close: true,
    });
    const tristate = whyKey(why, charKey('='), { ...base, type: 'tristate' });
    assert.equal(tristate.intent.kind, 'ui');
    assert.match(tristate.intent.kind === 'ui' && tristate.intent.action.type === 'message' ? (tristate.intent.action.message?.text ?? '') : '', /y, m or n/);
  });

  it('in the value editor Tab asks for the fix, and Enter does in one opened for a fix', () => {
    const editor = { kind: 'editor' as const, node: 7, field: textField('4'), error: null };
    assert.deepEqual(dialogKey(editor, keyEvent('tab'), { lines: 0, height: 10 }).intent, { kind: 'fix-field' });
    assert.deepEqual(dialogKey(editor, keyEvent('return'), { lines: 0, height: 10 }).intent, { kind: 'commit-field' });
    assert.deepEqual(dialogKey({ ...editor, fix: true }, keyEvent('return'), { lines: 0, height: 10 }).intent, { kind: 'fix-field' });
    assert.deepEqual(
      dialogKey({ ...editor, fix: true }, keyEvent('escape'), { lines: 0, height: 10 }).intent,
      { kind: 'why', node: 7 },
      'Esc: back to the why page',
    );
    assert.deepEqual(dialogKey(editor, keyEvent('escape'), { lines: 0, height: 10 }).intent, { kind: 'ui', action: { type: 'close' } });
    const file = { kind: 'file' as const, purpose: 'load' as const, field: textField('x'), error: null };
    assert.equal(dialogKey(file, keyEvent('tab'), { lines: 0, height: 10 }).intent.kind, 'field-key', 'Tab is no fix in the file name');
  });
});

describe('suggestion targets for the fix search', () => {
  const suggestion = (name: string, overrides: Partial<Suggestion> = {}): Suggestion => ({
    name,
    prompt: null,
    type: 'tristate',
    current: 'n',
    value: 'y',
    reasons: [],
    modules: [],
    rootPath: false,
    alternative: false,
    settable: false,
    possibleNow: false,
    requires: [],
    unresolved: [],
    ...overrides,
  });

  it('asks for each value (promptless ones too); as modules: MODULES first, drivers at least m, the root path and bools y', () => {
    const list = [suggestion('USB_XHCI_PCI'), suggestion('EXT4_FS', { rootPath: true }), suggestion('BT', { type: 'bool' })];
    assert.deepEqual(suggestionTargets(list, 'builtin', false).targets, [
      { name: 'USB_XHCI_PCI', value: 'y' },
      { name: 'EXT4_FS', value: 'y' },
      { name: 'BT', value: 'y' },
    ]);
    assert.deepEqual(suggestionTargets(list, 'modules', false).targets, [
      { name: 'MODULES', value: 'y' },
      { name: 'USB_XHCI_PCI', value: 'm', atLeast: true },
      { name: 'EXT4_FS', value: 'y' },
      { name: 'BT', value: 'y' },
    ]);
  });
});
