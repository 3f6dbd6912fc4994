import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupChanges } from '../../../src/features/changes/change-groups.js';
import { fileDifferences } from '../../../src/features/changes/file-differences.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { changeRowText, changesNameWidth } from '../../../src/ui/panes/changes/lines.js';
import { changeRows } from '../../../src/ui/panes/changes/rows.js';
import { changesKey, type ChangesState, settleChanges } from '../../../src/ui/panes/changes/state.js';
import { saveStatusText } from '../../../src/ui/panes/changes/use-save-status.js';
import { tinyModel } from '../support/tiny-model.js';

const change = (name: string, from: string, to: string) => ({ name, from, to });

/** Six deliberate changes and what came with them, as `Session.stepChanges` reports them. */
const steps = [
  {
    label: 'MODULES=n',
    requested: ['MODULES'],
    changes: [change('MODULES', 'y', 'n'), ...Array.from({ length: 40 }, (_, index) => change(`DRIVER${index}`, 'm', 'n'))],
  },
  { label: 'E1000E=m', requested: ['E1000E'], changes: [change('E1000E', 'n', 'm'), change('E1000E_HWTS', 'n', 'y')] },
  { label: 'apply kvm_guest.config', requested: [], changes: [change('VIRTIO_BLK', 'n', 'y'), change('VIRTIO_NET', 'n', 'y')] },
  { label: 'SMP=n', requested: ['SMP'], changes: [change('SMP', 'y', 'n'), change('NR_CPUS', '64', '1')] },
  { label: 'SMP=y', requested: ['SMP'], changes: [change('SMP', 'n', 'y'), change('NR_CPUS', '1', '64')] },
  {
    label: 'HZ_1000=y',
    requested: ['HZ_1000'],
    changes: [change('HZ_1000', 'n', 'y'), change('HZ_250', 'y', 'n'), change('HZ', '250', '1000'), change('DRIVER3', 'n', 'y')],
  },
];
const pending = steps
  .flatMap((step) => step.changes)
  .reduce(
    (byName, value) => byName.set(value.name, { name: value.name, from: byName.get(value.name)?.from ?? value.from, to: value.to }),
    new Map<string, { name: string; from: string; to: string }>(),
  );
const stillPending = [...pending.values()].filter((value) => value.from !== value.to);

describe('the changes grouped by what the user did', () => {
  const groups = groupChanges(stillPending, steps);

  it("puts each change under the step that made it last, the user's own values first", () => {
    assert.deepEqual(
      groups.map((group) => [group.label, group.own.map((value) => value.name), group.followed.length]),
      [
        ['MODULES=n', ['MODULES'], 39],
        ['E1000E=m', ['E1000E'], 1],
        ['apply kvm_guest.config', ['VIRTIO_BLK', 'VIRTIO_NET'], 0],
        ['HZ_1000=y', ['HZ_1000'], 3],
      ],
    );
    assert.ok(!groups.some((group) => group.label.startsWith('SMP')), 'SMP was set back: nothing of it is pending');
    assert.ok(
      groups[3]!.followed.some((value) => value.name === 'DRIVER3'),
      'DRIVER3 changed last with HZ_1000',
    );
  });

  it('folds what came with a change after three lines; f unfolds it', () => {
    const rows = changeRows(groups, [], []);
    assert.equal(rows.length, 1 + (1 + 3 + 1) + (1 + 1) + (1 + 2) + (1 + 3), '70 pending values in 16 rows');
    assert.deepEqual(rows[5], { kind: 'fold', group: groups[0], hidden: 36 });
    const text = changeRows(groups, [], []).map((row) => changeRowText(tinyModel().model, row, changesNameWidth(rows)));
    assert.match(text[1]!, /^ MODULES +y -> n/);
    assert.match(text[2]!, /^ {4}DRIVER0 +m -> n/, 'what came with it, indented under it');
    assert.equal(text[5], '    ... 36 more came with it (f shows them)');
    assert.equal(changeRows(groups, [], [groups[0]!.key]).length, rows.length - 1 + 36, 'unfolded: the fold line gives way to the 36 values');
  });

  it("lists what saving changes in the file anyway after the user's changes", () => {
    const rows = changeRows([], [{ name: 'DEBUG_INFO_BTF', inFile: 'y', here: 'n' }], []);
    assert.equal(rows[0]?.kind, 'heading');
    assert.match(changeRowText(tinyModel().model, rows[1]!, 16), /^ DEBUG_INFO_BTF +y -> n .*\(the file says y\)$/);
  });
});

