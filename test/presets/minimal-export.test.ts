/**
 * Minimal exports against the kernel's own tools, on Debian's 6.12 tree: the list `tuxconf
 * export` writes, appended to the base as Guix's make-linux-libre and merge_config.sh do and put
 * through `make olddefconfig`, gives the config back byte for byte; against an empty config it
 * has no more options than `make savedefconfig` writes. Three configs (Debian's amd64, the
 * x86_64 defconfig, one made from an empty config by `suggest --apply` on a recorded laptop),
 * three bases (an empty file, the defconfig as `make defconfig` writes it, Debian's cloud config).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import { type BaseChoice, minimalChangesAgainst, sessionDefconfig } from '../../src/features/presets/base-config.js';
import { type ExportEntry, formatExport, guixCannotCarry } from '../../src/features/presets/export-changes.js';
import { captureOf } from '../support/machine-root.js';
import { runTuxconf } from '../support/run-cli.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { configValue } from '../fix/support.js';

const tree = kernelTree('6.12');
let root = '';

/** `CONFIG_X=...` and `# CONFIG_X is not set` lines: the options a fragment or defconfig holds. */
function optionLines(text: string): string[] {
  return text.split('\n').filter((line) => /^CONFIG_[A-Za-z0-9_]+=/.test(line) || /^# CONFIG_[A-Za-z0-9_]+ is not set$/.test(line));
}

/** A Scheme string literal's contents (the reader's escapes `\\` and `\"` undone). */
function schemeString(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

/**
 * What Guix's `config->string` appends to the .config for a list: m, #t, #f and strings, each
 * as it writes them ("=" + `"` + text + `"`, no escaping); anything else fails its match, as
 * Guix's build would.
 */
function guixConfigString(scheme: string): string {
  const lines: string[] = [];
  for (const line of scheme.split('\n')) {
    const code = line.replace(/^\s*;.*$/, '');
    const match = /\("(CONFIG_[A-Za-z0-9_]+)" \. ([^;]*?)\)+\s*(?:;.*)?$/.exec(code);
    if (!match) continue;
    const [, option, value] = match as unknown as [string, string, string];
    if (value === 'm') lines.push(`${option}=m`);
    else if (value === '#t') lines.push(`${option}=y`);
    else if (value === '#f') lines.push(`${option}=n`);
    else if (/^"(?:[^"\\]|\\.)*"$/.test(value)) lines.push(`${option}="${schemeString(value)}"`);
    else throw new Error(`Guix's config->string cannot write ${option} . ${value}`);
  }
  return lines.join('\n');
}

/** One output directory for every oracle run: the kernel's conf is built there once. */
let oracleDir = '';

/** What the kernel's make writes for a config: `.config` after olddefconfig, or savedefconfig's `defconfig`. */
async function kernelWrites(config: string, target: 'olddefconfig' | 'savedefconfig'): Promise<string> {
  await writeFile(join(oracleDir, '.config'), config);
  kernelMake(tree, oracleDir, [target]);
  return readFile(join(oracleDir, target === 'olddefconfig' ? '.config' : 'defconfig'), 'utf8');
}

/** The base with text appended, as Guix (open-file ".config" "a") and merge_config.sh -m do, then olddefconfig. */
async function applyToBase(baseText: string, appended: string): Promise<string> {
  const base = baseText === '' || baseText.endsWith('\n') ? baseText : `${baseText}\n`;
  return kernelWrites(`${base}${appended}`, 'olddefconfig');
}

interface Base {
  label: string;
  choice: () => Promise<BaseChoice>;
  /** The bytes the list is appended to. */
  text: () => Promise<string>;
}

let emptyPath = '';
let cloudPath = '';
let defconfigText = '';

const BASES: Base[] = [
  { label: 'an empty config', choice: async () => ({ kind: 'file', path: emptyPath }), text: async () => '' },
  {
    label: 'the defconfig',
    choice: async () => ({ kind: 'defconfig', path: join(tree, 'arch/x86/configs/x86_64_defconfig') }),
    text: async () => defconfigText,
  },
  { label: "Debian's cloud config", choice: async () => ({ kind: 'file', path: cloudPath }), text: async () => readFile(cloudPath, 'utf8') },
];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tuxconf-test-minimal-export-'));
  emptyPath = join(root, 'empty.config');
  await writeFile(emptyPath, '');
  cloudPath = join(root, 'cloud-amd64.config');
  await writeFile(cloudPath, debianConfig('6.12', 'amd64_none_cloud-amd64'));
  oracleDir = join(root, 'oracle');
  await mkdir(oracleDir, { recursive: true });
  kernelMake(tree, oracleDir, ['defconfig']);
  defconfigText = await readFile(join(oracleDir, '.config'), 'utf8');
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Exports `out`'s config against each base in both formats and checks each through make olddefconfig. */
async function checkExports(out: string, label: string): Promise<void> {
  const session = await openSession({ tree, output: out });
  try {
    const current = await session.configText();
    assert.equal(
      current,
      await kernelWrites(await readFile(join(out, '.config'), 'utf8'), 'olddefconfig'),
      `${label}: tuxconf writes what make olddefconfig writes`,
    );
    assert.equal(await sessionDefconfig(session), join(tree, 'arch/x86/configs/x86_64_defconfig'));
    const savedefconfig = optionLines(await kernelWrites(current, 'savedefconfig'));
    for (const base of BASES) {
      const { entries } = await minimalChangesAgainst(session, await base.choice());
      const description = `${label} against ${base.label}`;
      const fragment = formatExport(entries, 'fragment', { name: 'x', description });
      const guix = formatExport(entries, 'guix', { name: 'x', description });
      const rest = formatExport(
        entries.filter((entry: ExportEntry) => guixCannotCarry(entry) !== undefined),
        'fragment',
        { name: 'x', description },
      );
      const baseText = await base.text();
      assert.equal(await applyToBase(baseText, fragment), current, `${description}: the fragment gives the config back`);
      // The values Guix cannot carry go into its #:configuration-file: the base, before the list.
      assert.equal(
        await applyToBase(`${baseText}${baseText === '' || baseText.endsWith('\n') ? '' : '\n'}${rest}`, guixConfigString(guix)),
        current,
        `${description}: the Guix list gives it back`,
      );
      if (base.label === 'an empty config') {
        assert.ok(
          optionLines(fragment).length <= savedefconfig.length,
          `${description}: ${optionLines(fragment).length} options, savedefconfig ${savedefconfig.length}`,
        );
        const guixOptions = guixConfigString(guix).split('\n').filter(Boolean).length + optionLines(rest).length;
        assert.ok(guixOptions <= savedefconfig.length, `${description}: ${guixOptions} Guix options, savedefconfig ${savedefconfig.length}`);
      }
    }
  } finally {
    await session.close();
  }
}

describe('minimal exports round-trip through make olddefconfig', () => {
  test("Debian's amd64 config", async () => {
    const out = await outputDirWith(root, 'debian', debianConfig('6.12'));
    await checkExports(out, "Debian's amd64 config");
  });

  test('x86_64_defconfig', async () => {
    // make x86_64_defconfig: the defconfig file put through the kernel's reader.
    const out = await outputDirWith(
      root,
      'x86_64',
      await kernelWrites(await readFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), 'utf8'), 'olddefconfig'),
    );
    await checkExports(out, 'x86_64_defconfig');
  });

  test('an empty config with the suggestions of a recorded laptop applied: modules on, promptless drivers reached, then exported', async () => {
    const out = await outputDirWith(root, 'laptop', '');
    const applied = await runTuxconf(['suggest', '--apply', '--hw-from', captureOf('laptop'), '-C', tree, '-O', out]);
    assert.equal(applied.exitCode, 0, applied.stderr);
    assert.match(applied.stderr, /modules are off in this config \(CONFIG_MODULES is not set\): turning CONFIG_MODULES on/);
    const counts = /Applied (\d+) of (\d+) suggestions as one fix/.exec(applied.stderr);
    assert.ok(counts && counts[1] === counts[2], applied.stderr);
    const config = await readFile(join(out, '.config'), 'utf8');
    assert.equal(configValue(config, 'MODULES'), 'y');
    // USB_XHCI_PCI has no prompt: the fix turns on USB and what selects it.
    assert.equal(configValue(config, 'USB_XHCI_PCI'), 'm');
    assert.equal(configValue(config, 'USB'), 'm');
    assert.equal(configValue(config, 'E1000E'), 'm');
    // The root file system and its storage path stay built in.
    assert.equal(configValue(config, 'EXT4_FS'), 'y');
    assert.equal(await kernelWrites(config, 'olddefconfig'), config, 'the saved config is stable under make olddefconfig');
    await checkExports(out, 'the laptop config');
  });
});

