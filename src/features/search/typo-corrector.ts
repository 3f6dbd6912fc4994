import Fuse from 'fuse.js';
import { typoDistance } from './edit-distance.js';

/** A word of the tree that a mistyped query word probably meant. */
export interface Correction {
  word: string;
  /** Typos between the query word and the word (or the word's beginning, while typing). */
  typos: number;
}

/** Shorter words have too many one-typo neighbours to guess from. */
export const MIN_TYPO_LENGTH = 4;
const MAX_CORRECTIONS = 8;

const FUSE_OPTIONS = {
  // Generous: fuse.js counts a swap of two letters as two errors; typoDistance confirms.
  threshold: 0.5,
  location: 0,
  distance: 16,
  ignoreFieldNorm: true,
};

/**
 * Finds the words of the tree's vocabulary that a query word is a typo of. fuse.js does the
 * fuzzy matching over the words that share the query word's first letter (or second, for a
 * swap of the first two); the optimal-string-alignment distance then keeps only real
 * near-misses and orders them.
 */
export class TypoCorrector {
  private readonly wordsByFirstLetter = new Map<string, string[]>();
  /** Built on first use: most sessions never mistype most letters. */
  private readonly fuseByFirstLetter = new Map<string, Fuse<string>>();
  /** A word longer than this by more than the typos allowed cannot be a typo of any word. */
  private longestWord = 0;

  constructor(vocabulary: Iterable<string>) {
    for (const word of vocabulary) {
      if (word.length < MIN_TYPO_LENGTH - 1) continue;
      this.longestWord = Math.max(this.longestWord, word.length);
      const first = word[0]!;
      const bucket = this.wordsByFirstLetter.get(first);
      if (bucket) bucket.push(word);
      else this.wordsByFirstLetter.set(first, [word]);
    }
  }

  /** Best first; none for words shorter than MIN_TYPO_LENGTH. */
  corrections(token: string): Correction[] {
    if (token.length < MIN_TYPO_LENGTH) return [];
    const limit = token.length <= 5 ? 1 : 2;
    // Also keeps a pasted run of text from costing fuse.js a scan per 32 characters of it.
    if (token.length > this.longestWord + limit) return [];
    const best = new Map<string, number>();
    const searches: [string, string][] = [[token[0]!, token]];
    if (token[1] !== token[0]) searches.push([token[1]!, token[1]! + token[0]! + token.slice(2)]);
    for (const [letter, pattern] of searches) {
      for (const { item } of this.fuseFor(letter)?.search(pattern) ?? []) {
        if (best.has(item) || item.startsWith(token)) continue;
        const typos = typosToWordOrItsStart(token, item, limit);
        if (typos <= limit) best.set(item, typos);
      }
    }
    return [...best]
      .map(([word, typos]) => ({ word, typos }))
      .sort((a, b) => a.typos - b.typos || lengthGap(token, a.word) - lengthGap(token, b.word) || (a.word < b.word ? -1 : 1))
      .slice(0, MAX_CORRECTIONS);
  }

  private fuseFor(letter: string): Fuse<string> | undefined {
    let fuse = this.fuseByFirstLetter.get(letter);
    const words = this.wordsByFirstLetter.get(letter);
    if (!fuse && words) {
      fuse = new Fuse(words, FUSE_OPTIONS, Fuse.createIndex([], words));
      this.fuseByFirstLetter.set(letter, fuse);
    }
    return fuse;
  }
}

/** While typing, a query word may be a mistyped beginning of a longer word ("wiregau" -> "wireguard"). */
function typosToWordOrItsStart(token: string, word: string, limit: number): number {
  let typos = typoDistance(token, word, limit);
  for (let length = token.length - 1; length <= token.length + 1; length++) {
    if (length < word.length) typos = Math.min(typos, typoDistance(token, word.slice(0, length), limit));
  }
  return typos;
}

function lengthGap(token: string, word: string): number {
  return Math.abs(word.length - token.length);
}
