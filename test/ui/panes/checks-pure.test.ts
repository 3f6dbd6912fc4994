/**
 * The checks pane's pure parts: what its keys ask for on each kind of row and page, the rows and
 * details it draws (outside text escaped), and the plan page's summary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EntryStatus, ProfileEntry, ProfileStatus } from '../../../src/features/checks/index.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { entryDetail, planSummary } from '../../../src/ui/panes/checks/lines.js';
import { checksRows, checksRowText, regressionWarning } from '../../../src/ui/panes/checks/rows.js';
import { checksMode, checksPaneKey, type ChecksPaneEnv, initialChecksPane } from '../../../src/ui/panes/checks/state.js';
import { lineText } from '../../../src/ui/text/styled-text.js';

const KERNEL = { version: '6.12.117', srcArch: 'x86' };

function entry(written: string, reason: string): ProfileEntry {
  return {
    kind: 'module',
    written,
    name: written,
    want: 'y/m',
    level: 'required',
    reason,
    when: { since: null, before: null, arches: [], notArches: [] },
    at: { path: '/p', line: 1, column: 1 },
  };
}

function missing(written: string, reason: string, symbols: string[]): EntryStatus {
  return { entry: entry(written, reason), verdict: 'missing', met: false, state: 'n', symbols, unavailable: null, notApplicable: null };
}

function profile(name: string, entries: EntryStatus[]): ProfileStatus {
  const met = entries.filter((status) => status.met).length;
  return {
    profile: {
      name,
      origin: 'user',
      format: 'profile',
      path: `/x/${name}.profile`,
      description: 'd',
      sources: [],
      entries: entries.map((status) => status.entry),
    },
    entries,
    met: met === entries.length,
    counts: { required: { total: entries.length, met }, recommended: { total: 0, met: 0 }, optional: { total: 0, met: 0 } },
    notApplicable: 0,
  };
}

const STATUSES = [profile('mine', [missing('usb-storage', 'the installer', ['USB_SUPPORT', 'USB_STORAGE'])])];
const ROWS = checksRows(STATUSES, ['/x/broken.profile:3:1: no level']);
const env = (over: Partial<ChecksPaneEnv> = {}): ChecksPaneEnv => ({
  rows: ROWS,
  listHeight: 10,
  planLines: 30,
  planHeight: 17,
  planApplicable: false,
  ...over,
});

describe('the checks pane (pure)', () => {
  it('lists each profile, its entries and the files it cannot use', () => {
    assert.deepEqual(
      ROWS.map((row) => checksRowText(row)),
      [
        '[!!] mine  1 of 1 required unmet',
        '     MISSING usb-storage (CONFIG_USB_SUPPORT, CONFIG_USB_STORAGE)  y/m required, is n',
        '  cannot use: /x/broken.profile:3:1: no level',
      ],
    );
  });

  it('f and R plan the fix of the profile under the cursor; Enter shows the entry in its menu', () => {
    const onEntry = { ...initialChecksPane(), cursor: 1 };
    const fix = checksPaneKey(onEntry, charKey('f'), env());
    assert.deepEqual(fix.intent, { kind: 'plan', profile: 0, recommended: false });
    assert.equal(fix.state.page, 'plan');
    assert.deepEqual(checksPaneKey(initialChecksPane(), charKey('R'), env()).intent, { kind: 'plan', profile: 0, recommended: true });
    assert.deepEqual(checksPaneKey(onEntry, keyEvent('return'), env()).intent, { kind: 'show-symbol', name: 'USB_STORAGE' });
    assert.deepEqual(checksPaneKey({ ...initialChecksPane(), cursor: 2 }, charKey('f'), env()).intent, { kind: 'none' }, 'a note has no fix');
    assert.deepEqual(checksPaneKey(onEntry, charKey('u'), env()).intent, { kind: 'undo' });
    assert.equal(checksPaneKey(onEntry, charKey('j'), env()).state.cursor, 2);
  });

  it('Enter on the plan page applies only a plan made on the values shown, and goes back to the list', () => {
    const page = { ...initialChecksPane(), page: 'plan' as const };
    assert.equal(checksMode(page, false), 'checks.outcome');
    assert.deepEqual(checksPaneKey(page, keyEvent('return'), env()).intent, { kind: 'none' });
    const applied = checksPaneKey(page, keyEvent('return'), env({ planApplicable: true }));
    assert.deepEqual([applied.intent, applied.state.page], [{ kind: 'apply-plan' }, 'list']);
    assert.equal(checksPaneKey(page, keyEvent('escape'), env()).state.page, 'list');
    assert.equal(checksPaneKey(page, charKey('j'), env()).state.planTop, 1);
  });

  it('escapes control characters a profile file brings', () => {
    const hostile = missing('evil\x1b[2J', 'reason\x07 with a bell\x1b]0;title\x07', ['EVIL']);
    const texts = [checksRowText({ kind: 'entry', profile: 0, entry: 0, status: hostile }), ...entryDetail(hostile, [], KERNEL, 78).map(lineText)];
    for (const text of texts) assert.doesNotMatch(text, /[\x00-\x1f\x7f]/, text);
  });

  it('says on the plan page that kconfig is planning, or why there is no plan', () => {
    assert.equal(
      planSummary({ kind: 'running', profile: 'boot', recommended: true }, false).text,
      'Planning the fix of boot (recommended entries too): kconfig is working...',
    );
    assert.equal(planSummary({ kind: 'failed', profile: 'boot', message: 'the fix search failed' }, false).tone, 'error');
  });

  it('warns about the profiles that were met and are not now, with their unmet required entries', () => {
    const met: EntryStatus = { ...missing('nvme', 'root disk', ['BLK_DEV_NVME']), verdict: 'met', met: true, state: 'y' };
    assert.equal(regressionWarning([profile('fine', [met])]), null);
    const broken = [1, 2, 3, 4].map((n) => missing(`m${n}`, 'r', [`M${n}`]));
    assert.equal(regressionWarning([profile('fine', [met]), profile('boot', broken)]), '! no longer met: boot (m1, m2, m3, ...); C shows why');
    assert.doesNotMatch(regressionWarning([profile('x\x1b[2J', [broken[0]!])]) ?? '', /\x1b/);
  });
});
