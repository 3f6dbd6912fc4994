import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseConfigValue, quoteConfigString, requestedValue } from '../../src/model/config-text.js';
import { formatFragment, parseFragment } from '../../src/features/presets/fragment-format.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/presets/${path}`, import.meta.url));

test('reads every kind of request a fragment holds, with its line', () => {
  const text = ['# Help: Test fragment', 'CONFIG_A=y', 'CONFIG_B=m', '# CONFIG_C is not set', 'CONFIG_D="a \\"quoted\\" \\\\ word"', '', 'CONFIG_E=42', 'CONFIG_F=0x1f', 'CONFIG_G=n', '# plain comment'].join('\n');
  const parsed = parseFragment(text, 'x.config');
  assert.deepEqual(parsed.issues, []);
  assert.equal(parsed.description, 'Test fragment');
  assert.deepEqual(
    parsed.entries.map((entry) => [entry.name, entry.text, entry.line]),
    [
      ['A', 'y', 2],
      ['B', 'm', 3],
      ['C', null, 4],
      ['D', '"a \\"quoted\\" \\\\ word"', 5],
      ['E', '42', 7],
      ['F', '0x1f', 8],
      ['G', 'n', 9],
    ],
  );
  assert.equal(requestedValue(parsed.entries[3]!.text), 'a "quoted" \\ word');
  assert.equal(requestedValue(null), 'n');
});

test('a fragment without a Help line is described by its first comment', () => {
  assert.equal(parseFragment('# Basic kernel hardening options (specific to x86)\n\nCONFIG_X=y\n', 'h').description, 'Basic kernel hardening options (specific to x86)');
  assert.equal(parseFragment('CONFIG_X=y\n', 'h').description, '');
});

test('malformed lines are reported with their line numbers and a fix', async () => {
  const path = fixture('malformed/bad-lines.config');
  const parsed = parseFragment(await readFile(path, 'utf8'), path);
  assert.deepEqual(
    parsed.issues.map((issue) => issue.line),
    [3, 4, 5, 6, 7, 8],
  );
  const messages = parsed.issues.map((issue) => issue.message);
  assert.match(messages[0]!, /CONFIG_BTRFS_FS' has no '=value'/);
  assert.match(messages[1]!, /lacks the CONFIG_ prefix: write CONFIG_EFI=y/);
  assert.match(messages[2]!, /no spaces around '='/);
  assert.match(messages[3]!, /write exactly '# CONFIG_REISERFS_FS is not set'/);
  assert.match(messages[4]!, /unquoted strings/);
  assert.match(messages[5]!, /string is not closed/);
  assert.deepEqual(parsed.entries.map((entry) => entry.name), ['EXT4_FS']);
});

test('values the kernel would misread are refused', () => {
  assert.deepEqual(parseConfigValue('yes'), { ok: false, message: "value 'yes' is not y, m or n" });
  assert.equal(parseConfigValue('"abc" trailing').ok, false);
  assert.equal(parseConfigValue('').ok, false);
  assert.deepEqual(parseConfigValue('-3'), { ok: true, kind: 'number', value: '-3' });
});

test('formatting and reading back a fragment gives the same entries', () => {
  const entries = [
    { name: 'A', text: 'y' },
    { name: 'B', text: null },
    { name: 'S', text: quoteConfigString('back\\slash "quote"') },
    { name: 'N', text: '17' },
  ];
  const text = formatFragment(entries, ['Help: round trip']);
  assert.equal(text, '# Help: round trip\nCONFIG_A=y\n# CONFIG_B is not set\nCONFIG_S="back\\\\slash \\"quote\\""\nCONFIG_N=17\n');
  const parsed = parseFragment(text, 'rt');
  assert.deepEqual(parsed.entries.map(({ name, text: value }) => ({ name, text: value })), entries);
  assert.equal(requestedValue(parsed.entries[2]!.text), 'back\\slash "quote"');
});
