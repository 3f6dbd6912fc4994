/** Where in a symbol's entry a word occurs (menu paths are matched without this index). */
export const IN_NAME = 1;
export const IN_PROMPT = 2;
export const IN_HELP = 8;
const ALL_FIELDS = 15;
const FIELD_BITS = 4;

/**
 * An inverted index from words to the entries they occur in, with a bit mask of the fields.
 * Sorted words make "every word starting with X" a binary search plus a short walk.
 */
export class WordIndex {
  /** Sorted, distinct. */
  readonly words: string[];
  /** Postings of word i: postings[offsets[i]] up to postings[offsets[i + 1]]; each entry << 4 | fields. */
  private readonly offsets: Int32Array;
  private readonly postings: Int32Array;
  /** Scratch space for lookups: per entry the fields found, and the entries found in order. */
  private readonly found: Uint8Array;
  private readonly wholeFound: Uint8Array;
  private readonly order: Int32Array;

  constructor(words: string[], offsets: Int32Array, postings: Int32Array, entryCount: number) {
    this.words = words;
    this.offsets = offsets;
    this.postings = postings;
    this.found = new Uint8Array(entryCount);
    this.wholeFound = new Uint8Array(entryCount);
    this.order = new Int32Array(entryCount);
  }

  /**
   * Calls `visit(entry, fields, wholeFields)` once per entry that has a word starting with
   * `prefix` in one of `fieldMask`'s fields: `fields` holds every such field, `wholeFields`
   * those where the word is exactly `prefix`.
   */
  forEachWithPrefix(
    prefix: string,
    fieldMask: number,
    visit: (entry: number, fields: number, wholeFields: number) => void,
  ): void {
    const { found, wholeFound, order, postings, offsets } = this;
    let count = 0;
    for (let i = lowerBound(this.words, prefix); i < this.words.length; i++) {
      const word = this.words[i]!;
      if (!word.startsWith(prefix)) break;
      const whole = word.length === prefix.length;
      for (let p = offsets[i]!; p < offsets[i + 1]!; p++) {
        const posting = postings[p]!;
        const fields = posting & fieldMask & ALL_FIELDS;
        if (fields === 0) continue;
        const entry = posting >> FIELD_BITS;
        if (found[entry] === 0) order[count++] = entry;
        found[entry]! |= fields;
        if (whole) wholeFound[entry]! |= fields;
      }
    }
    for (let i = 0; i < count; i++) {
      const entry = order[i]!;
      const fields = found[entry]!;
      const wholeFields = wholeFound[entry]!;
      found[entry] = 0;
      wholeFound[entry] = 0;
      visit(entry, fields, wholeFields);
    }
  }
}

/**
 * Collects words entry by entry (entries in ascending order), then freezes into a WordIndex.
 * A kernel tree has about half a million word occurrences but only some 27,000 distinct words:
 * words are looked up in an open-addressing table straight from the text, so only new words
 * become strings, and postings live in typed arrays.
 */
export class WordIndexBuilder {
  private readonly words: string[] = [];
  /** Hash table of word ids + 1 (0 = empty slot). */
  private slots = new Int32Array(1 << 12);
  /** Per word id: where its latest posting is in `pairs`, to merge fields of one entry. */
  private lastPair: number[] = [];
  private lastEntry: number[] = [];
  /**
   * Flat (word id, entry << 4 | fields) pairs in insertion order, PAIRS_PER_CHUNK to a chunk:
   * about 470,000 pairs on a 6.x tree, stored without the copies a doubling array makes.
   */
  private readonly pairChunks: Int32Array[] = [];
  private pairCount = 0;

