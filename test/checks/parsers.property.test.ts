/**
 * Property tests of the profile readers: the text format (which its writer reads back), ebuild
 * CONFIG_CHECK lines and Guix initrd-modules lists. Generated and mutated inputs: nothing but the
 * readers' own issues comes out, every issue names a line and column inside the text, and every
 * entry read is one tuxconf can hold (a symbol or module name, a state, a level, a plain reason).
 * Long run: TUXCONF_PROPERTY_RUNS=100000 node --import tsx --test test/checks/parsers.property.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfigCheck } from '../../src/features/checks/config-check.js';
import { parseGuixInitrdModules } from '../../src/features/checks/guix-initrd-modules.js';
import { formatProfileText, MODULE_NAME, parseProfileText, PROFILE_LIMITS } from '../../src/features/checks/profile-text.js';
import { LEVELS, type ProfileEntry, type ProfileIssue, WANTS } from '../../src/features/checks/profile-types.js';
import { hasControl } from '../../src/model/escape-text.js';
import { checkProperty, HOSTILE_CHARS, mutated, propertyRuns } from '../hardware/support/property-runs.js';

const RUNS = propertyRuns(300);

const symbolName = fc.stringMatching(/^[A-Z0-9][A-Z0-9_]{0,19}$/);
const moduleName = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,19}$/);
const version = fc.tuple(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 0, max: 40 })).map(([major, minor]) => ({ major, minor }));
const arch = fc.constantFrom('x86', 'arm64', 'riscv', 'powerpc', 's390', 'um');
/** A reason as people write one: printable text, no line break, no leading or trailing space. */
const reason = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'Z', ' ', '-', '--', '#', '"', "'", '(', ')', ':', '=', 'é', '😀', '/', '.'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 60,
  })
  .map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim())
  .filter((text) => text !== '');

const entry = fc
  .record({
    symbol: fc.boolean(),
    symbolName,
    moduleName,
    want: fc.constantFrom(...WANTS),
    level: fc.constantFrom(...LEVELS),
    since: fc.option(version, { nil: null }),
    span: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    arches: fc.uniqueArray(arch, { maxLength: 2 }),
    notArches: fc.uniqueArray(arch, { maxLength: 2 }),
    reason,
  })
  .map((generated): Omit<ProfileEntry, 'at'> => {
    const since = generated.since;
    const before = generated.span === null ? null : since ? { major: since.major, minor: since.minor + generated.span } : { major: 5, minor: generated.span };
    return {
      kind: generated.symbol ? 'symbol' : 'module',
      name: generated.symbol ? generated.symbolName : generated.moduleName,
      written: generated.symbol ? `CONFIG_${generated.symbolName}` : generated.moduleName,
      want: generated.want,
      level: generated.level,
      reason: generated.reason,
      when: { since, before, arches: generated.arches, notArches: generated.notArches.filter((name) => !generated.arches.includes(name)) },
    };
  });

const entries = fc.uniqueArray(entry, { selector: (value) => `${value.kind}:${value.name}`, minLength: 1, maxLength: 12 });

function assertLocated(issue: ProfileIssue, text: string, label: string): void {
  const lines = text.split('\n');
  assert.ok(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines.length, `${label}: line ${issue.line} of ${lines.length}`);
  const length = (lines[issue.line - 1] ?? '').length;
  assert.ok(Number.isInteger(issue.column) && issue.column >= 1 && issue.column <= length + 1, `${label}: column ${issue.column} of a line of ${length}`);
  assert.ok(issue.message.length > 0, `${label}: a message`);
}

function assertHoldable(read: ProfileEntry, label: string): void {
  if (read.kind === 'symbol') assert.match(read.name, /^[A-Za-z0-9_]{1,100}$/, label);
  else assert.ok(MODULE_NAME.test(read.name) && read.name.length <= PROFILE_LIMITS.name, `${label}: module ${read.name}`);
  assert.ok(WANTS.includes(read.want) && LEVELS.includes(read.level), label);
  assert.ok(
    read.reason.length > 0 && read.reason.length <= PROFILE_LIMITS.reason && !hasControl(read.reason),
    `${label}: reason ${JSON.stringify(read.reason)}`,
  );
}

const PROFILE_CHARS = [
  ...HOSTILE_CHARS,
  'CONFIG_',
  ' y ',
  ' y/m ',
  ' n ',
  ' required ',
  ' optional ',
  ' -- ',
  ' since ',
  ' before ',
  '5.2',
  ' arch ',
  'x86',
  ',',
  '!',
  'profile: ',
  'source: ',
];

