/**
 * The one module for `.config` text: lines and values written by it read back to what was written,
 * strings quoted and unquoted with the kernel's escapes, values compared as confdata.c compares
 * them, merge_config.sh's merge. Pure: no kernel tree (the kernel itself checks the same rules in
 * test/engine/config-values-kernel.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bareStringValue,
  type ConfigAssignment,
  configLineFor,
  configTextLines,
  formatConfigLine,
  fragmentSymbolNames,
  mergeFragmentText,
  misspelledNotSetName,
  parseConfigLine,
  parseConfigValue,
  quoteConfigString,
  readConfigAssignments,
  readConfigValues,
  requestedValue,
  sameConfigValue,
  stripConfigPrefix,
  unquoteConfigString,
  unstorableValueReason,
  validConfigValue,
} from '../../src/model/config-text.js';
import { escapeControl } from '../../src/model/escape-text.js';
import { checkProperty, HOSTILE_CHARS, propertyRuns } from '../hardware/support/property-runs.js';

const RUNS = propertyRuns(300);

const symbolName = fc.stringMatching(/^[A-Za-z0-9_]{1,16}$/);
/** Any text a .config string value can hold: no line break, no NUL. */
const storableText = fc
  .string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 24 })
  .filter((text) => unstorableValueReason(text) === undefined);
const hexText = fc.tuple(fc.constantFrom('', '0x', '0X'), fc.stringMatching(/^[0-9a-fA-F]{1,10}$/)).map(([prefix, digits]) => prefix + digits);
const intText = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map(String);
/** A right-hand side as the kernel's writer spells one, or null for "is not set". */
const rightHandSide = fc.option(fc.oneof(fc.constantFrom('y', 'm'), intText, hexText, storableText.map(quoteConfigString)), { nil: null });

