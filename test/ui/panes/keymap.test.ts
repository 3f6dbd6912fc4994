import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionsFor, hintsOf, keyReference } from '../../../src/ui/input/bindings.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { KEYMAP } from '../../../src/ui/keymap.js';
import { keyLines } from '../../../src/ui/panes/help/lines.js';
import { lineText } from '../../../src/ui/text/styled-text.js';

describe('the keymap', () => {
  it("gives the actions a key asks for in the table's order, keys named exactly before classes", () => {
    assert.deepEqual(actionsFor(KEYMAP.menu, charKey('y')), ['set-y', 'hotkey']);
    assert.deepEqual(actionsFor(KEYMAP.choice, charKey('y')), ['choose', 'set-y', 'hotkey']);
    assert.deepEqual(actionsFor(KEYMAP.menu, keyEvent('escape-escape')), ['back-or-quit']);
    assert.deepEqual(actionsFor(KEYMAP.menu, charKey('r', { ctrl: true })), ['redo']);
    assert.deepEqual(actionsFor(KEYMAP.menu, charKey('x', { meta: true })), [], 'Alt+x is no hotkey');
    assert.deepEqual(actionsFor(KEYMAP.why, charKey('z')), ['close'], 'any other key closes the why page');
  });

  it("draws the hint line from the table: the menu's most used keys first", () => {
    const menu = hintsOf(KEYMAP.menu).map(([key, label]) => `${key} ${label}`);
    assert.deepEqual(menu.slice(0, 9), ['⏎ open', '← back', 'y/m/n set', '/ search', '? help', 'e why', 'u undo', 's save', 'q quit']);
    assert.deepEqual(
      hintsOf(KEYMAP.choice).map(([key, label]) => `${key} ${label}`),
      ['⏎ choose', '← back', '? help', 'e why', 'u undo', 's save', 'q quit'],
    );
    assert.deepEqual(
      hintsOf(KEYMAP['search.query']).map(([key]) => key),
      ['⏎', '↓', 'Esc', '^U', 'F1'],
    );
    assert.deepEqual(
      hintsOf(KEYMAP['search.results']).map(([key, label]) => `${key} ${label}`),
      ['⏎ show in menu', 'y/m/n set', '? help', 'e why', '/ query', 'u undo', 'Esc query', 'Esc Esc close'],
    );
    assert.deepEqual(
      hintsOf(KEYMAP['build.running']).map(([key]) => key),
      ['c', '↑↓', 'G', 'w', 'n/N', '⏎', 'q'],
    );
    assert.deepEqual(
      hintsOf(KEYMAP['build.ended']).map(([key]) => key),
      ['↑↓', 'w', 'n/N', '⏎', 'r', 'q'],
    );
  });

  it("writes the help page's key list from the menu's table, a row per run of bindings that share a text", () => {
    const rows = keyReference(KEYMAP.menu);
    assert.deepEqual(rows[0], ['Up/Down  k/j', 'move']);
    assert.deepEqual(rows[1], ['PgUp/PgDn  Ctrl-b/Ctrl-f', 'one page']);
    assert.deepEqual(rows[2], ['Ctrl-u/Ctrl-d', 'half a page']);
    assert.ok(rows.some(([keys, text]) => keys === 'Left  h  Esc Esc' && text.startsWith('back')));
    assert.ok(rows.some(([keys]) => keys === 'y  m  n'));
    assert.deepEqual(rows.at(-1), ['q  Ctrl-c', 'quit (asks when changes are unsaved)']);
    for (const binding of KEYMAP.menu) {
      if (binding.help)
        assert.ok(
          rows.some(([, text]) => text === binding.help),
          `the help page lists ${binding.action}`,
        );
    }
    assert.equal(keyLines().length, rows.length);
    assert.match(lineText(keyLines().at(-1)!), /^ {2}q {2}Ctrl-c +quit \(asks when changes are unsaved\)$/);
  });

  it('binds every key of a mode to one action, but for the fallbacks it names on purpose', () => {
    const fallbacks = new Set(['hotkey', 'close', 'typed', 'choose']);
    for (const [mode, table] of Object.entries(KEYMAP)) {
      const seen = new Map<string, string>();
      for (const binding of table) {
        for (const spec of binding.keys) {
          const earlier = seen.get(spec);
          if (earlier && earlier !== binding.action && !fallbacks.has(binding.action) && !fallbacks.has(earlier)) {
            assert.fail(`${mode}: ${spec} is bound to ${earlier} and ${binding.action}`);
          }
          seen.set(spec, binding.action);
        }
      }
    }
  });
});
