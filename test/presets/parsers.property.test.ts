/**
 * Property tests of the preset readers and writers: fragments, the S-expression reader, Guix
 * option lists (.config lines and values: test/model/config-text.test.ts). Generated and mutated inputs; only the
 * readers' own typed error escapes, every problem names its line (and column where it has one),
 * and what the writers write reads back to the same requests.
 * Long run: TUXCONF_PROPERTY_RUNS=100000 node --import tsx --test test/presets/parsers.property.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasControl } from '../../src/model/escape-text.js';
import { quoteConfigString } from '../../src/model/config-text.js';
import { type ExportEntry, formatExport, guixCannotCarry } from '../../src/features/presets/export-changes.js';
import { formatFragment, parseFragment } from '../../src/features/presets/fragment-format.js';
import { formatGuixList, type GuixValue, parseGuixOptions } from '../../src/features/presets/guix-format.js';
import { firstInvalidUtf8 } from '../../src/features/presets/preset-file.js';
import type { SourceIssue } from '../../src/features/presets/preset-types.js';
import { MAX_NESTING, readAll, SexpSyntaxError } from '../../src/features/presets/sexp-reader.js';
import { checkProperty, HOSTILE_CHARS, mutated, propertyRuns } from '../hardware/support/property-runs.js';

const RUNS = propertyRuns(300);

const symbolName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,14}$/);
/** Any text a .config string value can hold: no line break, no NUL. */
const storableText = fc
  .string({
    unit: fc.oneof(fc.constantFrom(...HOSTILE_CHARS.filter((char) => !'\n\r\0'.includes(char))), fc.string({ minLength: 1, maxLength: 1 })),
    maxLength: 24,
  })
  .filter((text) => !/[\n\r\0]/.test(text));
const decimal = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map(String);
const hexDigits = fc.stringMatching(/^[0-9a-fA-F]{1,16}$/);

/** A line and column inside the text (column up to one past the line's end), as a problem must name. */
function assertLocated(issue: SourceIssue | { line: number; column?: number }, text: string, label: string): void {
  const lines = text.split('\n');
  assert.ok(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines.length, `${label}: line ${issue.line} of ${lines.length}`);
  if (issue.column !== undefined) {
    const length = (lines[issue.line - 1] ?? '').length;
    assert.ok(Number.isInteger(issue.column) && issue.column >= 1 && issue.column <= length + 1, `${label}: column ${issue.column} of a line of ${length}`);
  }
}

const fragmentEntry = fc.record({
  name: symbolName,
  text: fc.oneof(
    fc.constantFrom<string | null>('y', 'm', 'n', null),
    decimal,
    hexDigits.map((digits) => `0x${digits}`),
    storableText.map(quoteConfigString),
  ),
});

/** A fragment as people write them: entries, comments, blank lines, Help lines, CRLF endings. */
const fragmentText = fc
  .array(
    fc.oneof(
      fragmentEntry.map((entry) => formatFragment([entry]).trimEnd()),
      fc.constantFrom('', '# comment', '# Help: a fragment', '#', 'CONFIG_X=y\r'),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.join('\n'));

describe('fragments (fragment-format.ts)', () => {
  const FRAGMENT_CHARS = [...HOSTILE_CHARS, 'C', 'O', 'N', 'F', 'I', 'G', '_', 'y', 'm', 'n', '0', 'x', ' is not set'];

  it('reads generated and mutated text without throwing; every problem names its line and column', () => {
    checkProperty(
      'fragment: mutated text',
      fc.property(
        fc.oneof(fragmentText, mutated(fragmentText, FRAGMENT_CHARS), fc.string({ unit: fc.constantFrom(...FRAGMENT_CHARS), maxLength: 80 })),
        (text) => {
          const parsed = parseFragment(text, 'f.config');
          for (const issue of parsed.issues) assertLocated(issue, text, issue.message);
          for (const entry of parsed.entries) {
            assert.match(entry.name, /^[A-Za-z0-9_]+$/);
            assertLocated({ line: entry.line }, text, 'entry');
            if (entry.text !== null) assert.equal(/[\n\r\0]/.test(entry.text), false, 'no value holds a line break or NUL');
          }
          assert.equal(hasControl(parsed.description), false, 'the description is safe to print');
        },
      ),
      RUNS,
    );
  });

  it('reads back what formatFragment writes, whatever the header says', () => {
    // A header line that reads as `# CONFIG_X is not set` would be an assignment to the kernel.
    const headerLine = fc.oneof(
      fc.string({ unit: fc.constantFrom(...FRAGMENT_CHARS), maxLength: 30 }),
      fc.constantFrom('CONFIG_FOO is not set', ' CONFIG_FOO  is not set ', 'CONFIG_A=y'),
    );
    checkProperty(
      'fragment: write -> read',
      fc.property(fc.array(fragmentEntry, { maxLength: 20 }), fc.array(headerLine, { maxLength: 3 }), (entries, header) => {
        const parsed = parseFragment(formatFragment(entries, header), 'f.config');
        assert.deepEqual(parsed.issues, []);
        assert.deepEqual(
          parsed.entries.map((entry) => [entry.name, entry.text]),
          entries.map((entry) => [entry.name, entry.text]),
        );
      }),
      RUNS,
    );
  });
});

describe('the S-expression reader (sexp-reader.ts)', () => {
  const SEXP_CHARS = [
    ...HOSTILE_CHARS,
    '(',
    ')',
    '[',
    ']',
    '"',
    '\\',
    ';',
    '#',
    '|',
    "'",
    '`',
    ',',
    '@',
    '.',
    't',
    'f',
    'x',
    'm',
    '1',
    'a',
    ' ',
    '#|',
    '|#',
    '#;',
    '\\x',
    '41;',
  ];
  const nested = fc
    .nat(3 * MAX_NESTING)
    .chain((depth) =>
      fc.constantFrom(
        `${'('.repeat(depth)}${')'.repeat(depth)}`,
        `${"'".repeat(depth)}x`,
        `${'#;'.repeat(depth)}()`,
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
      ),
    );

  it('returns data or throws SexpSyntaxError at a place inside the text, for any text', () => {
    checkProperty(
      'sexp: any text',
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom(...SEXP_CHARS), maxLength: 120 }), nested, mutated(nested, SEXP_CHARS)), (text) => {
        try {
          readAll(text);
        } catch (error) {
          assert.ok(error instanceof SexpSyntaxError, `only SexpSyntaxError escapes, not ${(error as Error).name}: ${(error as Error).message}`);
          assertLocated(error.at, text, error.message);
        }
      }),
      RUNS,
    );
  });

  it('refuses nesting beyond the limit, and reads it up to the limit', () => {
    checkProperty(
      'sexp: nesting limit',
      fc.property(fc.integer({ min: 1, max: 2 * MAX_NESTING }), (depth) => {
        const text = `${'('.repeat(depth)}${')'.repeat(depth)}`;
        if (depth <= MAX_NESTING) assert.equal(readAll(text).length, 1);
        else
          assert.throws(
            () => readAll(text),
            (error: unknown) => error instanceof SexpSyntaxError && /nested more than/.test(error.message) && error.at.column === MAX_NESTING + 1,
          );
      }),
      RUNS,
    );
  });
});