describe('.config lines', () => {
  it('reads back every line it writes (write -> parse)', () => {
    checkProperty(
      'config line: write -> parse',
      fc.property(symbolName, rightHandSide, (name, text) => {
        const assignment: ConfigAssignment = { name, text };
        assert.deepEqual(parseConfigLine(formatConfigLine(assignment)), assignment);
      }),
      RUNS,
    );
  });

  it('reads only what conf_read reads as an assignment', () => {
    assert.deepEqual(parseConfigLine('CONFIG_E1000E=m'), { name: 'E1000E', text: 'm' });
    assert.deepEqual(parseConfigLine('CONFIG_LOCALVERSION="-x"'), { name: 'LOCALVERSION', text: '"-x"' });
    assert.deepEqual(parseConfigLine('# CONFIG_E1000E is not set'), { name: 'E1000E', text: null });
    assert.deepEqual(parseConfigLine('CONFIG_EMPTY='), { name: 'EMPTY', text: '' });
    for (const line of [
      '',
      '#',
      '# comment',
      '#CONFIG_X is not set',
      '# CONFIG_X  is not set',
      '# CONFIG_X is not set ',
      'CONFIG_X',
      'X=y',
      ' CONFIG_X=y',
      'CONFIG_A B=y',
      'CONFIG_=y',
    ]) {
      assert.equal(parseConfigLine(line), null, JSON.stringify(line));
    }
    assert.equal(misspelledNotSetName('#CONFIG_X is not set'), 'X');
    assert.equal(misspelledNotSetName('#  CONFIG_X   is  not set '), 'X');
    assert.equal(misspelledNotSetName('# CONFIG_X is not set'), undefined, 'the exact form is no misspelling');
  });

  it('reads a whole .config written from a map, and nothing from comments among it', () => {
    checkProperty(
      'config text: write -> read',
      fc.property(
        fc.dictionary(symbolName, rightHandSide),
        fc.array(fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, '#', ' ', 'C'), maxLength: 20 }), { maxLength: 5 }),
        (values, noise) => {
          const lines = Object.entries(values).map(([name, text]) => formatConfigLine({ name, text }));
          const comments = noise.map((line) => `# ${escapeControl(line)}`).filter((line) => !line.startsWith('# CONFIG_'));
          const read = readConfigAssignments([...comments, ...lines].join('\n'));
          assert.deepEqual(new Map([...read].sort()), new Map(Object.entries(values).sort()));
          const assigned = readConfigValues([...comments, ...lines].join('\n'));
          assert.deepEqual(
            [...assigned.keys()].sort(),
            Object.keys(values)
              .filter((name) => values[name] !== null)
              .sort(),
          );
        },
      ),
      RUNS,
    );
  });

  it('the last assignment of a name wins, as conf_read reads them', () => {
    assert.deepEqual(
      readConfigAssignments('CONFIG_A=y\n# CONFIG_A is not set\nCONFIG_B=m\nCONFIG_B=y\n'),
      new Map([
        ['A', null],
        ['B', 'y'],
      ]),
    );
  });

  it('splits lines as getline_stripped does: a carriage return before a newline is dropped, one only, and not on a last line without a newline', () => {
    assert.deepEqual(configTextLines('CONFIG_A=y\r\n# CONFIG_B is not set\r\nCONFIG_C="x\r"\r\r\nCONFIG_D=m\r'), [
      'CONFIG_A=y',
      '# CONFIG_B is not set',
      'CONFIG_C="x\r"\r',
      'CONFIG_D=m\r',
    ]);
    checkProperty(
      'crlf lines',
      fc.property(
        fc.array(
          fc.string({ maxLength: 20 }).filter((line) => !/[\r\n]/.test(line)),
          { maxLength: 12 },
        ),
        (lines) => {
          assert.deepEqual(configTextLines(lines.map((line) => `${line}\r\n`).join('')), [...lines, '']);
        },
      ),
      RUNS,
    );
  });

  it('writes a value of each type the way the kernel writes it', () => {
    assert.equal(configLineFor('E1000E', 'tristate', 'n'), '# CONFIG_E1000E is not set');
    assert.equal(configLineFor('E1000E', 'tristate', 'm'), 'CONFIG_E1000E=m');
    assert.equal(configLineFor('LOCALVERSION', 'string', 'a "b" \\c'), 'CONFIG_LOCALVERSION="a \\"b\\" \\\\c"');
    assert.equal(configLineFor('LOCALVERSION', 'string', ''), 'CONFIG_LOCALVERSION=""');
    assert.equal(configLineFor('PHYSICAL_START', 'hex', '0x1000000'), 'CONFIG_PHYSICAL_START=0x1000000');
    assert.equal(stripConfigPrefix('CONFIG_E1000E'), 'E1000E');
    assert.equal(stripConfigPrefix('E1000E'), 'E1000E');
  });
});

describe('string values', () => {
  it('unquotes what it quotes, with the kernel escapes (quote -> unquote)', () => {
    checkProperty(
      'config string: quote -> unquote',
      fc.property(storableText, (value) => {
        const quoted = quoteConfigString(value);
        assert.deepEqual(unquoteConfigString(quoted), { value, rest: '' });
        assert.deepEqual(parseConfigValue(quoted), { ok: true, kind: 'string', value });
        assert.equal(bareStringValue(quoted), value);
        assert.equal(requestedValue(quoted), value);
      }),
      RUNS,
    );
  });

  it('reads a quoted string as conf_set_sym_val does: \\c is c, the first unescaped quote ends it', () => {
    assert.deepEqual(unquoteConfigString('"a\\qb"'), { value: 'aqb', rest: '' });
    assert.deepEqual(unquoteConfigString('"a"b"'), { value: 'a', rest: 'b"' });
    assert.equal(unquoteConfigString('"open'), null);
    assert.equal(unquoteConfigString('"ends in \\'), null);
    assert.equal(unquoteConfigString('bare'), null);
    assert.equal(bareStringValue('"a"b"'), '"a"b"', 'a text that is not one quoted string is taken as it is');
    assert.equal(bareStringValue('-rc1'), '-rc1');
  });

  it('takes any text without throwing; a refusal always says why', () => {
    checkProperty(
      'config value: any text',
      fc.property(fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'y', 'm', '0', 'x', '"'), maxLength: 20 }), (text) => {
        const parsed = parseConfigValue(text);
        if (!parsed.ok) assert.ok(parsed.message.length > 0);
        else assert.equal(requestedValue(text), parsed.value);
      }),
      RUNS,
    );
  });
});