test('export --format guix names what Guix cannot carry, never writes a number, and --rest carries it', async () => {
  const out = await outputDirWith(root, 'debian-cli', debianConfig('6.12'));
  const listed = await runTuxconf(['export', '--format', 'guix', '--against', emptyPath, '-C', tree, '-O', out]);
  assert.equal(listed.exitCode, 1, 'the list alone does not give the config back');
  assert.match(listed.stderr, /a Guix list cannot carry these \d+ options \(a number/);
  assert.match(listed.stderr, /^ {2}CONFIG_DEFAULT_MMAP_MIN_ADDR=65536$/m);
  assert.match(listed.stderr, /#:configuration-file .* or give --rest FILE/);
  assert.doesNotThrow(() => guixConfigString(listed.stdout), 'every value is one Guix writes');
  assert.doesNotMatch(listed.stdout, /^\s*\("CONFIG_DEFAULT_MMAP_MIN_ADDR"/m);
  assert.match(listed.stdout, /^;; {3}CONFIG_DEFAULT_MMAP_MIN_ADDR=65536$/m, 'named in a comment at the end');
  // Grouped by menu, each option's prompt beside it.
  assert.match(listed.stdout, /^ {4};; Device Drivers > Network device support > Ethernet driver support$/m);
  assert.match(listed.stdout, /^ {4}\("CONFIG_E1000E" \. m\) ; Intel\(R\) PRO\/1000 PCI-Express Gigabit Ethernet support$/m);

  const scm = join(root, 'debian.scm');
  const restFile = join(root, 'debian-rest.config');
  const carried = await runTuxconf(['export', '--against', emptyPath, '--rest', restFile, '-C', tree, '-O', out, scm]);
  assert.equal(carried.exitCode, 0, carried.stderr);
  assert.match(carried.stderr, /wrote the \d+ options a Guix list cannot carry to .*debian-rest\.config: append it to the #:configuration-file/);
  const rest = await readFile(restFile, 'utf8');
  assert.match(rest, /^CONFIG_DEFAULT_MMAP_MIN_ADDR=65536$/m);
  assert.equal(await applyToBase(rest, guixConfigString(await readFile(scm, 'utf8'))), await kernelWrites(debianConfig('6.12'), 'olddefconfig'));

  const fragment = await runTuxconf(['export', '--format', 'fragment', '--rest', restFile, '-C', tree, '-O', out]);
  assert.equal(fragment.exitCode, 2);
  assert.match(fragment.stderr, /--rest goes with --format guix/);
});
