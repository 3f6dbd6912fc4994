/**
 * The ranking tiers on a small hand-written tree: exact name, name prefix, prompt words,
 * words found in the menu path, typo corrections, help text. The real 6.12 tree is searched
 * in real-tree.test.ts; this file pins each rule down on its own.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSearchIndex, buildSearchIndexInSteps, fillSingleCharacters } from '../../src/features/search/search-index.js';
import { practiseSearches, SymbolSearch, type MatchKind, type SearchOutcome } from '../../src/features/search/symbol-search.js';
import { networkModel } from './support/network-model.js';

const index = buildSearchIndex(networkModel);
const TIER_ORDER: MatchKind[] = ['name', 'name-prefix', 'words', 'partial', 'fuzzy', 'help'];

function search(query: string, limit?: number): SearchOutcome {
  return new SymbolSearch(index).search(query, limit === undefined ? {} : { limit });
}

/** The hits as "NAME:match". */
function ranked(query: string): string[] {
  return search(query).hits.map((hit) => `${networkModel.symbols[hit.symbol]!.name}:${hit.match}`);
}

describe('ranking tiers', () => {
  it('puts the exact name first, then the names it begins', () => {
    assert.deepEqual(ranked('E1000E'), ['E1000E:name', 'E1000E_HWTS:name-prefix']);
  });

  it('orders name prefixes by how much is left to type', () => {
    assert.deepEqual(ranked('e1000').slice(0, 3), ['E1000:name', 'E1000E:name-prefix', 'E1000E_HWTS:name-prefix']);
  });

  it('ignores a CONFIG_ prefix, case, and the rest of a pasted .config line', () => {
    for (const query of ['CONFIG_E1000E', 'config_e1000e', 'CONFIG_E1000E=m', '# CONFIG_E1000E is not set', '  e1000e  ']) {
      assert.equal(ranked(query)[0], 'E1000E:name', query);
    }
  });

  it('reads spaces as the underscores of a name', () => {
    assert.equal(ranked('ext4 fs')[0], 'EXT4_FS:name');
  });

  it('matches prompt words in any order, across punctuation', () => {
    assert.equal(ranked('pcie intel pro/1000')[0], 'E1000E:words');
    assert.equal(ranked('realtek 8169')[0], 'R8169:words');
  });

  it('ranks a word found only in the menu path below words of the prompt', () => {
    // "intel" is in E1000E's prompt but only in E1000E_HWTS's menu path (Intel devices).
    assert.deepEqual(ranked('intel hwts'), ['E1000E_HWTS:partial']);
    assert.deepEqual(ranked('intel cross'), ['E1000E_HWTS:partial']);
    assert.deepEqual(ranked('intel pci'), ['E1000E:words', 'IGB:words', 'E1000E_HWTS:partial']);
  });

  it('finds words inside longer words below word starts', () => {
    assert.deepEqual(ranked('guard'), ['WIREGUARD:partial']);
  });

  it('takes the digits after letters as a word of their own', () => {
    assert.deepEqual(ranked('8169'), ['R8169:words', 'R8169_LEDS:words']);
  });

  it('finds a word that only the help text has', () => {
    assert.deepEqual(ranked('tune2fs'), ['EXT4_FS:help']);
    assert.deepEqual(ranked('rtl8168'), ['R8169:help']);
  });

  it('puts help-text matches last', () => {
    const hits = ranked('gigabit');
    assert.deepEqual(hits.slice(0, 3).sort(), ['E1000:words', 'E1000E:words', 'IGB:words']);
    assert.equal(hits.at(-1), 'R8169:help');
  });

  it('tolerates typos: swapped, missing, extra and wrong letters', () => {
    assert.equal(ranked('wiregaurd')[0], 'WIREGUARD:fuzzy');
    assert.equal(ranked('wireguad')[0], 'WIREGUARD:fuzzy');
    assert.equal(ranked('wireeguard')[0], 'WIREGUARD:fuzzy');
    assert.equal(ranked('ext4 filesytem')[0], 'EXT4_FS:fuzzy');
    const e1000r = ranked('e1000r');
    assert.equal(e1000r[0], 'E1000E:fuzzy', 'a wrong letter beats a missing one');
    assert.ok(e1000r.includes('E1000:fuzzy'));
  });

  it('looks for typos only when a word matches nothing as typed', () => {
    assert.ok(search('ethernet').hits.every((hit) => hit.match !== 'fuzzy'));
  });

  it('keeps every result list in tier order', () => {
    for (const query of ['e', 'in', 'gigabit', 'intel', 'ethernet', 'e1000', 'support', 'wiregaurd', 'ext4']) {
      const tiers = search(query).hits.map((hit) => TIER_ORDER.indexOf(hit.match));
      assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), query);
    }
  });

  it('searches symbols without a prompt too, after those with one in the same tier', () => {
    assert.deepEqual(ranked('efficient'), ['HAVE_EFFICIENT_UNALIGNED_ACCESS:words']);
    assert.deepEqual(ranked('leds'), ['R8169_LEDS:words']);
  });

  it('prefers the entry the query begins, then the one higher in the menu', () => {
    // Both prompts begin with "Intel"; E1000 and E1000E tie on the words, IGB's prompt is longer.
    const hits = ranked('intel');
    assert.equal(hits[0], 'NET_VENDOR_INTEL:words', 'the vendor menu is higher than its drivers');
  });

  it('limits the hits and counts them all', () => {
    const outcome = search('e', 2);
    assert.equal(outcome.hits.length, 2);
    assert.ok(outcome.total > 2);
    assert.equal(search('e', 0).hits.length, 0);
  });

  it('returns nothing for an empty query, punctuation, or words nothing has', () => {
    for (const query of ['', '   ', '///', 'CONFIG_', 'zzqqxxv']) {
      assert.deepEqual(search(query), { hits: [], total: 0 }, JSON.stringify(query));
    }
  });

  it('gives the same results typed one key at a time as searched at once', () => {
    for (const query of ['intel pro/1000 pcie', 'CONFIG_E1000E', 'wiregaurd', 'realtek 8169', 'ext4 filesytem', 'pro-1 x']) {
      const typing = new SymbolSearch(index);
      for (let length = 1; length <= query.length; length++) {
        const prefix = query.slice(0, length);
        assert.deepEqual(typing.search(prefix), search(prefix), prefix);
      }
    }
  });
});