/** A Guix value, and the right-hand side a .config line gives it back as. */
const guixValue: fc.Arbitrary<{ value: GuixValue; text: string }> = fc.oneof(
  fc.constant({ value: true as GuixValue, text: 'y' }),
  fc.constant({ value: false as GuixValue, text: 'n' }),
  fc.constant({ value: 'module' as GuixValue, text: 'm' }),
  storableText.map((text) => ({ value: { string: text }, text: quoteConfigString(text) })),
  fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((number) => ({
    value: { integer: String(number) },
    text: Number.isSafeInteger(Number(number)) ? String(Number(number)) : String(number),
  })),
  hexDigits.map((digits) => ({ value: { hex: digits }, text: `0x${digits}` })),
);

const guixListName = fc.stringMatching(/^%?[a-z][a-z0-9-]{0,12}$/).filter((name) => name !== '%');

describe('Guix option lists (guix-format.ts)', () => {
  const guixText = fc
    .tuple(
      guixListName,
      fc.array(fc.record({ name: symbolName, value: guixValue }), { maxLength: 10 }),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
    )
    .map(([name, options, comment]) =>
      formatGuixList(
        name,
        options.map((option) => ({ name: option.name, value: option.value.value })),
        comment,
      ),
    );
  const GUIX_CHARS = [...HOSTILE_CHARS, '(', ')', '"', '.', '#t', '#f', ' m', '"CONFIG_A"', '\\n', '\\x0;', '`', ',', ';'];

  it('reads generated and mutated lists without throwing; every problem names line and column', () => {
    checkProperty(
      'guix: mutated lists',
      fc.property(fc.oneof(guixText, mutated(guixText, GUIX_CHARS)), (text) => {
        const parsed = parseGuixOptions(text, 'g.scm');
        for (const issue of parsed.issues) {
          assertLocated(issue, text, issue.message);
          if (!issue.message.startsWith('no option list found')) assert.notEqual(issue.column, undefined, `${issue.message} names a column`);
        }
        for (const list of parsed.lists) {
          assert.equal(hasControl(list.description), false);
          for (const entry of list.entries) {
            assert.match(entry.name, /^[A-Za-z0-9_]+$/);
            if (entry.text !== null) assert.equal(/[\n\r\0]/.test(entry.text), false, `CONFIG_${entry.name} holds no line break or NUL`);
          }
        }
      }),
      RUNS,
    );
  });

  it('reads back what formatGuixList writes: the same options, the same values', () => {
    checkProperty(
      'guix: write -> read',
      fc.property(
        guixListName,
        fc.array(fc.record({ name: symbolName, value: guixValue }), { maxLength: 20 }),
        fc.array(fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'a', ' '), maxLength: 30 }), { maxLength: 3 }),
        (name, options, comment) => {
          const text = formatGuixList(
            name,
            options.map((option) => ({ name: option.name, value: option.value.value })),
            comment,
          );
          const parsed = parseGuixOptions(text, 'g.scm');
          assert.deepEqual(parsed.issues, []);
          assert.equal(parsed.lists.length, 1);
          assert.equal(parsed.lists[0]!.name, name);
          assert.deepEqual(
            parsed.lists[0]!.entries.map((entry) => [entry.name, entry.text]),
            options.map((option) => [option.name, option.value.text]),
          );
        },
      ),
      RUNS,
    );
  });

  it('refuses a string value with a line break or NUL at the place it is written', () => {
    const breaking = fc.constantFrom('\\n', '\\r', '\\x0a;', '\\x0d;', '\\x0;', '\\0', '\n', '\r');
    checkProperty(
      'guix: unstorable values',
      fc.property(storableText, breaking, storableText, symbolName, (before, bad, after, name) => {
        const escaped = (text: string): string => text.replace(/[\\"]/g, (char) => `\\${char}`);
        const prefix = `(("CONFIG_${name}" . "${escaped(before)}`;
        const text = `${prefix}${bad}${escaped(after)}"))\n`;
        const parsed = parseGuixOptions(text, 'g.scm');
        assert.equal(parsed.lists.flatMap((list) => list.entries).length, 0, 'nothing is taken from the list');
        const issue = parsed.issues.find((found) => /cannot hold/.test(found.message));
        assert.ok(issue, JSON.stringify(parsed.issues));
        const lines = prefix.split('\n');
        assert.deepEqual([issue.line, issue.column], [lines.length, (lines.at(-1) as string).length + 1]);
      }),
      RUNS,
    );
  });
});

