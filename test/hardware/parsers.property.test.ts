/**
 * Property tests of the readers of hardware inputs: lsmod, /proc/modules, lspci -nnk and
 * -vmmnnk, modules.alias (and its fnmatch patterns), modules.dep and modules.builtin, the
 * running kernel's .config, mounts and the capture's sysfs listings. These readers skip what
 * they cannot use instead of failing: the properties are that no exception escapes for any
 * text, that what they return is well formed, and that generated listings read back exactly.
 * Then the whole path from a capture to suggestions on a real 6.12 session: nothing captured
 * becomes a value other than y or m.
 * Long run: TUXCONF_PROPERTY_RUNS=100000 node --import tsx --test test/hardware/parsers.property.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { hasControl } from '../../src/model/escape-text.js';
import { suggestionTargets } from '../../src/features/hardware/suggestion-targets.js';
import { describeReport } from '../../src/features/hardware/describe-report.js';
import { compileFnmatch, fnmatch, literalCharacterCount, literalPrefix } from '../../src/features/hardware/fnmatch.js';
import { CAPTURE_FILES, type HardwareInputs, INPUT_NAMES, type InputName } from '../../src/features/hardware/hardware-inputs.js';
import { hardwareNeeds } from '../../src/features/hardware/hardware-needs.js';
import { readConfigValues } from '../../src/model/config-text.js';
import { parseLsmod, parseProcModules } from '../../src/features/hardware/loaded-modules.js';
import { parseLspciKernel, parseLspciMachine, pciModalias } from '../../src/features/hardware/lspci.js';
import { ModuleAliasIndex } from '../../src/features/hardware/module-alias-index.js';
import { parseModulesBuiltin, parseModulesDep } from '../../src/features/hardware/module-paths.js';
import { parseMounts } from '../../src/features/hardware/mounts.js';
import { computeSuggestions } from '../../src/features/hardware/suggestions.js';
import { formatBlockDevices, formatSysfsDevices, parseBlockDevices, parseSysfsDevices } from '../../src/features/hardware/sysfs-devices.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { checkAsyncProperty, checkProperty, HOSTILE_CHARS, mutated, propertyRuns } from './support/property-runs.js';
import { fixture } from './support/run-command.js';

const RUNS = propertyRuns(300);

const moduleName = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);
const hex4 = fc.stringMatching(/^[0-9a-f]{4}$/);
const hex2 = fc.stringMatching(/^[0-9a-f]{2}$/);
/** Names as lspci prints them: words, digits, punctuation, but no brackets. */
const deviceName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,/()+-]{0,30}[A-Za-z0-9)]$/);
const anyText = (extra: string[] = []): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_CHARS, ...extra), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 200 });

describe('lsmod and /proc/modules (loaded-modules.ts)', () => {
  const loaded = fc.array(fc.record({ name: moduleName, size: fc.nat(1 << 24), users: fc.array(moduleName, { maxLength: 3 }), taint: fc.constantFrom('', 'O', 'POE', 'E') }), { maxLength: 20 });
  const lsmodText = loaded.map((modules) => ['Module                  Size  Used by', ...modules.map((m) => `${m.name.padEnd(24)}${String(m.size).padStart(6)}  ${m.users.length}${m.users.length ? ` ${m.users.join(',')}` : ''}`)].join('\n'));

  it('reads lsmod output back exactly, and any text without throwing', () => {
    checkProperty(
      'lsmod: write -> read',
      fc.property(loaded, (modules) => {
        const text = ['Module                  Size  Used by', ...modules.map((m) => `${m.name.padEnd(24)}${String(m.size).padStart(6)}  ${m.users.length}${m.users.length ? ` ${m.users.join(',')}` : ''}`)].join('\n');
        assert.deepEqual(parseLsmod(text).map((m) => [m.name, m.usedBy]), modules.map((m) => [m.name, m.users]));
      }),
      RUNS,
    );
    checkProperty(
      'lsmod: any text',
      fc.property(fc.oneof(anyText(['Module', ' 8192 ', ',']), mutated(lsmodText, HOSTILE_CHARS)), (text) => {
        for (const module of parseLsmod(text)) {
          assert.ok(module.name !== '' && !/\s/.test(module.name) && !module.name.includes('-'), JSON.stringify(module.name));
          for (const user of module.usedBy) assert.ok(user !== '' && !user.includes('-'));
        }
      }),
      RUNS,
    );
  });

  it('reads /proc/modules back with the taint letters, and any text without throwing', () => {
    checkProperty(
      '/proc/modules: write -> read, any text',
      fc.property(loaded, anyText(['Live', '0x0', '(', ')']), (modules, noise) => {
        const text = modules.map((m) => `${m.name} ${m.size} ${m.users.length} ${m.users.length ? `${m.users.join(',')},` : '-'} Live 0x0000000000000000${m.taint ? ` (${m.taint})` : ''}`).join('\n');
        assert.deepEqual(parseProcModules(text).map((m) => [m.name, m.usedBy, m.taint]), modules.map((m) => [m.name, m.users, m.taint]));
        for (const module of parseProcModules(noise)) assert.ok(module.name !== '' && !/\s/.test(module.name));
      }),
      RUNS,
    );
  });
});

