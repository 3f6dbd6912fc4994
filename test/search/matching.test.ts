/** The pieces search is made of: query parsing, word starts, typo distance, the word index, typo corrections. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { typoDistance } from '../../src/features/search/edit-distance.js';
import { fieldText, NO_WORD_MATCH, WHOLE_WORD, WORD_PREFIX, wordStartMatch } from '../../src/features/search/field-text.js';
import { parseQuery } from '../../src/features/search/parse-query.js';
import { TypoCorrector } from '../../src/features/search/typo-corrector.js';
import { IN_HELP, IN_NAME, IN_PROMPT, WordIndexBuilder } from '../../src/features/search/word-index.js';

describe('parseQuery', () => {
  it('drops CONFIG_ from every word and reads names with spaces as underscores', () => {
    const query = parseQuery('  CONFIG_EXT4  fs ');
    assert.equal(query.name, 'ext4_fs');
    assert.deepEqual(query.tokens.map((token) => token.compact), ['ext4', 'fs']);
  });

  it('takes the name out of pasted .config lines', () => {
    assert.equal(parseQuery('CONFIG_E1000E=m').name, 'e1000e');
    assert.equal(parseQuery('CONFIG_CMDLINE="quiet splash"').name, 'cmdline');
    assert.equal(parseQuery('# CONFIG_E1000E is not set').name, 'e1000e');
    assert.equal(parseQuery('E1000E=y').name, 'e1000e');
  });

  it('keeps the alphanumeric parts of a word and their concatenation', () => {
    const [token] = parseQuery('PRO/1000').tokens;
    assert.deepEqual(token, { text: 'pro/1000', compact: 'pro1000', parts: ['pro', '1000'] });
  });

  it('drops words with nothing to match', () => {
    assert.deepEqual(parseQuery('/ - CONFIG_').tokens, []);
  });
});

describe('fieldText and wordStartMatch', () => {
  const prompt = fieldText('Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support');

  it('keeps letters and digits, lowercase', () => {
    assert.equal(prompt.compact, 'intelrpro1000pciexpressgigabitethernetsupport');
  });

  it('matches at word starts, across punctuation', () => {
    assert.equal(wordStartMatch(prompt, 'pcie'), WORD_PREFIX);
    assert.equal(wordStartMatch(prompt, 'pciexpress'), WHOLE_WORD);
    assert.equal(wordStartMatch(prompt, 'pro1000'), WHOLE_WORD);
    assert.equal(wordStartMatch(prompt, 'thernet'), NO_WORD_MATCH);
  });

  it('starts a word where digits follow letters, without ending the one before', () => {
    const name = fieldText('RTL8188EE');
    assert.equal(wordStartMatch(name, '8188'), WORD_PREFIX);
    assert.equal(wordStartMatch(name, 'rtl'), WORD_PREFIX);
    assert.equal(wordStartMatch(fieldText('EXT4_FS'), 'ext4'), WHOLE_WORD);
  });

  it('finds a word start after an earlier inner occurrence', () => {
    assert.equal(wordStartMatch(fieldText('Ethernet bridge: ether'), 'ether'), WHOLE_WORD);
  });
});

describe('fieldText of any text', () => {
  /** fieldText as it was first written: lowercase, drop all but [a-z0-9], mark word starts. */
  function referenceFieldText(text: string): { compact: string; starts: string } {
    const lower = text.toLowerCase();
    const kinds = [...lower].flatMap((char) => (char.length === 1 ? [char] : [...char]));
    const starts: number[] = [];
    let compact = '';
    let previous = 'other';
    for (const char of kinds) {
      const kind = /[a-z]/.test(char) ? 'letter' : /[0-9]/.test(char) ? 'digit' : 'other';
      if (kind === 'other') {
        previous = 'other';
        continue;
      }
      starts.push(previous === 'other' ? 1 : previous === 'letter' && kind === 'digit' ? 2 : 0);
      compact += char;
      previous = kind;
    }
    return { compact, starts: String.fromCharCode(...starts) };
  }

  it('is what lowercasing and keeping letters and digits gives, for ASCII and any other text', () => {
    const asciiText = fc.string({ unit: fc.constantFrom(...'aZ09_-/ (.)x7Q'.split('')), maxLength: 30 });
    const anyText = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(asciiText, anyText), (text) => {
        assert.deepEqual(fieldText(text), referenceFieldText(text));
      }),
      { numRuns: 3000 },
    );
    assert.deepEqual(fieldText('\u212a\u0130X'), referenceFieldText('\u212a\u0130X'), 'the Kelvin sign and a dotted I lowercase to ASCII letters');
  });
});

describe('typoDistance', () => {
  it('counts a swap of neighbouring letters as one typo', () => {
    assert.equal(typoDistance('jounral', 'journal', 2), 1);
    assert.equal(typoDistance('nmve', 'nvme', 2), 1);
  });

  it('counts insertions, deletions and substitutions', () => {
    assert.equal(typoDistance('wireguad', 'wireguard', 2), 1);
    assert.equal(typoDistance('e1000r', 'e1000e', 2), 1);
    assert.equal(typoDistance('kitten', 'sitting', 3), 3);
    assert.equal(typoDistance('', 'abc', 3), 3);
    assert.equal(typoDistance('same', 'same', 0), 0);
  });

  it('stops past the limit', () => {
    assert.equal(typoDistance('bluetooth', 'ethernet', 2), 3);
    assert.equal(typoDistance('a', 'abcdef', 2), 3);
  });
});