describe('values compared as confdata.c compares them', () => {
  /** What the kernel's library holds after sym_set_string_value (symbol.c): hex gains 0x when it has neither 0x nor 0X. */
  const heldBySetter = (type: 'hex' | 'int', text: string): string => (type === 'hex' && !/^0[xX]/.test(text) ? `0x${text}` : text);

  it('two values are one when the kernel holds the same string for them (strcmp after the setter)', () => {
    checkProperty(
      'config values: same as the kernel',
      fc.property(fc.constantFrom('hex' as const, 'int' as const), fc.oneof(hexText, intText), fc.oneof(hexText, intText), (type, a, b) => {
        assert.equal(sameConfigValue(type, a, b), heldBySetter(type, a) === heldBySetter(type, b));
        assert.equal(sameConfigValue(type, a, a), true);
        assert.equal(sameConfigValue(type, a, b), sameConfigValue(type, b, a));
      }),
      RUNS,
    );
    assert.equal(sameConfigValue('hex', '10', '0x10'), true);
    assert.equal(sameConfigValue('hex', '0x10', '0X10'), false, 'the kernel keeps the prefix as written');
    assert.equal(sameConfigValue('hex', '0x10', '0x010'), false, 'leading zeros are kept too');
    assert.equal(sameConfigValue('hex', '0xab', '0xAB'), false);
    assert.equal(sameConfigValue('int', '0', '-0'), false);
    assert.equal(sameConfigValue('string', 'a', 'a'), true);
    assert.equal(sameConfigValue('tristate', 'y', 'm'), false);
  });

  it('takes the values sym_string_valid takes', () => {
    for (const good of ['0', '-1', '64', '-0']) assert.equal(validConfigValue('int', good), true, good);
    for (const bad of ['064', '+1', '', '1x', '0x10', ' 1']) assert.equal(validConfigValue('int', bad), false, bad);
    for (const good of ['0x10', '0X1f', 'ff', '0']) assert.equal(validConfigValue('hex', good), true, good);
    for (const bad of ['0x', 'g', '', '-1', '0x 1']) assert.equal(validConfigValue('hex', bad), false, bad);
    assert.equal(validConfigValue('string', 'anything "at all"'), true);
  });
});

describe("merge_config.sh's merge", () => {
  it('drops every base line naming a symbol the fragment sets, then appends the fragment', () => {
    const base = ['CONFIG_A=y', '# CONFIG_B is not set', 'CONFIG_C=m', '# CONFIG_A_LONGER is not set', 'CONFIG_D="mentions CONFIG_A=y"'].join('\n');
    const fragment = 'CONFIG_B=y\n# CONFIG_A is not set\n';
    assert.deepEqual(fragmentSymbolNames(fragment), ['CONFIG_B', 'CONFIG_A']);
    assert.equal(mergeFragmentText(base, fragment), ['CONFIG_C=m', '# CONFIG_A_LONGER is not set', 'CONFIG_B=y', '# CONFIG_A is not set', ''].join('\n'));
  });

  it('the merged text reads as the base with the fragment on top', () => {
    checkProperty(
      'merge: fragment wins, base kept',
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}$/), rightHandSide),
        fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}$/), rightHandSide),
        (base, fragment) => {
          const text = (values: Record<string, string | null>): string =>
            Object.entries(values)
              .map(([name, value]) => formatConfigLine({ name, text: value }))
              .join('\n');
          const merged = readConfigAssignments(mergeFragmentText(text(base), text(fragment)));
          for (const [name, value] of Object.entries(fragment)) assert.equal(merged.get(name), value);
          for (const [name, value] of Object.entries(base)) if (!(name in fragment)) assert.equal(merged.get(name), value);
        },
      ),
      RUNS,
    );
  });
});

describe('values no .config line can hold', () => {
  it('refuses line breaks and NUL, and nothing else', () => {
    checkProperty(
      'unstorable values',
      fc.property(fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'a'), maxLength: 12 }), (text) => {
        assert.equal(unstorableValueReason(text) !== undefined, /[\n\r\0]/.test(text));
      }),
      RUNS,
    );
  });
});