interface GeneratedPci {
  bus: number;
  slot: number;
  fn: number;
  classId: string;
  className: string;
  vendorId: string;
  vendorName: string;
  deviceId: string;
  deviceName: string;
  subsystem: { vendorId: string; deviceId: string } | null;
  progIf: string | null;
  driver: string | null;
  modules: string[];
}

const pciDevice: fc.Arbitrary<GeneratedPci> = fc.record({
  bus: fc.nat(255),
  slot: fc.nat(31),
  fn: fc.nat(7),
  classId: hex4,
  className: deviceName,
  vendorId: hex4,
  vendorName: deviceName,
  deviceId: hex4,
  deviceName: deviceName,
  subsystem: fc.option(fc.record({ vendorId: hex4, deviceId: hex4 }), { nil: null }),
  progIf: fc.option(hex2, { nil: null }),
  driver: fc.option(moduleName, { nil: null }),
  modules: fc.array(moduleName, { maxLength: 3 }),
});
const pad2 = (n: number): string => n.toString(16).padStart(2, '0');
const slotOf = (d: GeneratedPci): string => `${pad2(d.bus)}:${pad2(d.slot)}.${d.fn}`;

function lspciNnk(devices: GeneratedPci[]): string {
  return devices
    .map((d) => {
      const lines = [`${slotOf(d)} ${d.className} [${d.classId}]: ${d.vendorName} ${d.deviceName} [${d.vendorId}:${d.deviceId}] (rev 01)${d.progIf ? ` (prog-if ${d.progIf} [X])` : ''}`];
      if (d.subsystem) lines.push(`\tSubsystem: Some ${d.deviceName} [${d.subsystem.vendorId}:${d.subsystem.deviceId}]`);
      if (d.driver) lines.push(`\tKernel driver in use: ${d.driver}`);
      if (d.modules.length) lines.push(`\tKernel modules: ${d.modules.join(', ')}`);
      return lines.join('\n');
    })
    .join('\n');
}

function lspciVmm(devices: GeneratedPci[]): string {
  return devices
    .map((d) => {
      const lines = [`Slot:\t${slotOf(d)}`, `Class:\t${d.className} [${d.classId}]`, `Vendor:\t${d.vendorName} [${d.vendorId}]`, `Device:\t${d.deviceName} [${d.deviceId}]`];
      if (d.subsystem) lines.push(`SVendor:\tX [${d.subsystem.vendorId}]`, `SDevice:\tY [${d.subsystem.deviceId}]`);
      if (d.progIf) lines.push(`ProgIf:\t${d.progIf}`);
      if (d.driver) lines.push(`Driver:\t${d.driver}`);
      for (const module of d.modules) lines.push(`Module:\t${module}`);
      lines.push('NUMANode:\t0');
      return lines.join('\n');
    })
    .join('\n\n');
}

