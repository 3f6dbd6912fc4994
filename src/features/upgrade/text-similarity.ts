/** Words of Kconfig prompts, help texts and names, weighted by how rare they are in a tree. */

const STOP_WORDS = new Set(
  'a an and are as at be been but by can do does for from has have if in into is it its may not of on or say says so such that the their them then there these this those to unless use used uses using was when which will with you your yes no n y m unsure select enable enables support supports option options driver drivers kernel linux config module modules built choose called'.split(
    ' ',
  ),
);

/** Lower-case words of a text, without stop words; words keep `_` (CONFIG names stay one word). */
export function textWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[a-z0-9][a-z0-9_]*/g)) {
    const word = match[0];
    if (word.length > 1 && !STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

/** The words of a symbol name: PAGE_TABLE_ISOLATION -> page, table, isolation. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split('_')
    .filter((word) => word.length > 0);
}

/** Document frequencies of a collection, for inverse-frequency weights. */
export class WordStatistics {
  private readonly frequency = new Map<string, number>();
  private documents = 0;

  add(words: Iterable<string>): void {
    this.documents++;
    for (const word of new Set(words)) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
  }

  count(word: string): number {
    return this.frequency.get(word) ?? 0;
  }

  /** log(N / df): a word in every document weighs 0, a word no document has weighs the most. */
  weight(word: string): number {
    return Math.log((this.documents + 1) / ((this.frequency.get(word) ?? 0) + 0.5));
  }
}
