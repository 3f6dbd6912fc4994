/**
 * The upgrade review's key machine (src/ui/panes/upgrade/state.ts) on rows made here: decisions
 * move on to the next open row as oldconfig moves to the next question, A keeps a whole menu's
 * defaults, fixes are asked for as work (the engine's), y/m/n are the session's sets. The same
 * pane on real trees: test/ui/upgrade-review.test.tsx.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LostEntry, NewEntry, NewMenuGroup } from '../../../src/features/upgrade/index.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { rowText, type ReviewRow } from '../../../src/ui/panes/upgrade/rows.js';
import { firstOpen, initialUpgradePane, undecided, type UpgradePaneEnv, upgradePaneKey, type UpgradePaneState } from '../../../src/ui/panes/upgrade/state.js';

function lost(name: string, extra: Partial<LostEntry> = {}): LostEntry {
  return {
    name,
    category: 'dependency',
    old: 'm',
    line: 1,
    now: null,
    prompt: null,
    type: 'tristate',
    oldType: null,
    blocking: [],
    selects: [],
    choice: null,
    ranges: [],
    successors: [],
    settable: true,
    ...extra,
  };
}

function fresh(name: string, node: number, menu: number): NewEntry {
  return { name, node, type: 'bool', prompt: `${name} prompt`, value: 'n', help: '', menu };
}

const g1: NewMenuGroup = { menu: 10, title: 'One', path: ['One'], entries: [fresh('A1', 11, 10), fresh('A2', 12, 10)] };
const g2: NewMenuGroup = { menu: 20, title: 'Two', path: ['Two'], entries: [fresh('B1', 21, 20)] };
const removed = lost('OLD_NAME', {
  category: 'removed',
  successors: ['NEW_ONE', 'NEW_TWO'].map((name) => ({ name, prompt: null, type: 'bool', score: 0.5, methods: ['name'], value: 'y', confident: false })),
});

function rowsFor(state: UpgradePaneState, holds: string[] = []): ReviewRow[] {
  const { review, successors } = state.marks;
  const lostRow = (entry: LostEntry): ReviewRow => ({
    kind: 'lost',
    entry,
    status: holds.includes(entry.name) ? 'holds' : review.lostDecided.has(entry.name) ? 'accepted' : 'open',
    successor: entry.category === 'removed' ? (successors[entry.name] ?? entry.successors[0]?.name) : undefined,
    matters: false,
  });
  const newRow = (entry: NewEntry, group: NewMenuGroup): ReviewRow => ({
    kind: 'new',
    entry,
    group,
    decided: review.newDecided.get(entry.name) ?? null,
    value: entry.value,
    matters: entry.name === 'B1',
  });
  return [
    { kind: 'heading', text: 'Lost (3)' },
    lostRow(lost('GONE_DEP')),
    lostRow(removed),
    lostRow(lost('HELD')),
    { kind: 'heading', text: 'New (3)' },
    ...g1.entries.map((entry) => newRow(entry, g1)),
    ...g2.entries.map((entry) => newRow(entry, g2)),
  ];
}

const env = (rows: ReviewRow[]): UpgradePaneEnv => ({ rows, perPage: 10, nodeOf: (name) => (name === 'GONE_DEP' ? 5 : -1) });

function press(state: UpgradePaneState, key: string | ReturnType<typeof keyEvent>, holds: string[] = []) {
  return upgradePaneKey(state, typeof key === 'string' ? charKey(key) : key, env(rowsFor(state, holds)));
}

describe('the upgrade review keys', () => {
  it('starts on the first open row and walks on to the next open one after each decision', () => {
    const start = { ...initialUpgradePane(), cursor: firstOpen(rowsFor(initialUpgradePane())) };
    assert.equal(start.cursor, 1);
    const accepted = press(start, 'a');
    assert.equal(accepted.state.marks.review.lostDecided.get('GONE_DEP'), 'accepted');
    assert.equal(accepted.state.cursor, 2);
    const skipHeld = press(accepted.state, 'a', ['HELD']);
    assert.equal(skipHeld.state.cursor, 5, 'a value that holds again is no question: on to the first new option');
  });

  it('f and Enter on a lost value ask for the fix (through the successor shown); on a value that holds they say so', () => {
    const start = { ...initialUpgradePane(), cursor: 2 };
    assert.deepEqual(upgradePaneKey(start, charKey('F'), env(rowsFor(start, ['HELD']))).work, {
      kind: 'fix-all',
      entries: [lost('GONE_DEP'), removed],
      protect: [],
    });
    assert.deepEqual(press(start, 'f').work, { kind: 'fix', entry: removed, successor: 'NEW_ONE', protect: [] });
    const picked = press(start, keyEvent('tab')).state;
    assert.equal(picked.marks.successors.OLD_NAME, 'NEW_TWO');
    assert.deepEqual(press(picked, keyEvent('return')).work, { kind: 'fix', entry: removed, successor: 'NEW_TWO', protect: [] });
    const held = press({ ...start, cursor: 3 }, 'f', ['HELD']);
    assert.equal(held.work, undefined);
    assert.deepEqual(held.intent, { kind: 'ui', action: { type: 'message', message: { text: 'CONFIG_HELD holds already', tone: 'info' } } });
  });

  it('A on a lost value accepts every open one; A on a new option keeps the defaults of its menu and goes to the next menu', () => {
    const lostDone = press({ ...initialUpgradePane(), cursor: 1 }, 'A', ['HELD']);
    assert.deepEqual([...lostDone.state.marks.review.lostDecided.keys()], ['GONE_DEP', 'OLD_NAME']);
    assert.equal(lostDone.state.cursor, 5);
    const menuDone = press(lostDone.state, 'A', ['HELD']);
    assert.deepEqual(
      [...menuDone.state.marks.review.newDecided],
      [
        ['A1', 'default'],
        ['A2', 'default'],
      ],
    );
    assert.equal(menuDone.state.cursor, 7, 'on to B1, in the next menu');
    assert.equal(menuDone.intent.kind, 'none', 'keeping defaults changes nothing in the session');
    assert.deepEqual(rowsFor(menuDone.state, ['HELD']).filter(undecided).length, 1);
  });

  it('y/m/n on a new option set it through the session and count it as decided; on a lost value they do not', () => {
    const set = press({ ...initialUpgradePane(), cursor: 6 }, 'y');
    assert.deepEqual(set.intent, { kind: 'set', node: 12, value: 'y' });
    assert.equal(set.state.marks.review.newDecided.get('A2'), 'changed');
    assert.deepEqual(
      press({ ...set.state, cursor: 1 }, 'f').work,
      { kind: 'fix', entry: lost('GONE_DEP'), successor: undefined, protect: ['A2'] },
      'what the user set is kept',
    );
    assert.equal(press({ ...initialUpgradePane(), cursor: 1 }, 'y').intent.kind, 'ui');
    assert.deepEqual(press({ ...initialUpgradePane(), cursor: 1 }, 'e').intent, { kind: 'why', node: 5 });
    assert.equal(press({ ...initialUpgradePane(), cursor: 2 }, '?').intent.kind, 'ui', 'a removed symbol has no entry: said so');
  });

  it('moves past headings in the direction it moves', () => {
    const down = press({ ...initialUpgradePane(), cursor: 3 }, 'j');
    assert.equal(down.state.cursor, 5, 'over the New heading to A1');
    assert.equal(press(down.state, 'k').state.cursor, 3, 'and back over it');
    assert.equal(press({ ...initialUpgradePane(), cursor: 1 }, 'g').state.cursor, 1, 'the first row is no heading');
  });

  it('draws rows in the width given, with the marks and the machine flag, escaping outside text', () => {
    const rows = rowsFor(initialUpgradePane());
    assert.equal(rowText(rows[2]!, 60), `${'[ ] OLD_NAME=m (now not set) -> NEW_ONE  removed'.padEnd(60)}`);
    assert.match(rowText(rows[7]!, 60), /^\[ \]\*B1=n {2}B1 prompt/);
    const hostile: ReviewRow = { kind: 'lost', entry: lost('X', { old: '"\u001b[2J"' }), status: 'blocked', successor: undefined, matters: false };
    assert.ok(!rowText(hostile, 60).includes('\u001b'));
    assert.match(rowText(hostile, 60), /^\[!\]/);
  });
});
