import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ExportEntry, formatExport, guixCannotCarry } from '../../src/features/presets/export-changes.js';
import { parseFragment } from '../../src/features/presets/fragment-format.js';
import { parseGuixOptions } from '../../src/features/presets/guix-format.js';
import { appendedConfig } from '../../src/features/presets/minimal-changes.js';

const entries: ExportEntry[] = [
  { name: 'EFI', type: 'bool', text: 'y', prompt: 'EFI runtime service support', menu: 'Processor type and features' },
  { name: 'LOG_BUF_SHIFT', type: 'int', text: '18', prompt: 'Kernel log buffer size', menu: 'General setup' },
  {
    name: 'E1000E',
    type: 'tristate',
    text: 'm',
    prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
    menu: 'Device Drivers > Network device support',
  },
  { name: 'E100', type: 'tristate', text: null, prompt: 'CONFIG_X is not set\nCONFIG_MODULES=n', menu: 'Device Drivers > Network device support' },
  { name: 'CMDLINE', type: 'string', text: '"quiet \\"x\\""', prompt: 'Built-in kernel command string', menu: 'Processor type and features' },
  { name: 'LOCALVERSION', type: 'string', text: '"-mine"', prompt: 'Local version', menu: 'General setup' },
];

test('a fragment groups options under menu headings with each prompt above its line, and reads back the same', () => {
  const text = formatExport(entries, 'fragment', { name: 'x', description: 'six options' });
  const parsed = parseFragment(text, 'x.config');
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(
    parsed.entries.map((entry) => [entry.name, entry.text]),
    entries.map((entry) => [entry.name, entry.text]),
  );
  assert.match(text, /^#\n# Device Drivers > Network device support\n#\n# Intel\(R\) PRO\/1000 PCI-Express Gigabit Ethernet support\nCONFIG_E1000E=m\n/m);
  // A prompt that reads like an assignment stays a comment (quoted, its line break escaped).
  assert.match(text, /^# "CONFIG_X is not set\\nCONFIG_MODULES=n"\n# CONFIG_E100 is not set$/m);
});

test('a Guix list carries only what config->string writes; the rest is named in a comment', () => {
  const text = formatExport(entries, 'guix', { name: 'mine', description: 'six options' });
  const parsed = parseGuixOptions(text, 'x.scm');
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(
    parsed.lists[0]?.entries.map((entry) => `${entry.name}=${entry.text}`),
    ['EFI=y', 'E1000E=m', 'E100=n', 'LOCALVERSION="-mine"'],
  );
  assert.match(text, /^ {2}`\(;; Processor type and features\n {4}\("CONFIG_EFI" \. #t\) ; EFI runtime service support$/m);
  assert.doesNotMatch(text, /\. 18\)/);
  assert.match(text, /^;; {3}CONFIG_LOG_BUF_SHIFT=18$/m);
  assert.match(text, /^;; {3}CONFIG_CMDLINE="quiet \\"x\\""$/m);
  assert.match(guixCannotCarry(entries[1]!) ?? '', /a number/);
  assert.match(guixCannotCarry(entries[4]!) ?? '', /unescaped/);
  assert.equal(guixCannotCarry(entries[5]!), undefined);
});

test('a list is appended to the base as Guix and merge_config.sh append it', () => {
  assert.equal(appendedConfig('', [{ name: 'EFI', text: 'y' }]), 'CONFIG_EFI=y\n');
  assert.equal(appendedConfig('CONFIG_A=y', [{ name: 'A', text: null }]), 'CONFIG_A=y\n# CONFIG_A is not set\n');
});