  /** Adds every ASCII alphanumeric word of `text`, lowercased, to `entry` in `field`. */
  addText(entry: number, text: string, field: number): void {
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const code = i < text.length ? text.charCodeAt(i) : 0;
      if (isAlphanumeric(code)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        this.addPosting(this.wordId(text, start, i), entry, field);
        start = -1;
      }
    }
  }

  private wordId(text: string, start: number, end: number): number {
    const mask = this.slots.length - 1;
    let slot = hashOf(text, start, end) & mask;
    for (let stored = this.slots[slot]!; stored !== 0; stored = this.slots[slot]!) {
      if (sameText(this.words[stored - 1]!, text, start, end)) return stored - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.words.length;
    this.words.push(text.slice(start, end).toLowerCase());
    this.lastEntry.push(-1);
    this.lastPair.push(-1);
    this.slots[slot] = id + 1;
    if (this.words.length * 2 > this.slots.length) this.growSlots();
    return id;
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    this.words.forEach((word, id) => {
      let slot = hashOf(word, 0, word.length) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    });
  }

  private addPosting(id: number, entry: number, field: number): void {
    if (this.lastEntry[id] === entry) {
      const pair = this.lastPair[id]!;
      this.pairChunks[pair >> PAIR_CHUNK_BITS]![((pair & PAIR_CHUNK_MASK) << 1) + 1]! |= field;
      return;
    }
    const at = (this.pairCount & PAIR_CHUNK_MASK) << 1;
    if (at === 0) this.pairChunks.push(new Int32Array(PAIRS_PER_CHUNK * 2));
    const chunk = this.pairChunks[this.pairChunks.length - 1]!;
    chunk[at] = id;
    chunk[at + 1] = (entry << FIELD_BITS) | field;
    this.lastEntry[id] = entry;
    this.lastPair[id] = this.pairCount;
    this.pairCount += 1;
  }

  /** Each pair in insertion order: its word id and its posting. */
  private forEachPair(visit: (id: number, posting: number) => void): void {
    for (let chunkIndex = 0; chunkIndex < this.pairChunks.length; chunkIndex++) {
      const chunk = this.pairChunks[chunkIndex]!;
      const end = Math.min(this.pairCount - chunkIndex * PAIRS_PER_CHUNK, PAIRS_PER_CHUNK) * 2;
      for (let at = 0; at < end; at += 2) visit(chunk[at]!, chunk[at + 1]!);
    }
  }

  build(entryCount: number): WordIndex {
    const sortedIds = this.words.map((_, id) => id).sort((a, b) => (this.words[a]! < this.words[b]! ? -1 : 1));
    const rank = new Int32Array(this.words.length);
    sortedIds.forEach((id, position) => {
      rank[id] = position;
    });
    // Counting sort by word rank keeps each word's postings in entry order.
    const offsets = new Int32Array(this.words.length + 1);
    this.forEachPair((id) => {
      offsets[rank[id]! + 1]! += 1;
    });
    for (let i = 0; i < this.words.length; i++) offsets[i + 1]! += offsets[i]!;
    const next = offsets.slice(0, this.words.length);
    const postings = new Int32Array(this.pairCount);
    this.forEachPair((id, posting) => {
      postings[next[rank[id]!]!++] = posting;
    });
    return new WordIndex(
      sortedIds.map((id) => this.words[id]!),
      offsets,
      postings,
      entryCount,
    );
  }
}

const PAIR_CHUNK_BITS = 15;
const PAIRS_PER_CHUNK = 1 << PAIR_CHUNK_BITS;
const PAIR_CHUNK_MASK = PAIRS_PER_CHUNK - 1;

function isAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

/** ASCII lowercase of a letter or digit's code. */
function lowerCode(code: number): number {
  return code <= 90 && code >= 65 ? code + 32 : code;
}

/** FNV-1a over the lowercased codes of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ lowerCode(text.charCodeAt(i)), 0x01000193);
  return hash >>> 0;
}

/** Whether `word` (lowercase) is text[start, end) lowercased. */
function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== lowerCode(text.charCodeAt(start + i))) return false;
  return true;
}

function lowerBound(sorted: string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