describe('the profile text format (profile-text.ts)', () => {
  it('reads back what it writes', () => {
    checkProperty(
      'profile round trip',
      fc.property(entries, (written) => {
        const text = formatProfileText({
          name: 'generated',
          description: 'a description',
          sources: ['https://example.org'],
          entries: written.map((value) => ({ ...value, at: { path: 'g', line: 0, column: 0 } })),
        });
        const parsed = parseProfileText(text, 'g.profile');
        assert.deepEqual(parsed.issues, []);
        assert.equal(parsed.name, 'generated');
        assert.deepEqual(
          parsed.entries.map(({ at: _at, ...value }) => value),
          written,
        );
      }),
      RUNS,
    );
  });

  it('names every problem of mutated text at a line and column, and holds only what it can keep', () => {
    const valid = entries.map((written) =>
      formatProfileText({ name: 'm', description: '', sources: [], entries: written.map((value) => ({ ...value, at: { path: 'g', line: 0, column: 0 } })) }),
    );
    checkProperty(
      'profile mutated',
      fc.property(mutated(valid, PROFILE_CHARS), (text) => {
        const parsed = parseProfileText(text, 'm.profile');
        for (const issue of parsed.issues) assertLocated(issue, text, 'issue');
        for (const read of parsed.entries) assertHoldable(read, 'entry');
      }),
      RUNS,
    );
  });
});

const checkToken = fc.record({ soft: fc.boolean(), negate: fc.boolean(), name: symbolName });

describe('CONFIG_CHECK (config-check.ts)', () => {
  it('reads each token as linux-info.eclass does', () => {
    checkProperty(
      'CONFIG_CHECK tokens',
      fc.property(
        fc.uniqueArray(checkToken, { selector: (token) => `${token.negate}:${token.name}`, minLength: 1, maxLength: 10 }),
        fc.constantFrom(' ', '\n\t', '  \\\n  '),
        (tokens, separator) => {
          const text = `inherit linux-info\nCONFIG_CHECK="${tokens.map((token) => `${token.soft ? '~' : ''}${token.negate ? '!' : ''}${token.name}`).join(separator)}"\n`;
          const parsed = parseConfigCheck(text, 'p.ebuild');
          assert.deepEqual(parsed.issues, []);
          assert.deepEqual(
            parsed.entries.map((read) => [read.name, read.want, read.level]),
            tokens.map((token) => [token.name, token.negate ? 'n' : 'y/m', token.soft ? 'recommended' : 'required']),
          );
        },
      ),
      RUNS,
    );
  });

  it('never throws on mutated ebuilds, and locates every problem', () => {
    const valid = fc
      .array(checkToken, { minLength: 1, maxLength: 6 })
      .map((tokens) => `CONFIG_CHECK="${tokens.map((token) => `${token.soft ? '~' : ''}${token.negate ? '!' : ''}${token.name}`).join(' ')}"\nERROR_X="why"\n`);
    checkProperty(
      'CONFIG_CHECK mutated',
      fc.property(mutated(valid, [...HOSTILE_CHARS, '~', '!', '@', '${', 'CONFIG_CHECK+="', 'ERROR_']), (text) => {
        const parsed = parseConfigCheck(text, 'p.ebuild');
        for (const issue of parsed.issues) assertLocated(issue, text, 'issue');
        for (const read of parsed.entries) assertHoldable(read, 'entry');
      }),
      RUNS,
    );
  });
});

describe('Guix initrd-modules lists (guix-initrd-modules.ts)', () => {
  const modules = fc.uniqueArray(moduleName, { minLength: 1, maxLength: 8 });
  const written = fc.tuple(modules, fc.boolean(), fc.constantFrom('field', 'bare', 'define', 'list')).map(([names, base, form]) => {
    const strings = names.map((name) => `"${name}"`).join(' ');
    const value = form === 'list' ? `(list ${strings})` : `'(${strings})`;
    const withBase = base ? `(append ${value} %base-initrd-modules)` : value;
    if (form === 'define')
      return { names, base, text: `(define %mine ${value})\n(initrd-modules ${base ? '(append %mine %base-initrd-modules)' : '%mine'})\n` };
    return { names, base, text: form === 'bare' && !base ? `${value}\n` : `(operating-system (host-name "h") (initrd-modules ${withBase}))\n` };
  });

  it('reads the module names of every form it takes', () => {
    checkProperty(
      'Guix initrd-modules forms',
      fc.property(written, ({ names, base, text }) => {
        const parsed = parseGuixInitrdModules(text, 'os.scm');
        assert.deepEqual(parsed.issues, []);
        assert.deepEqual(
          parsed.modules.map((module) => module.name),
          names,
        );
        assert.equal(parsed.includesBase !== null, base);
      }),
      RUNS,
    );
  });

  it('never throws on mutated lists, and locates every problem', () => {
    checkProperty(
      'Guix initrd-modules mutated',
      fc.property(
        mutated(
          written.map((value) => value.text),
          [...HOSTILE_CHARS, '(', ')', "'(", '"', '%base-initrd-modules', '#;', '#|', ',@', '`'],
        ),
        (text) => {
          const parsed = parseGuixInitrdModules(text, 'os.scm');
          for (const issue of parsed.issues) assertLocated(issue, text, 'issue');
          for (const module of parsed.modules) assert.ok(MODULE_NAME.test(module.name) && module.name.length <= PROFILE_LIMITS.name, module.name);
        },
      ),
      RUNS,
    );
  });
});