describe('exports (export-changes.ts): fragment and Guix list read back to the same options', () => {
  const exportEntry: fc.Arbitrary<ExportEntry> = fc.oneof(
    fc.record({ name: symbolName, type: fc.constant('bool' as const), text: fc.constantFrom<string | null>('y', null) }),
    fc.record({ name: symbolName, type: fc.constant('tristate' as const), text: fc.constantFrom<string | null>('y', 'm', null) }),
    fc.record({ name: symbolName, type: fc.constant('string' as const), text: storableText.map(quoteConfigString) }),
    fc.record({ name: symbolName, type: fc.constant('int' as const), text: decimal }),
    fc.record({ name: symbolName, type: fc.constant('hex' as const), text: hexDigits.map((digits) => `0x${digits}`) }),
  );

  it('round-trips every option and value, with any description', () => {
    checkProperty(
      'export: fragment and guix -> read',
      fc.property(
        fc.array(exportEntry, { maxLength: 15 }),
        fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'a', 'CONFIG_X is not set', 'Help: '), maxLength: 40 }),
        (entries, description) => {
          const fragment = parseFragment(formatExport(entries, 'fragment', { name: 'x', description }), 'x.config');
          assert.deepEqual(fragment.issues, []);
          assert.deepEqual(
            fragment.entries.map((entry) => [entry.name, entry.text]),
            entries.map((entry) => [entry.name, entry.text]),
          );
          assert.equal(hasControl(fragment.description), false);
          const guix = parseGuixOptions(formatExport(entries, 'guix', { name: 'x', description }), 'x.scm');
          assert.deepEqual(guix.issues, []);
          // Guix's config->string writes m, #t, #f and strings as they are: numbers and strings with
          // " or \ are left out of the list and named in a comment.
          const carried = entries.filter((entry) => guixCannotCarry(entry) === undefined);
          const expected = carried.map((entry) => [entry.name, entry.text === null ? 'n' : entry.text]);
          assert.deepEqual(
            guix.lists[0]!.entries.map((entry) => [entry.name, entry.text]),
            expected,
          );
          for (const entry of entries.filter((item) => guixCannotCarry(item) !== undefined)) {
            assert.ok(
              entry.type !== 'string' || /["\\]/.test((entry.text ?? '').slice(1, -1)),
              `${entry.name}: only numbers and strings with " or \\ are left out`,
            );
          }
        },
      ),
      RUNS,
    );
  });
});

describe('preset bytes that are not UTF-8 (preset-file.ts)', () => {
  it('finds the first invalid sequence exactly where a strict decoder fails', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    checkProperty(
      'utf-8 check: any bytes',
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.string({ unit: 'binary', maxLength: 20 }).map((text) => new Uint8Array(Buffer.from(text))),
        ),
        (bytes) => {
          let valid = true;
          try {
            decoder.decode(bytes);
          } catch {
            valid = false;
          }
          const found = firstInvalidUtf8(bytes);
          assert.equal(found === null, valid);
          if (found) {
            const lineStarts = [0, ...[...bytes.keys()].filter((index) => bytes[index] === 0x0a).map((index) => index + 1)];
            assert.ok(found.line >= 1 && found.line <= lineStarts.length);
            const index = (lineStarts[found.line - 1] as number) + found.column - 1;
            assert.ok(index < bytes.length && (found.line === lineStarts.length || index < (lineStarts[found.line] as number)));
            decoder.decode(bytes.subarray(0, index)); // everything before it is valid UTF-8
            assert.throws(() => decoder.decode(bytes.subarray(0, index + 4 > bytes.length ? bytes.length : index + 4)));
          }
        },
      ),
      RUNS,
    );
  });
});