describe('lspci -nnk and -vmmnnk (lspci.ts)', () => {
  const expected = (d: GeneratedPci) => [
    `0000:${slotOf(d)}`,
    d.classId,
    d.vendorId,
    d.deviceId,
    d.subsystem?.vendorId ?? null,
    d.subsystem?.deviceId ?? null,
    d.progIf,
    d.driver,
    d.modules,
  ];
  const read = (device: ReturnType<typeof parseLspciKernel>[number]) => [
    device.slot,
    device.classId,
    device.vendorId,
    device.deviceId,
    device.subsystemVendorId,
    device.subsystemDeviceId,
    device.progIf,
    device.driver,
    device.modules,
  ];

  it('reads both layouts back exactly; the modalias has the kernel format', () => {
    checkProperty(
      'lspci: write -> read (both layouts)',
      fc.property(fc.array(pciDevice, { maxLength: 8 }), (devices) => {
        assert.deepEqual(parseLspciKernel(lspciNnk(devices)).map(read), devices.map(expected));
        assert.deepEqual(parseLspciMachine(lspciVmm(devices)).map(read), devices.map(expected));
        for (const device of parseLspciMachine(lspciVmm(devices))) {
          assert.match(pciModalias(device), /^pci:v[0-9A-F]{8}d[0-9A-F]{8}sv[0-9A-F]{8}sd[0-9A-F]{8}bc[0-9A-F]{2}sc[0-9A-F]{2}i[0-9A-F]{2}$/);
        }
      }),
      RUNS,
    );
  });

  it('reads any text and mutated listings without throwing; ids stay hex', () => {
    const listing = fc.array(pciDevice, { maxLength: 4 });
    checkProperty(
      'lspci: any text',
      fc.property(fc.oneof(anyText(['[', ']', ':', 'Slot:\t', '\t']), mutated(listing.map(lspciNnk), [...HOSTILE_CHARS, '[', ']']), mutated(listing.map(lspciVmm), [...HOSTILE_CHARS, '[', ']', '\n\n'])), (text) => {
        for (const device of [...parseLspciKernel(text), ...parseLspciMachine(text)]) {
          assert.match(device.vendorId, /^[0-9a-f]{2,4}$/);
          assert.match(device.deviceId, /^[0-9a-f]{2,4}$/);
          assert.match(pciModalias(device), /^pci:v[0-9A-F]{8}d[0-9A-F]{8}/);
        }
      }),
      RUNS,
    );
  });
});

/** fnmatch as the regular expression it used to be built into: the oracle for patterns where that is safe. */
function regexOracle(pattern: string): RegExp | null {
  let source = '^';
  const escape = (char: string): string => (/[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char);
  const escapeClass = (char: string): string => (/[\]\\^-]/.test(char) ? `\\${char}` : char);
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else if (char === '\\' && index + 1 < pattern.length) source += escape(pattern[++index] as string);
    else if (char === '[') {
      let at = index + 1;
      let negate = false;
      if (pattern[at] === '!' || pattern[at] === '^') {
        negate = true;
        at++;
      }
      let body = '';
      let first = true;
      let closed = false;
      while (at < pattern.length) {
        const inner = pattern[at] as string;
        if (inner === ']' && !first) {
          closed = true;
          break;
        }
        if (inner === '\\' && at + 1 < pattern.length) body += escapeClass(pattern[++at] as string);
        else if (inner === '-' && !first && pattern[at + 1] !== ']') body += '-';
        else body += escapeClass(inner);
        first = false;
        at++;
      }
      if (closed) {
        source += `[${negate ? '^' : ''}${body}]`;
        index = at;
      } else source += '\\[';
    } else source += escape(char);
  }
  try {
    return new RegExp(`${source}$`);
  } catch {
    return null; // `[z-a]`: the old code threw here
  }
}

describe('modules.alias and its fnmatch patterns (module-alias-index.ts, fnmatch.ts)', () => {
  const PATTERN_CHARS = ['*', '?', '[', ']', '!', '^', '-', '\\', 'a', 'b', 'c', 'A', '0', '1', ':', '/'];
  const pattern = fc.string({ unit: fc.constantFrom(...PATTERN_CHARS), maxLength: 14 });
  const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '0', '1', ':', '/', '-', '[', ']', '\\', '!', '^'), maxLength: 14 });

  it('matches as fnmatch does (the regular expression where that compiles), and never throws', () => {
    checkProperty(
      'fnmatch: against the regex oracle',
      fc.property(pattern, subject, (glob, text) => {
        const matched = fnmatch(glob, text);
        const oracle = regexOracle(glob);
        if (oracle) assert.equal(matched, oracle.test(text), `${glob} on ${text}`);
        if (matched) assert.ok(text.startsWith(literalPrefix(glob)), 'a match starts with the literal prefix');
        assert.ok(literalCharacterCount(glob) <= glob.length);
      }),
      RUNS,
    );
  });

  it('takes at most pattern x subject steps, however many stars', () => {
    checkProperty(
      'fnmatch: no backtracking blow-up',
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 100, max: 4000 }), (stars, length) => {
        const compiled = compileFnmatch(`${'*a'.repeat(stars)}*b`);
        assert.equal(compiled.test('a'.repeat(length)), false);
        assert.equal(compiled.test(`${'a'.repeat(length)}b`), length >= stars);
      }),
      propertyRuns(50, { divisor: 50 }),
    );
  });

  it('indexes any modules.alias text and matches any modalias without throwing; best matches are the most specific', () => {
    const aliasLine = fc.tuple(pattern, moduleName).map(([glob, module]) => `alias ${glob.replace(/\s/g, '') || 'x'} ${module}`);
    const aliasText = fc.array(fc.oneof(aliasLine, anyText(['alias ', 'pci:', '*'])), { maxLength: 20 }).map((lines) => lines.join('\n'));
    checkProperty(
      'modules.alias: any text',
      fc.property(fc.oneof(aliasText, mutated(aliasText, PATTERN_CHARS)), subject, (text, modalias) => {
        const index = ModuleAliasIndex.parse(text);
        const matches = index.match(modalias);
        for (const match of matches) assert.ok(fnmatch(match.pattern, modalias));
        const best = index.bestMatches(modalias);
        if (matches.length > 0) {
          assert.ok(best.length > 0);
          for (const match of best) assert.equal(match.specificity, Math.max(...matches.map((m) => m.specificity)));
        }
      }),
      RUNS,
    );
  });
});

