/**
 * Property tests of the upgrade report's readers of outside text: old configs (any bytes) and
 * Makefiles (a tree is input too). Generated and mutated inputs; nothing throws, every entry is
 * a line the kernel's reader would take, the last line of a symbol wins, and what the report
 * prints of any of it is safe for a terminal.
 * Long run: TUXCONF_PROPERTY_RUNS=100000 node --import tsx --test test/upgrade/parsers.property.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasControl } from '../../src/model/escape-text.js';
import { describeWarnings } from '../../src/features/upgrade/describe.js';
import { collectFootprints } from '../../src/features/upgrade/makefile-footprints.js';
import { parseOldConfig } from '../../src/features/upgrade/old-config.js';
import type { UpgradeReport } from '../../src/features/upgrade/types.js';
import { checkProperty, HOSTILE_CHARS, mutated, propertyRuns } from '../hardware/support/property-runs.js';

const RUNS = propertyRuns(300);
const symbolName = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,14}$/);
const value = fc.oneof(
  fc.constantFrom('y', 'm', 'n', '""', '"x y"', '0x10', '-3', '42'),
  fc.string({ maxLength: 12 }).filter((text) => !/[\n\r]/.test(text)),
);
const configLine = fc.oneof(
  fc.tuple(symbolName, value).map(([name, text]) => `CONFIG_${name}=${text}`),
  symbolName.map((name) => `# CONFIG_${name} is not set`),
  fc.constantFrom('#', '# General setup', '', '# Linux/x86 6.1.192 Kernel Configuration'),
);
const configText = fc.array(configLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

/** The kernel's reader, written here apart from tuxconf's: the last `CONFIG_X=` or `# CONFIG_X is not set` line of each symbol. */
function lastLines(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const set = /^CONFIG_([A-Za-z0-9_]+)=(.*)$/.exec(line);
    const unset = /^# CONFIG_([A-Za-z0-9_]+) is not set$/.exec(line);
    if (set) values.set(set[1]!, set[2]!);
    else if (unset) values.set(unset[1]!, 'n');
  }
  return values;
}

describe('old config reader', () => {
  it('reads generated configs: the last line of each symbol, in the order of those lines', () => {
    checkProperty(
      'old config generated',
      fc.property(configText, (text) => {
        const parsed = parseOldConfig(Buffer.from(text));
        const expected = lastLines(text);
        assert.deepEqual(new Map([...parsed.entries].map(([name, entry]) => [name, entry.text])), expected);
        const lines = [...parsed.entries.values()].map((entry) => entry.line);
        assert.deepEqual(
          lines,
          [...lines].sort((a, b) => a - b),
        );
      }),
      RUNS,
    );
  });

  it('never throws on mutated configs or random bytes, and keeps its report of junk bounded and printable', () => {
    const bytes = fc.uint8Array({ maxLength: 400 }).map((array) => Buffer.from(array));
    const mutatedText = mutated(configText, [...HOSTILE_CHARS, 'CONFIG_', '=', 'is not set']).map((text) => Buffer.from(text));
    checkProperty(
      'old config hostile',
      fc.property(fc.oneof(bytes, mutatedText), (input) => {
        const parsed = parseOldConfig(input);
        for (const [name, entry] of parsed.entries) {
          assert.match(name, /^[A-Za-z0-9_]+$/);
          assert.ok(!entry.text.includes('\n'));
          assert.ok(entry.line >= 1);
        }
        assert.ok(parsed.unreadable.length <= 50);
        const report = { warnings: ['w\u001b[2J'], unreadable: parsed.unreadable } as unknown as UpgradeReport;
        for (const line of describeWarnings(report)) assert.ok(!hasControl(line), JSON.stringify(line));
      }),
      RUNS,
    );
  });

  it('finds the header only at the top, and tells the architecture apart', () => {
    const x86 = parseOldConfig(Buffer.from('#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 6.12.0 Kernel Configuration\n#\n'));
    assert.deepEqual(x86.header, { arch: 'x86_64', srcArch: 'x86', version: '6.12.0', line: 3 });
    const late = parseOldConfig(Buffer.from(`${'CONFIG_A=y\n'.repeat(20)}# Linux/arm64 6.1.0 Kernel Configuration\n`));
    assert.equal(late.header, null);
  });
});

describe('Makefile footprints', () => {
  const makefileLine = fc.oneof(
    fc.tuple(symbolName, fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/)).map(([name, object]) => `obj-$(CONFIG_${name}) += ${object}.o`),
    fc.tuple(symbolName, fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/)).map(([name, dir]) => `obj-$(CONFIG_${name}) += ${dir}/`),
    symbolName.map((name) => `ifdef CONFIG_${name}`),
    symbolName.map((name) => `ifeq ($(CONFIG_${name}),y)`),
    fc.constantFrom('else', 'endif', 'KBUILD_CFLAGS += -O2', 'x := $(x) $(x)', 'obj-y += a.o \\', '# comment', ''),
  );
  const makefile = fc.array(makefileLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

  it('never throws, and every feature is named for a symbol the file names', () => {
    checkProperty(
      'makefile footprints',
      fc.property(fc.oneof(makefile, mutated(makefile, [...HOSTILE_CHARS, '$(', 'CONFIG_', 'ifdef ', 'endif'])), (text) => {
        const bySymbol = new Map<string, Set<string>>();
        collectFootprints('drivers/x/Makefile', text, bySymbol);
        for (const [symbol, features] of bySymbol) {
          assert.ok(text.includes(`CONFIG_${symbol}`), symbol);
          for (const feature of features) assert.match(feature, /^(o|b|l):/);
        }
      }),
      RUNS,
    );
  });

  it('reads objects, composite parts and guarded blocks', () => {
    const bySymbol = new Map<string, Set<string>>();
    collectFootprints(
      'drivers/gpu/drm/display/Makefile',
      [
        'drm_display_helper-$(CONFIG_DRM_DP_CEC) += \\',
        '\tdrm_dp_cec.o',
        'ifdef CONFIG_RETHUNK',
        '  KBUILD_CFLAGS += -mfunction-return=thunk-extern',
        'else',
        '  KBUILD_CFLAGS += -mno-thunk',
        'endif',
        'ifndef CONFIG_SLS',
        'obj-y += nothing.o',
        'else',
        'obj-y += sls.o',
        'endif',
      ].join('\n'),
      bySymbol,
    );
    assert.deepEqual([...bySymbol.get('DRM_DP_CEC')!].sort(), [
      'b:drm_dp_cec.o',
      'l:drivers/gpu/drm/display/Makefile:drm_display_helper-$(CONFIG_@) += drm_dp_cec.o',
      'o:drivers/gpu/drm/display/drm_dp_cec.o',
    ]);
    assert.deepEqual([...bySymbol.get('RETHUNK')!], ['l:drivers/gpu/drm/display/Makefile:KBUILD_CFLAGS += -mfunction-return=thunk-extern']);
    assert.ok(bySymbol.get('SLS')!.has('o:drivers/gpu/drm/display/sls.o'));
    assert.ok(!bySymbol.get('SLS')!.has('o:drivers/gpu/drm/display/nothing.o'));
  });
});
