import { parseQuery, type QueryToken } from './parse-query.js';
import type { SearchEntry, SearchIndex } from './search-index.js';
import {
  correctedMatches,
  exactMatches,
  FUZZY,
  LEADING,
  NO_MATCH,
  PARTIAL,
  type TokenMatches,
} from './token-matches.js';
import { IN_NAME, IN_PROMPT } from './word-index.js';

/** Why a symbol matched, best first. */
export type MatchKind = 'name' | 'name-prefix' | 'words' | 'partial' | 'fuzzy' | 'help';
const TIERS: readonly MatchKind[] = ['name', 'name-prefix', 'words', 'partial', 'fuzzy', 'help'];
const NAME_TIER = 0;
const NAME_PREFIX_TIER = 1;
/** Tier of a query whose worst word has class WORD; PARTIAL and FUZZY follow in order. */
const WORDS_TIER = 2;
const HELP_TIER = 5;

export interface SearchHit {
  /** Index into the symbol table. */
  symbol: number;
  match: MatchKind;
}

export interface SearchOutcome {
  hits: SearchHit[];
  /** Matches found in all; typo corrections are only looked for when the exact tiers leave room. */
  total: number;
}

export interface SearchOptions {
  /** Most hits to return (default 50). */
  limit?: number;
}

export const DEFAULT_LIMIT = 50;
/**
 * The longest query searched: longer than any name, prompt or phrase worth typing, short
 * enough that a search stays well under a frame's time on a whole kernel tree. Text beyond
 * it (a paste) is not searched; the search pane says so.
 */
export const MAX_QUERY_LENGTH = 200;
const CACHED_WORDS = 32;

interface Candidate {
  entry: SearchEntry;
  /** Sum over the query words of their weakness: lower is closer. */
  weakness: number;
  /** The name or prompt begins with the query's first word. */
  leading: boolean;
  /** Share of the name or prompt the query covers: higher is more specific. */
  coverage: number;
}

/**
 * Ranked search over every symbol of a tree: exact name, name prefix, all words at word
 * starts in the name or prompt, words also found in the menu path or inside words, typo
 * corrections (fuse.js), then help text. Keeps per-word matches between keystrokes, so one
 * more letter only re-examines what the word matched before.
 */
export class SymbolSearch {
  private readonly exact = new Map<string, TokenMatches>();
  private readonly corrected = new Map<string, TokenMatches>();

  constructor(readonly index: SearchIndex) {}

  search(text: string, options: SearchOptions = {}): SearchOutcome {
    const limit = Math.max(0, options.limit ?? DEFAULT_LIMIT);
    const query = parseQuery(text.slice(0, MAX_QUERY_LENGTH));
    // Every word must match: a word given twice asks nothing new.
    query.tokens = query.tokens.filter((token, index) => query.tokens.findIndex((other) => other.text === token.text) === index);
    if (query.tokens.length === 0) return { hits: [], total: 0 };
    const exact = query.tokens.map((token) => [this.exactFor(token)]);
    const tiers: number[][] = TIERS.map(() => []);
    const placed = new Uint8Array(this.index.entries.length);
    // An entry whose name begins with the query also has every query word at a word start,
    // so every candidate is among the matches of the rarest word.
    for (const i of rarestWordMatches(exact)) {
      const nameKey = this.index.entries[i]!.nameKey;
      const worst = worstClass(exact, i);
      let tier = -1;
      if (nameKey === query.name) tier = NAME_TIER;
      else if (nameKey.startsWith(query.name)) tier = NAME_PREFIX_TIER;
      else if (worst <= PARTIAL) tier = WORDS_TIER + worst;
      if (tier < 0) continue;
      tiers[tier]!.push(i);
      placed[i] = 1;
    }
    const sure = tiers.reduce((sum, tier) => sum + tier.length, 0);
    const tokens = sure < limit ? this.withCorrections(query.tokens, exact) : exact;
    for (const i of rarestWordMatches(tokens)) {
      if (placed[i]) continue;
      const worst = worstClass(tokens, i);
      if (worst !== NO_MATCH) tiers[worst === FUZZY ? WORDS_TIER + FUZZY : HELP_TIER]!.push(i);
    }
    return {
      hits: this.topHits(tiers, tokens, limit),
      total: tiers.reduce((sum, tier) => sum + tier.length, 0),
    };
  }

  /** Ranks only as many tiers as the limit reaches into. */
  private topHits(tiers: number[][], tokens: TokenMatches[][], limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    tiers.forEach((members, tier) => {
      if (hits.length >= limit) return;
      const ranked = members
        .map((i) => candidate(this.index.entries[i]!, tokens, i))
        .sort(tier === NAME_PREFIX_TIER ? byShorterName : byCloseness);
      for (const found of ranked.slice(0, limit - hits.length)) {
        hits.push({ symbol: found.entry.symbol, match: TIERS[tier]! });
      }
    });
    return hits;
  }

  /** Adds typo corrections for the words that match nothing as typed. */
  private withCorrections(tokens: QueryToken[], exact: TokenMatches[][]): TokenMatches[][] {
    return tokens.map((token, t) => {
      const typed = exact[t]![0]!;
      return typed.matched.length > 0 ? [typed] : [typed, this.correctedFor(token)];
    });
  }