describe('modules.dep, modules.builtin, .config, mounts, sysfs listings', () => {
  const modulePath = fc.tuple(fc.constantFrom('kernel/drivers/net', 'kernel/fs/ext4', 'updates', 'extra/dkms', 'kernel/arch/x86/kvm'), moduleName, fc.constantFrom('.ko', '.ko.xz', '.ko.zst', '.ko.gz'));

  it('reads modules.dep and modules.builtin back, and any text without throwing', () => {
    checkProperty(
      'modules.dep/builtin: write -> read, any text',
      fc.property(fc.array(modulePath, { maxLength: 10 }), anyText([':', '/', '.ko']), (paths, noise) => {
        const files = paths.map(([dir, name, ext]) => `${dir}/${name}${ext}`);
        const dep = parseModulesDep(files.map((file) => `${file}: kernel/x/dep.ko`).join('\n'));
        assert.deepEqual(dep.map((path) => [path.name, path.file, path.treeDir]), paths.map(([dir, name, ext]) => [name, `${dir}/${name}${ext}`, dir.startsWith('kernel/') ? dir.slice('kernel/'.length) : null]));
        assert.deepEqual(parseModulesBuiltin(files.join('\n')).map((path) => path.name), paths.map(([, name]) => name));
        for (const path of [...parseModulesDep(noise), ...parseModulesBuiltin(noise)]) assert.equal(path.name.includes('-'), false);
      }),
      RUNS,
    );
  });

  it('reads the running kernel\'s .config back exactly; no value it returns holds a line break', () => {
    const value = fc.oneof(fc.constantFrom('y', 'm'), fc.integer().map(String), fc.string({ maxLength: 10 }).map((text) => `"${text.replace(/[\\"\n\r]/g, '')}"`));
    checkProperty(
      'kernel .config: write -> read, any text',
      fc.property(fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,12}$/), value), anyText(['CONFIG_', '=', '# ']), (values, noise) => {
        const text = Object.entries(values).map(([name, text]) => `CONFIG_${name}=${text}`).join('\n');
        assert.deepEqual(readConfigValues(text), new Map(Object.entries(values)));
        for (const [name, read] of readConfigValues(noise)) {
          assert.match(name, /^[A-Za-z0-9_]+$/);
          assert.equal(/[\n\r]/.test(read), false);
        }
      }),
      RUNS,
    );
  });

  it('reads sysfs and block device listings back, and any mounts or listing text without throwing', () => {
    const field = fc.stringMatching(/^[A-Za-z0-9:/._+][A-Za-z0-9:/._+-]{0,20}$/);
    checkProperty(
      'sysfs, block devices, mounts: write -> read, any text',
      fc.property(
        fc.array(fc.record({ path: field.map((path) => `/sys/devices/${path}`), modalias: field, driver: fc.option(field, { nil: null }), driverModule: fc.option(field, { nil: null }) }), { maxLength: 8 }),
        fc.array(fc.record({ name: field, path: field, slaves: fc.array(field, { maxLength: 3 }), dmName: fc.option(field, { nil: null }), dmUuid: fc.option(field, { nil: null }) }), { maxLength: 8 }),
        anyText(['\t', '-', '\\040']),
        (devices, blocks, noise) => {
          assert.deepEqual(parseSysfsDevices(formatSysfsDevices(devices)), devices.map((device) => ({ ...device })));
          assert.deepEqual(parseBlockDevices(formatBlockDevices(blocks)), blocks.map((block) => ({ ...block })));
          parseSysfsDevices(noise);
          parseBlockDevices(noise);
          for (const mount of parseMounts(noise)) assert.ok(mount.type !== '');
        },
      ),
      RUNS,
    );
  });
});

