/**
 * Work per query is bounded, whatever was pasted: the query is cut to MAX_QUERY_LENGTH, a word
 * given twice is matched once, and typo corrections are not looked for in words longer than
 * any word of the tree (fuse.js would scan its vocabulary per 32 characters of such a word).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fuse from 'fuse.js';
import { buildSearchIndex } from '../../src/features/search/search-index.js';
import { MAX_QUERY_LENGTH, SymbolSearch } from '../../src/features/search/symbol-search.js';
import { TypoCorrector } from '../../src/features/search/typo-corrector.js';
import { networkModel } from './support/network-model.js';

const index = buildSearchIndex(networkModel);
const names = (query: string): string[] =>
  new SymbolSearch(index).search(query, { limit: 100 }).hits.map((hit) => `${networkModel.symbols[hit.symbol]!.name}:${hit.match}`);

/** Counts fuse.js searches while `body` runs. */
function fuseSearches(body: () => void): number {
  const original = Fuse.prototype.search;
  let calls = 0;
  Fuse.prototype.search = function (this: Fuse<unknown>, ...args: Parameters<typeof original>) {
    calls++;
    return original.apply(this, args);
  } as typeof original;
  try {
    body();
  } finally {
    Fuse.prototype.search = original;
  }
  return calls;
}

describe('bounded work for long queries', () => {
  it(`searches the first ${MAX_QUERY_LENGTH} characters of a longer query`, () => {
    const pasted = `intel ${' '.repeat(MAX_QUERY_LENGTH)} nothing-like-this-exists`;
    assert.ok(names('intel').length > 0);
    assert.deepEqual(names(pasted), names('intel'), 'the words after the cut do not count');
    assert.deepEqual(names('x'.repeat(5000)), []);
  });

  it('matches a word given many times once: a repeated paste asks nothing new', () => {
    const symbols = (query: string): string[] => names(query).map((hit) => hit.split(':')[0]!);
    // The same symbols (the repeated text is not the name ETHERNET any more, so its tier differs).
    assert.deepEqual(symbols('ethernet '.repeat(20)), symbols('ethernet'));
    assert.deepEqual(names('intel ethernet intel ethernet'), names('intel ethernet'));
  });

  it('looks for no typo correction of a word longer than every word of the tree', () => {
    const corrector = new TypoCorrector(['journal', 'journalling', 'wireguard', 'ethernet']);
    assert.equal(fuseSearches(() => corrector.corrections('jounral')), 1, 'a typo of a word is looked for');
    assert.equal(corrector.corrections('jounral')[0]?.word, 'journal');
    const long = 'journalling'.repeat(9);
    assert.equal(fuseSearches(() => assert.deepEqual(corrector.corrections(long), [])), 0, 'fuse.js is not asked about a 99-letter word');
    assert.equal(fuseSearches(() => corrector.corrections('journallingxx')), 1, 'two letters more than the longest word can still be a typo');
  });
});