describe('building the index in steps', () => {
  it('gives the same index as building it at once', async () => {
    const stepped = await buildSearchIndexInSteps(networkModel);
    assert.deepEqual(stepped.entries, index.entries);
    assert.deepEqual(stepped.paths, index.paths);
    assert.deepEqual(stepped.words.words, index.words.words);
    for (const query of ['intel pro/1000 pcie', 'tune2fs', 'wiregaurd', 'e']) {
      assert.deepEqual(new SymbolSearch(stepped).search(query), search(query), query);
    }
  });

  it('finds the same with the one-letter tables filled ahead', async () => {
    const filled = await buildSearchIndexInSteps(networkModel);
    await fillSingleCharacters(filled);
    assert.ok(filled.singleCharacters.has('e') && filled.singleCharacters.has('z'));
    for (const query of ['e', 'e1000e', 'intel pro/1000 pcie', 'w', 'wiregaurd', 'x 8']) {
      const typing = new SymbolSearch(filled);
      for (let length = 1; length <= query.length; length++) {
        const prefix = query.slice(0, length);
        assert.deepEqual(typing.search(prefix), search(prefix), prefix);
      }
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(buildSearchIndexInSteps(networkModel, controller.signal), { name: 'AbortError' });
  });

  it('practises searches without changing the shared tables or what a search finds', async () => {
    const practised = await buildSearchIndexInSteps(networkModel);
    await fillSingleCharacters(practised);
    const tables = new Map(practised.singleCharacters);
    await practiseSearches(practised);
    assert.deepEqual([...practised.singleCharacters.keys()], [...tables.keys()]);
    for (const [letter, matches] of tables) assert.equal(practised.singleCharacters.get(letter), matches, letter);
    for (const query of ['e', 'ext4', 'usb s', 'intel pro/1000 pcie', 'wiregaurd']) {
      assert.deepEqual(new SymbolSearch(practised).search(query), search(query), query);
    }
  });

  it('stops practising when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(practiseSearches(index, controller.signal), { name: 'AbortError' });
  });
});