describe('WordIndex', () => {
  const builder = new WordIndexBuilder();
  builder.addText(0, 'EXT4_FS', IN_NAME);
  builder.addText(0, 'The Extended 4 (ext4) filesystem', IN_PROMPT);
  builder.addText(0, 'Use tune2fs; the ext4 filesystem', IN_HELP);
  builder.addText(1, 'EXT2_FS', IN_NAME);
  builder.addText(1, 'Second extended fs support', IN_PROMPT);
  builder.addText(2, 'Journalling for ext3', IN_HELP);
  const index = builder.build(3);

  function lookup(prefix: string, fields: number): [number, number, number][] {
    const found: [number, number, number][] = [];
    index.forEachWithPrefix(prefix, fields, (entry, where, whole) => found.push([entry, where, whole]));
    return found.sort((a, b) => a[0] - b[0]);
  }

  it('finds every entry with a word beginning with a prefix, with the fields', () => {
    assert.deepEqual(lookup('ext', IN_NAME | IN_PROMPT | IN_HELP), [
      [0, IN_NAME | IN_PROMPT | IN_HELP, 0],
      [1, IN_NAME | IN_PROMPT, 0],
      [2, IN_HELP, 0],
    ]);
  });

  it('tells whole words from prefixes and keeps to the fields asked for', () => {
    assert.deepEqual(lookup('ext4', IN_NAME | IN_PROMPT | IN_HELP), [[0, IN_NAME | IN_PROMPT | IN_HELP, IN_NAME | IN_PROMPT | IN_HELP]]);
    assert.deepEqual(lookup('tune2fs', IN_NAME | IN_PROMPT), []);
    assert.deepEqual(lookup('tune2fs', IN_HELP), [[0, IN_HELP, IN_HELP]]);
    assert.deepEqual(lookup('zzz', IN_HELP), []);
  });

  it('keeps its words sorted and distinct', () => {
    assert.deepEqual(index.words, [...new Set(index.words)].sort());
  });
});

describe('WordIndex of many entries', () => {
  it('finds the same entries and fields as a plain scan, across tens of thousands of postings', () => {
    const texts: [string, number][][] = [];
    for (let entry = 0; entry < 30_000; entry++) {
      texts.push([
        [`N${entry}_FS`, IN_NAME],
        [`alpha beta${entry % 7} n${entry}`, IN_PROMPT],
        [`alpha gamma${entry % 13} beta${entry % 7}`, IN_HELP],
      ]);
    }
    const builder = new WordIndexBuilder();
    texts.forEach((fields, entry) => fields.forEach(([text, field]) => builder.addText(entry, text, field)));
    const index = builder.build(texts.length);
    for (const prefix of ['alpha', 'beta3', 'beta', 'gamma12', 'n2999', 'n29999', 'fs', 'zzz']) {
      const expected: [number, number, number][] = [];
      texts.forEach((fields, entry) => {
        let where = 0;
        let whole = 0;
        for (const [text, field] of fields) {
          for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
            if (!word.startsWith(prefix)) continue;
            where |= field;
            if (word === prefix) whole |= field;
          }
        }
        if (where) expected.push([entry, where, whole]);
      });
      const found: [number, number, number][] = [];
      index.forEachWithPrefix(prefix, IN_NAME | IN_PROMPT | IN_HELP, (entry, where, whole) => found.push([entry, where, whole]));
      assert.deepEqual(
        found.sort((a, b) => a[0] - b[0]),
        expected,
        prefix,
      );
    }
  });
});

describe('TypoCorrector', () => {
  const corrector = new TypoCorrector(['journal', 'journalling', 'wireguard', 'ethernet', 'ethertype', 'coherent', 'e1000', 'e1000e', 'nvme', 'nvmem', 'never']);
  const words = (token: string) => corrector.corrections(token).map((correction) => correction.word);

  it('finds what a mistyped word meant, closest first', () => {
    assert.equal(words('jounral')[0], 'journal');
    assert.deepEqual(words('wiregaurd'), ['wireguard']);
    assert.equal(words('etherent')[0], 'ethernet');
    assert.ok(!words('etherent').includes('coherent'), 'two typos away is too far for an 8-letter word');
    assert.equal(words('e1000r')[0], 'e1000e');
    assert.equal(words('nmve')[0], 'nvme');
  });

  it('corrects the beginning of a word still being typed', () => {
    assert.deepEqual(words('wiregua'), [], 'a correct beginning needs no correction');
    assert.deepEqual(words('wiregau'), ['wireguard']);
  });

  it('leaves short words alone', () => {
    assert.deepEqual(corrector.corrections('nve'), []);
  });
});
