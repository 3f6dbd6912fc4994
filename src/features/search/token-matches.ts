import { NO_WORD_MATCH, WHOLE_WORD, wordStartMatch } from './field-text.js';
import type { QueryToken } from './parse-query.js';
import type { SearchEntry, SearchIndex } from './search-index.js';
import { IN_HELP, IN_NAME, IN_PROMPT } from './word-index.js';

/**
 * How well one query word matches an entry, best first. A query's tier follows its worst
 * word: words at word starts in the name or prompt beat words found only in the menu path
 * or inside longer words, which beat typo corrections, which beat the help text.
 */
export const WORD = 0;
export const PARTIAL = 1;
export const FUZZY = 2;
export const HELP = 3;
export const FUZZY_HELP = 4;
export const NO_MATCH = 9;

/** In TokenMatches.fields: the name or the prompt begins with the word. */
export const LEADING = 16;

/** Below this length, words inside other words and help text match too much to be useful. */
export const MIN_INNER_LENGTH = 3;

export interface TokenMatches {
  token: QueryToken;
  /** The entries that match at all, ascending. */
  matched: Int32Array;
  /**
   * The entries any longer word typed after this one can match in name, prompt or path:
   * those with the word anywhere in the name or prompt, or at a word start in the path.
   */
  pool: Int32Array;
  /** Per entry: one of the classes above. */
  classes: Uint8Array;
  /** Per entry: finer order inside a class, lower is closer (whole words, fewer typos). */
  weakness: Uint8Array;
  /**
   * Per entry: IN_NAME / IN_PROMPT where the word begins a word (for coverage), and LEADING
   * when the name or prompt begins with it.
   */
  fields: Uint8Array;
}

/**
 * Matches of the word as typed. `narrowFrom` may hold the matches of a word this one extends
 * (the same word one keystroke ago): only its pool is looked at again.
 */
export function exactMatches(index: SearchIndex, token: QueryToken, narrowFrom?: TokenMatches): TokenMatches {
  const steps = exactMatchesInSteps(index, token, narrowFrom);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Entries looked at between two yields of exactMatchesInSteps: a few milliseconds at most. */
const ENTRIES_PER_STEP = 2000;

/** exactMatches, yielding every few thousand entries (for work done ahead, between keys). */
export function* exactMatchesInSteps(index: SearchIndex, token: QueryToken, narrowFrom?: TokenMatches): Generator<void, TokenMatches> {
  const { entries, paths } = index;
  const word = token.compact;
  const inner = word.length >= MIN_INNER_LENGTH;
  const inPath = paths.map((path) => wordStartMatch(path.text, word) !== 0);
  const matches = emptyMatches(token, entries.length);
  const { classes, weakness, fields } = matches;
  const pool: number[] = [];
  const visit = (i: number) => {
    const entry = entries[i]!;
    const nameHas = entry.nameText.compact.includes(word);
    const promptHas = entry.promptText.compact.includes(word);
    if (!nameHas && !promptHas && !inPath[entry.path]) return;
    pool.push(i);
    const inName = nameHas ? wordStartMatch(entry.nameText, word) : NO_WORD_MATCH;
    const inPrompt = promptHas ? wordStartMatch(entry.promptText, word) : NO_WORD_MATCH;
    if (inName || inPrompt) {
      classes[i] = WORD;
      weakness[i] = inName === WHOLE_WORD || inPrompt === WHOLE_WORD ? 0 : 1;
      fields[i] = (inName ? IN_NAME : 0) | (inPrompt ? IN_PROMPT : 0) | (leads(entry, word) ? LEADING : 0);
    } else if (inPath[entry.path]) {
      classes[i] = PARTIAL;
      weakness[i] = 2;
    } else if (inner) {
      classes[i] = PARTIAL;
      weakness[i] = 3;
    }
  };
  const among = narrowFrom && canNarrow(narrowFrom.token, token) ? narrowFrom.pool : null;
  const count = among ? among.length : entries.length;
  for (let k = 0; k < count; k++) {
    if (k > 0 && k % ENTRIES_PER_STEP === 0) yield;
    visit(among ? among[k]! : k);
  }
  if (inner) markHelpMatches(index, token, matches);
  matches.matched = matchedEntries(classes);
  matches.pool = Int32Array.from(pool);
  return matches;
}

/** Whether `longer` extends the typed text of `shorter`, so its matches are among shorter's pool. */
function canNarrow(shorter: QueryToken, longer: QueryToken): boolean {
  return longer.text.startsWith(shorter.text);
}

/** Every alphanumeric part of the query word must begin a word of the help text. */
function markHelpMatches(index: SearchIndex, token: QueryToken, matches: TokenMatches): void {
  const found = new Uint8Array(matches.classes.length);
  for (const part of token.parts) {
    index.words.forEachWithPrefix(part, IN_HELP, (entry) => {
      found[entry]! += 1;
    });
  }
  for (let i = 0; i < found.length; i++) {
    if (matches.classes[i] === NO_MATCH && found[i] === token.parts.length) {
      matches.classes[i] = HELP;
      matches.weakness[i] = 6;
    }
  }
}

/**
 * Matches through the typo corrections of the word (see TypoCorrector): words of the tree
 * that begin with a correction.
 */
export function correctedMatches(index: SearchIndex, token: QueryToken): TokenMatches {
  const matches = emptyMatches(token, index.entries.length);
  const { classes, weakness, fields } = matches;
  for (const { word, typos } of index.typos.corrections(token.compact)) {
    // A correction of another length is more of a guess (a word still being typed, or a dropped letter).
    const retyped = word.length === token.compact.length ? 0 : 1;
    index.words.forEachWithPrefix(word, IN_NAME | IN_PROMPT | IN_HELP, (entry, where, whole) => {
      const shown = where & (IN_NAME | IN_PROMPT);
      const kind = shown ? FUZZY : FUZZY_HELP;
      const score = kind === FUZZY_HELP ? 8 + typos + retyped : 4 + typos + retyped + ((whole & shown) !== 0 ? 0 : 1);
      if (kind < classes[entry]! || (kind === classes[entry] && score < weakness[entry]!)) {
        classes[entry] = kind;
        weakness[entry] = score;
        fields[entry] = shown | (leads(index.entries[entry]!, word) ? LEADING : 0);
      }
    });
  }
  matches.matched = matchedEntries(classes);
  return matches;
}

function leads(entry: SearchEntry, word: string): boolean {
  return entry.nameText.compact.startsWith(word) || entry.promptText.compact.startsWith(word);
}

function matchedEntries(classes: Uint8Array): Int32Array {
  let count = 0;
  for (const value of classes) if (value !== NO_MATCH) count++;
  const matched = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < classes.length; i++) if (classes[i] !== NO_MATCH) matched[at++] = i;
  return matched;
}

function emptyMatches(token: QueryToken, count: number): TokenMatches {
  return {
    token,
    matched: new Int32Array(0),
    pool: new Int32Array(0),
    classes: new Uint8Array(count).fill(NO_MATCH),
    weakness: new Uint8Array(count),
    fields: new Uint8Array(count),
  };
}