describe("the changes pane's keys", () => {
  const groups = groupChanges(stillPending, steps);
  const rows = changeRows(groups, [{ name: 'DEBUG_INFO_BTF', inFile: 'y', here: 'n' }], []);
  const env = { rows, height: 10, nodeOf: (name: string) => (name === 'DEBUG_INFO_BTF' ? 90 : 10) };
  const at = (cursor: number): ChangesState => ({ kind: 'changes', cursor, top: 0, unfolded: [] });

  it('starts on the first change, not on the heading, and skips headings as it moves', () => {
    const settled = settleChanges(at(0), rows, 10);
    assert.equal(settled.cursor, 1);
    const last = changesKey(settled, charKey('G'), env).state;
    assert.equal(rows[last.cursor]?.kind, 'on-save');
    const up = changesKey(last, keyEvent('up'), env).state;
    assert.notEqual(rows[up.cursor]?.kind, 'heading');
  });

  it("reverts a user's value; a value that came with it names the change to revert instead", () => {
    assert.deepEqual(changesKey(at(1), charKey('r'), env).intent, { kind: 'revert', name: 'MODULES', owner: null });
    assert.deepEqual(changesKey(at(2), charKey('r'), env).intent, { kind: 'revert', name: 'DRIVER0', owner: 'MODULES=n' });
    const step = rows.findIndex((row) => row.kind === 'step');
    const said = changesKey(at(step), charKey('r'), env).intent;
    assert.equal(
      said.kind === 'ui' && said.action.type === 'message' && said.action.message?.text,
      'r reverts one value at a time: move to one of "apply kvm_guest.config", or u undoes the last step',
    );
    const onSave = rows.findIndex((row) => row.kind === 'on-save');
    const why = changesKey(at(onSave), charKey('r'), env).intent;
    assert.equal(
      why.kind === 'ui' && why.action.type === 'message' ? why.action.message?.text : '',
      "The file's DEBUG_INFO_BTF=y does not hold here (e says why): saving writes n",
    );
    assert.deepEqual(changesKey(at(onSave), charKey('e'), env).intent, { kind: 'why', node: 90 });
  });

  it('unfolds a group from any of its rows, and shows a change in its menu', () => {
    const unfolded = changesKey(at(3), charKey('f'), env).state;
    assert.deepEqual(unfolded.unfolded, [groups[0]!.key]);
    assert.deepEqual(changesKey(unfolded, charKey('f'), env).state.unfolded, []);
    const fold = rows.findIndex((row) => row.kind === 'fold');
    assert.deepEqual(changesKey(at(fold), keyEvent('return'), env).state.unfolded, [groups[0]!.key], 'Enter on the fold line unfolds');
    assert.deepEqual(changesKey(at(1), keyEvent('return'), env).intent, { kind: 'show-symbol', name: 'MODULES' });
  });
});

describe('what the header says about saving', () => {
  it('counts unsaved changes only while a value differs from the file, and says what the save changes anyway', () => {
    assert.deepEqual(saveStatusText(2, 3, 0), { text: '2 unsaved changes', attention: true });
    assert.deepEqual(saveStatusText(1, 1, 4), { text: '1 unsaved change', attention: true });
    assert.deepEqual(saveStatusText(2, 0, 0), { text: 'saved', attention: false }, 'every change reverted: the file has these values');
    assert.deepEqual(saveStatusText(0, 0, 1), { text: 'saving changes 1 value (p)', attention: true });
  });

  it("finds the file's values that do not hold here, hex compared as numbers, symbols this tree lacks named", () => {
    const { model } = tinyModel();
    const values: Record<string, string> = { ALPHA: 'n', B1: 'm', DEE: '4', DELTA: 'y' };
    const text = ['CONFIG_ALPHA=y', 'CONFIG_B1=m', '# CONFIG_DELTA is not set', 'CONFIG_DEE=4', 'CONFIG_GONE=y', '# comment', ''].join('\n');
    assert.deepEqual(
      fileDifferences(model, text, (name) => values[name]),
      [
        { name: 'ALPHA', inFile: 'y', here: 'n' },
        { name: 'DELTA', inFile: 'n', here: 'y' },
        { name: 'GONE', inFile: 'y', here: null },
      ],
    );
  });
});