const FIXTURE_MACHINES = ['laptop', 'server', 'vm'] as const;

/** A capture's inputs from a recorded machine, each file's text mutated or replaced by hostile text. */
async function fixtureTexts(): Promise<Record<string, Partial<Record<InputName, string>>>> {
  const texts: Record<string, Partial<Record<InputName, string>>> = {};
  for (const machine of FIXTURE_MACHINES) {
    texts[machine] = {};
    for (const name of INPUT_NAMES) {
      const text = await readFile(join(fixture(machine), CAPTURE_FILES[name]), 'utf8').catch(() => null);
      if (text !== null) texts[machine]![name] = text;
    }
  }
  return texts;
}

function inputsOf(texts: Partial<Record<InputName, string>>): HardwareInputs {
  const inputs = Object.fromEntries(
    INPUT_NAMES.map((name) => [name, texts[name] === undefined ? { ok: false, source: name, error: 'not in the capture' } : { ok: true, source: name, text: texts[name], warnings: [] }]),
  ) as HardwareInputs['inputs'];
  return { origin: 'generated', kernelRelease: '6.12\x1b[2J', inputs };
}

const hostileEdit = fc.record({
  input: fc.constantFrom(...INPUT_NAMES),
  text: fc.oneof(
    fc.constantFrom('CONFIG_MODULES=n\n', 'evil\nCONFIG_X=y 1 0\n', 'alias pci:* evil\x1b[2J\nalias * "$(reboot)"\n', 'none / ext4\ncgroup2 rw 0 0\n'),
    fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'a', 'pci:', '\t', 'alias ', '*'), maxLength: 60 }),
  ),
  append: fc.boolean(),
});

describe('from a capture to suggestions', () => {
  it('any capture text gives needs without throwing', async () => {
    const texts = await fixtureTexts();
    checkProperty(
      'hardware needs: mutated captures',
      fc.property(fc.constantFrom(...FIXTURE_MACHINES), fc.array(hostileEdit, { maxLength: 6 }), (machine, edits) => {
        const changed = { ...texts[machine] };
        for (const edit of edits) changed[edit.input] = edit.append ? `${changed[edit.input] ?? ''}${edit.text}` : edit.text;
        const needs = hardwareNeeds(inputsOf(changed));
        // Names come from lines and fields of lines: none holds a line break, all use the canonical `_`.
        for (const need of needs.modules) assert.equal(/[\n-]/.test(need.module), false, JSON.stringify(need.module));
      }),
      propertyRuns(30, { divisor: 10 }),
    );
  });

  describe('on a real session of Debian 6.12', () => {
    let workDir = '';
    let session: Session;
    before(async () => {
      workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-hw-property-'));
      session = await openSession({ tree: kernelTree('6.12'), output: await outputDirWith(workDir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64')) });
    });
    after(async () => {
      await session?.close();
      await rm(workDir, { recursive: true, force: true });
    });

    it('nothing from a capture becomes a value: every request is a symbol set to y or m, every line is safe to print', async () => {
      const texts = await fixtureTexts();
      await checkAsyncProperty(
        'suggestions: hostile captures on a 6.12 session',
        fc.asyncProperty(fc.constantFrom(...FIXTURE_MACHINES), fc.array(hostileEdit, { maxLength: 6 }), async (machine, edits) => {
          const changed = { ...texts[machine] };
          for (const edit of edits) changed[edit.input] = edit.append ? `${changed[edit.input] ?? ''}${edit.text}` : edit.text;
          const report = await computeSuggestions(session, inputsOf(changed));
          const requests = [
            ...suggestionTargets(report.suggestions, 'modules', true).targets,
            ...report.suggestions.flatMap((suggestion) => suggestion.requires.map((requirement) => ({ name: requirement.name, value: requirement.to }))),
          ];
          for (const request of requests) {
            assert.match(request.name, /^[A-Za-z0-9_]+$/);
            assert.ok(request.value === 'y' || request.value === 'm', `${request.name}=${JSON.stringify(request.value)}`);
            assert.ok(session.symbol(request.name), `${request.name} is a symbol of the tree`);
          }
          assert.equal(hasControl(describeReport(report, { verbose: true }).replace(/[\n\t]/g, ' ')), false);
        }),
        propertyRuns(6, { divisor: 100 }),
      );
    });
  });
});
