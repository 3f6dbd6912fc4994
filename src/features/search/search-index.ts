import { menuPath, primaryNode } from '../../model/menu-path.js';
import type { MenuModel } from '../../model/types.js';
import { EMPTY_FIELD, fieldText, type FieldText } from './field-text.js';
import { parseQuery } from './parse-query.js';
import { exactMatchesInSteps, type TokenMatches } from './token-matches.js';
import { TypoCorrector } from './typo-corrector.js';
import { IN_HELP, IN_NAME, IN_PROMPT, WordIndex, WordIndexBuilder } from './word-index.js';

/** What search knows about one symbol; entries are in symbol-table order. */
export interface SearchEntry {
  symbol: number;
  name: string;
  /** Lowercase name, for the exact-name and name-prefix tiers. */
  nameKey: string;
  hasPrompt: boolean;
  /** The menu node results point at (see primaryNode), or -1. */
  node: number;
  nameText: FieldText;
  promptText: FieldText;
  /** Index into SearchIndex.paths: entries in the same menu share one. */
  path: number;
  /** How many menus enclose it. */
  depth: number;
}

export interface MenuPathText {
  prompts: string[];
  text: FieldText;
}

/** Everything a query needs, precomputed once per opened tree. */
export interface SearchIndex {
  model: MenuModel;
  entries: SearchEntry[];
  paths: MenuPathText[];
  words: WordIndex;
  typos: TypoCorrector;
  /**
   * Matches of one-character words, filled as they are first typed and shared by every search
   * of the tree: each search starts with one of these, and they are the costliest to compute.
   */
  singleCharacters: Map<string, TokenMatches>;
}

/** Symbols indexed between two checks of the clock: well under a millisecond of work. */
const SYMBOLS_PER_STEP = 25;
/**
 * How long buildSearchIndexInSteps works before it lets the event loop run: a key typed while the
 * index is built (right after the first frame) waits at most about this long.
 */
const SLICE_MS = 4;

export function buildSearchIndex(model: MenuModel): SearchIndex {
  const steps = indexSteps(model);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same index built a slice at a time, yielding to the event loop in between, so a UI can
 * build it while it keeps answering keys (the whole build takes 100-200 ms on a 6.x tree).
 */
export async function buildSearchIndexInSteps(model: MenuModel, signal?: AbortSignal): Promise<SearchIndex> {
  const steps = indexSteps(model);
  for (;;) {
    signal?.throwIfAborted();
    const sliceEnd = performance.now() + SLICE_MS;
    do {
      const step = steps.next();
      if (step.done) return step.value;
    } while (performance.now() < sliceEnd);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The letters whose one-character matches fillSingleCharacters computes ahead. */
const FIRST_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Words typed after a first letter, matched once and dropped (see fillSingleCharacters). */
const PRACTICE_WORDS = ['e1', 'e10', 'ext4'];

/**
 * Computes the matches of every one-letter word ahead, a letter at a time, yielding between:
 * the first keystroke of a search is then a lookup instead of a scan of every symbol (5-15 ms,
 * several times that before the JIT has seen the code). About 3 MB on a 6.x tree. Then matches
 * a few longer words once and drops them, so that the code that narrows one keystroke's
 * matches to the next one's is compiled before the user's second keystroke needs it.
 */
export async function fillSingleCharacters(index: SearchIndex, signal?: AbortSignal): Promise<void> {
  // A few thousand symbols at a time: keys typed meanwhile wait at most a few milliseconds.
  const matchesOf = async (word: string, narrowFrom?: TokenMatches): Promise<TokenMatches> => {
    const steps = exactMatchesInSteps(index, parseQuery(word).tokens[0]!, narrowFrom);
    for (;;) {
      signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
      const step = steps.next();
      if (step.done) return step.value;
    }
  };
  for (const letter of FIRST_LETTERS) {
    if (!index.singleCharacters.has(letter)) index.singleCharacters.set(letter, await matchesOf(letter));
  }
  let before = index.singleCharacters.get(PRACTICE_WORDS[0]![0]!);
  for (const word of PRACTICE_WORDS) before = await matchesOf(word, before);
}

function* indexSteps(model: MenuModel): Generator<void, SearchIndex> {
  const entries: SearchEntry[] = [];
  const paths: MenuPathText[] = [];
  const pathIds = new Map<string, number>();
  // A menu path depends on the node's parent only: worked out once per parent (a few thousand),
  // not once per symbol (17,000 arrays and strings that were dropped at once).
  const pathOfParent = new Map<number, number>();
  const words = new WordIndexBuilder();
  for (const symbol of model.symbols) {
    if (entries.length > 0 && entries.length % SYMBOLS_PER_STEP === 0) yield;
    const node = primaryNode(model, symbol);
    const parent = node >= 0 ? (model.nodes[node]?.parent ?? -1) : -1;
    let path = pathOfParent.get(parent);
    if (path === undefined) {
      const prompts = node >= 0 ? menuPath(model, node) : [];
      const pathKey = prompts.join('\n');
      path = pathIds.get(pathKey);
      if (path === undefined) {
        path = paths.length;
        pathIds.set(pathKey, path);
        paths.push({ prompts, text: fieldText(prompts.join(' ')) });
      }
      pathOfParent.set(parent, path);
    }
    const entry = entries.length;
    entries.push({
      symbol: symbol.index,
      name: symbol.name,
      nameKey: symbol.name.toLowerCase(),
      hasPrompt: symbol.prompt !== null,
      node,
      nameText: fieldText(symbol.name),
      promptText: symbol.prompt ? fieldText(symbol.prompt) : EMPTY_FIELD,
      path,
      depth: paths[path]!.prompts.length,
    });
    words.addText(entry, symbol.name, IN_NAME);
    if (symbol.prompt) words.addText(entry, symbol.prompt, IN_PROMPT);
    words.addText(entry, symbol.help, IN_HELP);
  }
  yield;
  const wordIndex = words.build(entries.length);
  return {
    model,
    entries,
    paths,
    words: wordIndex,
    typos: new TypoCorrector(wordIndex.words),
    singleCharacters: new Map(),
  };
}
