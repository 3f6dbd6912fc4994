import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixSelection, suggestionTargets } from '../../src/features/hardware/suggestion-targets.js';
import type { Suggestion } from '../../src/features/hardware/suggestions.js';

function suggestion(name: string, fields: Partial<Suggestion> = {}): Suggestion {
  return {
    name,
    prompt: `${name} support`,
    type: 'tristate',
    current: 'n',
    value: 'm',
    reasons: [],
    modules: [],
    rootPath: false,
    alternative: false,
    settable: true,
    possibleNow: false,
    requires: [],
    unresolved: [],
    ...fields,
  };
}

const suggestions = [
  suggestion('E1000E', { value: 'y' }),
  suggestion('USB_XHCI_PCI', { prompt: null, settable: false, value: 'y' }),
  suggestion('NVME_CORE', { rootPath: true, value: 'y' }),
  suggestion('EFI', { type: 'bool', value: 'y' }),
  suggestion('E1000', { alternative: true }),
];

test('accept all takes every suggestion but alternatives, promptless ones included', () => {
  assert.deepEqual(
    fixSelection(suggestions).map((item) => item.name),
    ['E1000E', 'USB_XHCI_PCI', 'NVME_CORE', 'EFI'],
  );
});

test('with modules off, the targets turn MODULES on and ask for drivers as at least m; bools and the root path stay y', () => {
  const { targets, turnsModulesOn } = suggestionTargets(fixSelection(suggestions), 'modules', false);
  assert.equal(turnsModulesOn, true);
  assert.deepEqual(targets, [
    { name: 'MODULES', value: 'y' },
    { name: 'E1000E', value: 'm', atLeast: true },
    { name: 'USB_XHCI_PCI', value: 'm', atLeast: true },
    { name: 'NVME_CORE', value: 'y' },
    { name: 'EFI', value: 'y' },
  ]);
});

test('with modules on, no MODULES target; built in, everything is y and MODULES is left alone', () => {
  const on = suggestionTargets(fixSelection(suggestions), 'modules', true);
  assert.equal(on.turnsModulesOn, false);
  assert.deepEqual(
    on.targets.map((target) => `${target.name}${target.atLeast ? '>=' : '='}${target.value}`),
    ['E1000E>=m', 'USB_XHCI_PCI>=m', 'NVME_CORE=y', 'EFI=y'],
  );
  const builtin = suggestionTargets(fixSelection(suggestions), 'builtin', false);
  assert.equal(builtin.turnsModulesOn, false);
  assert.deepEqual(
    builtin.targets.map((target) => `${target.name}${target.atLeast ? '>=' : '='}${target.value}`),
    ['E1000E=y', 'USB_XHCI_PCI=y', 'NVME_CORE=y', 'EFI=y'],
  );
});
