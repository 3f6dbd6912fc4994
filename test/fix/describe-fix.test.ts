import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixPlan } from '../../src/engine/fix-plan.js';
import { describeBlocker, describeReason, groupedLines, reachableValues, summarizeFix } from '../../src/features/fix/index.js';
import type { MenuModel, SymbolInfo } from '../../src/model/types.js';

function info(name: string, prompt: string | null, type: SymbolInfo['type'] = 'tristate'): SymbolInfo {
  return {
    index: 0,
    name,
    type,
    prompt,
    help: '',
    definedAt: [],
    nodes: [],
    dependsOn: '',
    selects: [],
    implies: [],
    selectedBy: '',
    impliedBy: '',
    ranges: [],
    defaults: [],
    choice: -1,
  };
}

const model: MenuModel = {
  nodes: [],
  symbols: [],
  byName: new Map([
    ['E1000E', info('E1000E', 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support')],
    ['PCI', info('PCI', 'PCI support', 'bool')],
    ['IGB', info('IGB', 'Intel(R) 82575/82576 PCI-Express Gigabit Ethernet support')],
    ['HZ_300', info('HZ_300', '300 HZ', 'bool')],
  ]),
};

const plan: FixPlan = {
  targets: [
    { name: 'E1000E', value: 'y', status: 'fixable' },
    { name: 'I2C', value: 'n', status: 'fixable' },
    {
      name: 'ARM_SMMU_V3',
      value: 'y',
      status: 'impossible',
      blocker: { kind: 'undefined', symbol: 'ARM64', path: [{ symbol: 'ARM_SMMU_V3', term: 'ARM64', relation: 'depends-on' }] },
    },
    { name: 'NFS_FS', value: 'y', status: 'met' },
  ],
  changes: [
    { name: 'E1000E', from: 'n', to: 'y', reason: { kind: 'target' } },
    { name: 'PCI', from: 'n', to: 'y', reason: { kind: 'depends-on', of: 'E1000E', term: 'PCI' } },
    { name: 'IGB', from: 'm', to: 'n', reason: { kind: 'selects', selector: 'IGB', target: 'I2C' } },
    { name: 'HZ_300', from: 'n', to: 'y', reason: { kind: 'choice', choice: 'Timer frequency', member: 'HZ_300', of: null, instead: false } },
  ],
  effects: [{ name: 'PCI_DIRECT', from: 'n', to: 'y' }],
  touchesProtected: ['HZ_300'],
  stats: { ms: 1, encodeMs: 0, verifyMs: 0, cone: 1, variables: 1, clauses: 1, candidates: 1, rejected: 0, depth: 1, approximations: 0, timedOut: false },
  requested: [],
  protect: ['HZ_300'],
  strict: false,
};

test('a plan reads as lines with reasons, grouped: asked for, needed, removed, choices', () => {
  const summary = summarizeFix(plan, model);
  assert.deepEqual(
    groupedLines(summary.lines).map(({ group, lines }) => [group, lines.map((line) => `${line.name} ${line.from}->${line.to}: ${line.why}`)]),
    [
      ['target', ['E1000E n->y: asked for']],
      ['needed', ['PCI n->y: E1000E depends on PCI']],
      ['removed', ['IGB m->n: stops selecting I2C']],
      ['choice', ['HZ_300 n->y: chosen in "Timer frequency"']],
    ],
  );
  assert.equal(summary.lines.find((line) => line.name === 'PCI')?.prompt, 'PCI support');
  assert.equal(summary.lines.find((line) => line.name === 'HZ_300')?.protectedTouched, true);
  assert.deepEqual(summary.met, ['NFS_FS']);
  assert.deepEqual(summary.effects, [{ name: 'PCI_DIRECT', from: 'n', to: 'y' }]);
  assert.deepEqual(
    summary.refused.map((refused) => [refused.name, refused.why]),
    [['ARM_SMMU_V3', 'not on this architecture: it needs ARM64, which this architecture does not define (ARM_SMMU_V3 depends on ARM64)']],
  );
});

test('reasons say the direction: what a raised value enables, what a lowered one takes away', () => {
  assert.equal(describeReason({ name: 'X', from: 'y', to: 'n', reason: { kind: 'depends-on', of: 'IGB', term: 'X' } }), 'takes IGB down (it depends on X)');
  assert.equal(describeReason({ name: 'MODULES', from: 'n', to: 'y', reason: { kind: 'modules', of: 'KVM' } }), 'KVM is to be a module');
  assert.equal(describeReason({ name: 'LOCALVERSION', from: '', to: '-x', reason: { kind: 'target' } }), 'asked for');
  assert.equal(
    describeReason({ name: 'RCU_STRICT_GRACE_PERIOD', from: 'y', to: 'n', reason: { kind: 'range', of: 'RCU_FANOUT_LEAF', term: '!RCU_STRICT_GRACE_PERIOD' } }),
    'the range of RCU_FANOUT_LEAF depends on !RCU_STRICT_GRACE_PERIOD',
  );
  assert.equal(
    describeReason({
      name: 'HZ_300',
      from: 'n',
      to: 'y',
      reason: { kind: 'choice', choice: 'Timer frequency', member: 'HZ_300', of: 'HZ_1000', instead: true },
    }),
    'chosen in "Timer frequency" instead of HZ_1000',
  );
});

test('blockers in words', () => {
  const target = { name: 'X', value: 'y' };
  assert.equal(
    describeBlocker(target, { kind: 'broken', symbol: 'BROKEN', path: [{ symbol: 'X', term: 'BROKEN', relation: 'depends-on' }] }),
    'it depends on BROKEN (marked broken, never built) (X depends on BROKEN)',
  );
  assert.equal(
    describeBlocker(target, { kind: 'pinned-choice', symbol: 'HZ_300', path: [], choice: 'Timer frequency' }),
    'excluded by the choice "Timer frequency": you picked HZ_300',
  );
  assert.equal(
    describeBlocker(target, { kind: 'conflict', symbol: null, path: [], with: ['HZ_300'], choice: 'Timer frequency' }),
    'conflicts with HZ_300 (one choice: "Timer frequency")',
  );
  assert.equal(
    describeBlocker({ name: 'LOG_BUF_SHIFT', value: '99' }, { kind: 'out-of-range', symbol: null, path: [], range: ['12', '25'] }),
    'out of range, allowed 12..25',
  );
  assert.equal(
    describeBlocker({ name: 'E1000F', value: 'y' }, { kind: 'unknown', symbol: 'E1000F', path: [], suggestions: ['E1000E'] }),
    'CONFIG_E1000F does not exist in this tree (did you mean CONFIG_E1000E?)',
  );
  assert.equal(describeBlocker({ name: 'PCI', value: 'm' }, { kind: 'invalid', symbol: null, path: [] }, 'bool'), 'PCI is a bool, it cannot be a module');
  assert.equal(
    describeBlocker(target, { kind: 'selected', symbol: 'ACPI', path: [{ symbol: 'X', term: 'ACPI && Y', relation: 'selected-by' }] }),
    'forced by select from ACPI, which cannot be turned off (X is selected by ACPI && Y)',
  );
});

test('the values reachable now: what a refusal offers instead', () => {
  assert.deepEqual(reachableValues({ value: 'y', visible: 'y', selectedTo: 'm', allowed: ['m', 'y'], changeable: true, hasValue: true }), {
    lowest: 'm',
    highest: 'y',
    fixed: false,
  });
  assert.deepEqual(reachableValues({ value: 'y', visible: 'n', selectedTo: 'y', allowed: [], changeable: false, hasValue: true }), {
    lowest: 'y',
    highest: 'y',
    fixed: true,
  });
});
