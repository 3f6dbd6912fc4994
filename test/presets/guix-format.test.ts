import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatGuixList, parseGuixOptions } from '../../src/features/presets/guix-format.js';
import { readAll } from '../../src/features/presets/sexp-reader.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/presets/${path}`, import.meta.url));
const parseFixture = async (path: string) => parseGuixOptions(await readFile(fixture(path), 'utf8'), path);

test('reads a hand-written module in the style of %default-extra-linux-options', async () => {
  const parsed = await parseFixture('guix/extra-linux-options.scm');
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.lists.map((list) => list.name), ['%base-extra-linux-options', '%guest-extra-linux-options']);
  const [base, guest] = parsed.lists;
  assert.equal(base!.description, 'Container and cgroup support that elogind and friends expect.');
  const pairs = base!.entries.map((entry) => `${entry.name}=${entry.text}@${entry.line}`);
  assert.deepEqual(pairs.slice(0, 4), ['IKCONFIG=y@11', 'IKCONFIG_PROC=y@12', 'SECURITY_DMESG_RESTRICT=y@14', 'STRICT_DEVMEM=n@15']);
  assert.ok(pairs.includes('DM_CRYPT=m@27'));
  assert.ok(pairs.includes('LOCALVERSION="-guix"@33'));
  assert.equal(pairs.at(-1), 'LOG_BUF_SHIFT=18@34');
  assert.ok(!pairs.some((pair) => pair.startsWith('DEBUG_KERNEL') || pair.startsWith('KASAN')), 'comments are not options');
  assert.equal(base!.entries.length, 18);
  assert.deepEqual(guest!.entries.map((entry) => entry.text), Array(8).fill('m'));
});

test('reads a bare quoted list', async () => {
  const parsed = await parseFixture('guix/bare-list.scm');
  assert.deepEqual(parsed.issues, []);
  assert.equal(parsed.lists.length, 1);
  assert.equal(parsed.lists[0]!.name, null);
  assert.deepEqual(parsed.lists[0]!.entries.map((entry) => [entry.name, entry.text, entry.line]), [
    ['EFI', 'y', 2],
    ['EFI_STUB', 'y', 3],
    ['EFIVAR_FS', 'm', 4],
    ['IA32_EMULATION', 'y', 5],
  ]);
});

test('unbalanced parentheses name the line of the open parenthesis', async () => {
  const parsed = await parseFixture('malformed/unbalanced.scm');
  assert.equal(parsed.lists.length, 0);
  assert.equal(parsed.issues.length, 1);
  assert.equal(parsed.issues[0]!.line, 1);
  assert.match(parsed.issues[0]!.message, /unbalanced parentheses: the '\(' opened at line 1, column 1 is never closed/);

  const extra = await parseFixture('malformed/extra-close.scm');
  assert.equal(extra.issues[0]!.line, 2);
  assert.match(extra.issues[0]!.message, /unexpected '\)'/);
});

test('an unclosed string is reported where it starts', async () => {
  const parsed = await parseFixture('malformed/unclosed-string.scm');
  assert.equal(parsed.issues.length, 1);
  assert.equal(parsed.issues[0]!.line, 3);
  assert.match(parsed.issues[0]!.message, /string starting at line 3, column 20 is never closed/);
});

test('entries that are not option pairs are reported one by one', async () => {
  const parsed = await parseFixture('malformed/bad-entries.scm');
  const found = parsed.issues.map((issue) => [issue.line, issue.message]);
  assert.deepEqual(found.map(([line]) => line), [4, 5, 6, 7, 8]);
  assert.match(String(found[0]![1]), /must be a pair/);
  assert.match(String(found[1]![1]), /must be a string/);
  assert.match(String(found[2]![1]), /"EFI_MIXED" is not an option name/);
  assert.match(String(found[3]![1]), /write #t for y/);
  assert.match(String(found[4]![1]), /literal values only/);
  // The well-formed pairs are still read (the unknown symbol is for the tree check to judge).
  assert.deepEqual(parsed.lists[0]!.entries.map((entry) => entry.name), ['EFI', 'NOT_A_SYMBOL_AT_ALL']);
});

test('an expression that needs evaluating is refused with its line', async () => {
  const parsed = await parseFixture('malformed/evaluated.scm');
  assert.equal(parsed.lists.length, 0);
  assert.equal(parsed.issues[0]!.line, 2);
  assert.match(parsed.issues[0]!.message, /cannot evaluate \(append \.\.\.\)/);
});

test('a file without any option list says what it expected', () => {
  const parsed = parseGuixOptions('(define x 1)\n', 'empty.scm');
  assert.match(parsed.issues[0]!.message, /no option list found/);
});

test('the reader keeps strings, escapes, numbers and nested comments apart', () => {
  const data = readAll('#| outer #| inner |# still |# ("a\\"b\\x41;" . #x1F) [x . -3] ; tail');
  assert.equal(data.length, 2);
  const [pair, bracket] = data;
  assert.equal(pair?.kind, 'list');
  if (pair?.kind !== 'list' || bracket?.kind !== 'list') return;
  assert.deepEqual(pair.items[0], { kind: 'string', value: 'a"bA', at: { line: 1, column: 32 } });
  assert.equal(pair.tail?.kind === 'number' ? pair.tail.value : undefined, 31);
  assert.equal(bracket.tail?.kind === 'number' ? bracket.tail.value : undefined, -3);
  assert.throws(() => readAll('(a . b c)'), /only one value may follow/);
  assert.throws(() => readAll('(a]'), /'\]' closes the '\(' opened at line 1/);
});

test('a written list reads back to the same options', () => {
  const text = formatGuixList('%round-trip', [
    { name: 'A', value: true },
    { name: 'B', value: 'module' },
    { name: 'C', value: false },
    { name: 'S', value: { string: 'say "hi" \\ there' } },
    { name: 'M', value: { string: 'm' } },
    { name: 'N', value: 64 },
    { name: 'H', value: { hex: '1000' } },
  ], ['Written by a test']);
  assert.match(text, /^;; Written by a test\n\(define %round-trip\n {2}`\(\("CONFIG_A" \. #t\)\n/);
  const parsed = parseGuixOptions(text, 'rt.scm');
  assert.deepEqual(parsed.issues, []);
  assert.equal(parsed.lists[0]!.description, 'Written by a test');
  assert.deepEqual(parsed.lists[0]!.entries.map((entry) => [entry.name, entry.text]), [
    ['A', 'y'],
    ['B', 'm'],
    ['C', 'n'],
    ['S', '"say \\"hi\\" \\\\ there"'],
    ['M', '"m"'],
    ['N', '64'],
    ['H', '0x1000'],
  ]);
  assert.equal(parseGuixOptions(formatGuixList('%none', []), 'e.scm').lists[0]!.entries.length, 0);
});