  private exactFor(token: QueryToken): TokenMatches {
    const shared = this.index.singleCharacters;
    if (token.text.length === 1) {
      return shared.get(token.text) ?? remember(shared, token.text, exactMatches(this.index, token));
    }
    const cached = this.exact.get(token.text);
    if (cached) return cached;
    return remember(this.exact, token.text, exactMatches(this.index, token, this.earlierMatches(token)));
  }

  /** The matches of the longest shorter word this one extends (the previous keystroke's). */
  private earlierMatches(token: QueryToken): TokenMatches | undefined {
    for (let length = token.text.length - 1; length > 1; length--) {
      const earlier = this.exact.get(token.text.slice(0, length));
      if (earlier) return earlier;
    }
    return this.index.singleCharacters.get(token.text[0]!);
  }

  private correctedFor(token: QueryToken): TokenMatches {
    return this.corrected.get(token.compact) ?? remember(this.corrected, token.compact, correctedMatches(this.index, token));
  }
}

/** Typed a letter at a time by practiseSearches: one word, then two. */
const PRACTICE_QUERIES = ['ext4', 'usb s'];

/**
 * Types a few queries into a search of its own, dropped afterwards, a letter at a time and
 * yielding to the event loop after each: the first keystrokes of the user's first search then
 * run compiled code. Cold, ranking the thousands of matches of one letter and narrowing them to
 * two took 5-20 ms more than warm; one step here is a keystroke's work, a few milliseconds.
 */
export async function practiseSearches(index: SearchIndex, signal?: AbortSignal): Promise<void> {
  const practice = new SymbolSearch(index);
  for (const query of PRACTICE_QUERIES) {
    for (let length = 1; length <= query.length; length++) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
      practice.search(query.slice(0, length), { limit: DEFAULT_LIMIT });
    }
  }
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHED_WORDS) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/**
 * The entries matching the query word with the fewest matches (counting its corrections):
 * an entry must match every word, so it is among these.
 */
function rarestWordMatches(tokens: TokenMatches[][]): Iterable<number> {
  let best: TokenMatches[] | undefined;
  let size = Infinity;
  for (const alternatives of tokens) {
    const count = alternatives.reduce((sum, matches) => sum + matches.matched.length, 0);
    if (count < size) {
      best = alternatives;
      size = count;
    }
  }
  if (!best || best.length === 1) return best?.[0]?.matched ?? [];
  return new Set(best.flatMap((matches) => [...matches.matched]));
}

/** The best alternative of each query word for entry `i`. */
function bestOf(alternatives: TokenMatches[], i: number): TokenMatches {
  let best = alternatives[0]!;
  for (const other of alternatives) {
    const better =
      other.classes[i]! < best.classes[i]! ||
      (other.classes[i] === best.classes[i] && other.weakness[i]! < best.weakness[i]!);
    if (better) best = other;
  }
  return best;
}

/** The class of the query's worst-matching word, NO_MATCH when a word matches nothing. */
function worstClass(tokens: TokenMatches[][], i: number): number {
  let worst = 0;
  for (const alternatives of tokens) worst = Math.max(worst, bestOf(alternatives, i).classes[i]!);
  return worst;
}

function candidate(entry: SearchEntry, tokens: TokenMatches[][], i: number): Candidate {
  let weakness = 0;
  let inName = 0;
  let inPrompt = 0;
  const first = tokens[0] ? bestOf(tokens[0], i) : undefined;
  for (const alternatives of tokens) {
    const best = bestOf(alternatives, i);
    const length = best.token.compact.length;
    weakness += best.weakness[i]!;
    if (best.fields[i]! & IN_NAME) inName += length;
    if (best.fields[i]! & IN_PROMPT) inPrompt += length;
  }
  const nameLength = entry.nameText.compact.length;
  const promptLength = entry.promptText.compact.length;
  return {
    entry,
    weakness,
    leading: ((first?.fields[i] ?? 0) & LEADING) !== 0,
    coverage: Math.max(nameLength ? inName / nameLength : 0, promptLength ? inPrompt / promptLength : 0),
  };
}

/** Name prefixes: the fewer characters left to type, the closer. */
function byShorterName(a: Candidate, b: Candidate): number {
  return a.entry.name.length - b.entry.name.length || byName(a, b);
}

/**
 * Inside a tier: symbols one can set, then the closest match, then entries that begin with
 * the query, then the more general (higher in the menu, so a driver's main entry comes
 * before its options), then the more specific wording.
 */
function byCloseness(a: Candidate, b: Candidate): number {
  return (
    Number(b.entry.hasPrompt) - Number(a.entry.hasPrompt) ||
    a.weakness - b.weakness ||
    Number(b.leading) - Number(a.leading) ||
    a.entry.depth - b.entry.depth ||
    b.coverage - a.coverage ||
    byShorterName(a, b)
  );
}

function byName(a: Candidate, b: Candidate): number {
  return a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0;
}
