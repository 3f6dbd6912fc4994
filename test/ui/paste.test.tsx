/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Pasting into the TUI (demo tree, real kconfig engine): a paste arrives as one read (or a
 * few), with or without the terminal's bracketed-paste markers. It is applied as one edit and
 * searched once; its line breaks never act as Enter; its control characters are shown
 * escaped; a value .config cannot hold is refused; pasted text is never taken for commands.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MAX_QUERY_LENGTH, SymbolSearch } from '../../src/features/search/symbol-search.js';
import { cursorLine, demoTuiPerTest, KEYS, type Tui } from './support/tui-harness.js';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
/** Raw control characters other than colours (SGR), which must never reach the terminal. */
const RAW_CONTROL = /\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f\x9b]/;

/** A thousand characters of words that all match: the capped query still finds symbols. */
const LONG_PASTE = 'ethernet '.repeat(112).slice(0, 1000);

/** Counts the searches run while `body` runs. */
function countingSearches(): { count(): number; reset(): void; restore(): void } {
  const original = SymbolSearch.prototype.search;
  let calls = 0;
  SymbolSearch.prototype.search = function (this: SymbolSearch, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  };
  return {
    count: () => calls,
    reset: () => {
      calls = 0;
    },
    restore: () => {
      SymbolSearch.prototype.search = original;
    },
  };
}

async function openLocalVersionEditor(tui: Tui): Promise<void> {
  await tui.press('j', KEYS.enter);
  await tui.waitFor((frame) => cursorLine(frame).includes('Local version'), 'General setup');
  await tui.press(KEYS.enter);
  await tui.waitFor((frame) => frame.includes('(CONFIG_LOCALVERSION, string)'), 'the string editor');
}

describe('pasting into the search box', () => {
  const start = demoTuiPerTest();
  let searches: ReturnType<typeof countingSearches>;
  beforeEach(() => {
    searches = countingSearches();
  });
  afterEach(() => searches.restore());

  it('a 1,000-character paste is one edit and one search, cut to what the search takes, and says so', async () => {
    const { tui } = await start();
    await tui.press('/');
    await tui.waitFor((frame) => frame.includes('Type what you remember'), 'the search pane');
    searches.reset();
    await tui.arrive(LONG_PASTE);
    const frame = await tui.waitFor((text) => /\d+ match/.test(text) && text.includes('Search takes the first'), 'the results of the paste');
    assert.equal(searches.count(), 1, 'one search for the whole paste, none for the queries it passed through');
    assert.match(frame, new RegExp(`^! Search takes the first ${MAX_QUERY_LENGTH} characters; the rest was left out`, 'm'));
    assert.match(cursorLine(frame) || frame, /ETHERNET|Ethernet/i, 'results for the query');
    assert.ok(frame.includes('Search: ') && frame.includes('ethernet ethernet'), 'the query line shows the end of the query');
  });

  it('typing after a paste searches the latest query only', async () => {
    const { tui } = await start();
    await tui.press('/');
    await tui.waitFor((frame) => frame.includes('Type what you remember'), 'the search pane');
    searches.reset();
    // Three reads handled in one turn: only the query after the last one is searched.
    await tui.arrive('e10');
    await tui.arrive('00');
    await tui.arrive('e');
    const frame = await tui.waitFor((text) => text.includes('Search: e1000e') && /\d+ match/.test(text), 'the results for e1000e');
    assert.match(cursorLine(frame), /^>E1000E=/);
    assert.ok(searches.count() <= 3, `at most one search per read (${searches.count()})`);
  });

  it('shows pasted control characters escaped and takes a line break for a space, not for Enter', async () => {
    const { tui, demo } = await start();
    await tui.press('/');
    await tui.waitFor((frame) => frame.includes('Type what you remember'), 'the search pane');
    await tui.arrive(`${PASTE_START}e1000\x1b]0;pwned\x07\re${PASTE_END}`);
    const frame = await tui.waitFor((text) => text.includes('Search: e1000\\e]0;pwned\\x07\\ne'), 'the query, escaped');
    assert.doesNotMatch(frame, RAW_CONTROL);
    assert.ok(frame.includes('Search every symbol'), 'the pane is still open: the line break was not Enter');
    assert.equal(demo.session.unsavedCount, 0);
  });
});

describe('pasting into the value editor', () => {
  const start = demoTuiPerTest();

  it('a paste with a line break (no paste markers) fills the field, is refused with the reason, and sets nothing', async () => {
    const { tui, demo } = await start();
    await openLocalVersionEditor(tui);
    // The first line of the paste must not set a half value: the newline is text, not Enter.
    await tui.arrive('-a\rCONFIG_MODULES=n');
    const frame = await tui.waitFor((text) => text.includes('│ > -a\\nCONFIG_MODULES=n'), 'the pasted text, its line break escaped');
    assert.match(frame, /│ a \.config line cannot hold a line break \(shown as \\n\): delete it +│/);
    assert.equal(demo.session.value('LOCALVERSION'), '', 'nothing was set');
    await tui.press(KEYS.enter);
    await tui.waitFor((text) => text.includes('(CONFIG_LOCALVERSION, string)') && text.includes('line break'), 'Enter refused');
    assert.equal(demo.session.value('LOCALVERSION'), '');
    assert.equal(demo.session.unsavedCount, 0);
    await tui.press(KEYS.ctrlU, '-', 'b', KEYS.enter);
    await tui.waitFor((text) => cursorLine(text).includes('(-b) Local version'), 'a good value set');
    assert.equal(demo.session.value('LOCALVERSION'), '-b');
  });

  it('an Enter at the end of what was read at once still submits (fast typing over SSH)', async () => {
    const { tui, demo } = await start();
    await openLocalVersionEditor(tui);
    await tui.arrive('-fast\r');
    await tui.waitFor((text) => cursorLine(text).includes('(-fast) Local version'), 'the value set');
    assert.equal(demo.session.value('LOCALVERSION'), '-fast');
  });

  it('a bracketed paste with escape sequences and a NUL: shown escaped, never raw, refused', async () => {
    const { tui, demo } = await start();
    await openLocalVersionEditor(tui);
    await tui.arrive(`${PASTE_START}-x\x1b[2J\x1b]52;c;aGk=\x07\x00y${PASTE_END}`);
    const frame = await tui.waitFor((text) => text.includes('│ > -x\\e[2J\\e]52;c;aGk=\\x07\\x00y'), 'the paste, escaped');
    assert.doesNotMatch(frame, RAW_CONTROL);
    assert.match(frame, /│ a \.config line cannot hold a NUL \(shown as \\x00\): delete it +│/);
    await tui.press(KEYS.enter);
    await tui.waitFor((text) => text.includes('cannot hold a NUL'), 'Enter refused');
    assert.equal(demo.session.value('LOCALVERSION'), '');
  });
});

describe('pasting into the menu', () => {
  const start = demoTuiPerTest();

  it('ignores a bracketed paste (a .config line would set values as it went) and says where pasting works', async () => {
    const { tui, demo } = await start();
    await tui.press('j', 'j');
    await tui.waitFor((frame) => cursorLine(frame).includes('Enable loadable module support'), 'the cursor on MODULES');
    await tui.arrive(`${PASTE_START}n\rnnn${PASTE_END}`);
    await tui.waitFor((frame) => frame.includes('Pasted text is taken by the search (/) and the value editors'), 'the message');
    assert.equal(demo.session.unsavedCount, 0, 'no value changed');
    assert.equal(demo.session.value('MODULES'), 'y');
  });
});
