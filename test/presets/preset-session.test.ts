import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { applyPresets, previewPresets, unapplyPresets } from '../../src/features/presets/apply-presets.js';
import { changedOptions, formatExport } from '../../src/features/presets/export-changes.js';
import { parseFragment } from '../../src/features/presets/fragment-format.js';
import { type PresetCatalog, resolvePreset } from '../../src/features/presets/preset-catalog.js';
import { PresetError } from '../../src/features/presets/preset-error.js';
import { createPreset } from '../../src/features/presets/create-preset.js';
import { catalogFor, listPresets, planByName } from '../../src/features/presets/preset-service.js';
import { kernelTree } from '../support/kernel-trees.js';

/** Presets on a live session of Debian's 6.12 tree, loaded with arch/x86/configs/x86_64_defconfig. */

const tree = kernelTree('6.12');
const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/presets/${path}`, import.meta.url));
let root = '';
let session: Session;
let catalog: PresetCatalog;
const env = (): NodeJS.ProcessEnv => ({ ...process.env, XDG_CONFIG_HOME: join(root, 'xdg') });

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tuxconf-test-preset-session-'));
  const config = join(root, 'x86_64.config');
  await copyFile(join(tree, 'arch/x86/configs/x86_64_defconfig'), config);
  const presets = join(root, 'xdg', 'tuxconf', 'presets');
  await mkdir(presets, { recursive: true });
  await copyFile(fixture('fragments/efi.config'), join(presets, 'efi.config'));
  await copyFile(fixture('guix/extra-linux-options.scm'), join(presets, 'machines.scm'));
  await copyFile(fixture('malformed/unbalanced.scm'), join(presets, 'broken.scm'));
  await mkdir(join(root, '.tuxconf', 'presets'), { recursive: true });
  await writeFile(join(root, '.tuxconf', 'presets', 'efi.config'), '# Help: the project\'s own EFI options\nCONFIG_EFI=y\n');
  session = await openSession({ tree, output: join(root, 'out'), arch: 'x86', config, env: env(), cwd: root });
  catalog = await catalogFor(session, { env: env(), cwd: root, kbuildDefconfig: 'x86_64_defconfig' });
});

// Each test starts from the config as loaded, whatever an earlier one did or failed to undo.
beforeEach(async () => {
  while (await session.undo());
});

after(async () => {
  await session?.close();
  await rm(root, { recursive: true, force: true });
});

test('the catalog names tree fragments like their make targets, with the files make merges', () => {
  const hardening = catalog.presets.find((preset) => preset.name === 'hardening.config')!;
  assert.equal(hardening.origin, 'tree');
  assert.equal(hardening.description, 'Basic kernel hardening options');
  assert.deepEqual(hardening.steps.map((step) => step.kind), ['merge']);
  assert.deepEqual(hardening.steps[0]!.files.map((file) => file.path), [
    join(tree, 'kernel/configs/hardening.config'),
    join(tree, 'arch/x86/configs/hardening.config'),
  ]);
  const names = catalog.presets.map((preset) => `${preset.origin}:${preset.name}`);
  for (const expected of ['tree:kvm_guest.config', 'tree:tiny.config', 'base:x86_64_defconfig', 'base:defconfig', 'base:tinyconfig', 'base:allnoconfig', 'user:efi', 'user:base-extra-linux-options', 'user:guest-extra-linux-options', 'project:efi']) {
    assert.ok(names.includes(expected), `${expected} is listed`);
  }
  const archFiles = catalog.presets.flatMap((preset) => preset.steps.flatMap((step) => step.files.map((file) => file.path))).filter((path) => path.startsWith(join(tree, 'arch')));
  assert.ok(archFiles.length > 0 && archFiles.every((path) => path.startsWith(join(tree, 'arch/x86/'))), 'only this arch\'s files');
  assert.deepEqual(catalog.issues.map((issue) => [issue.path.endsWith('broken.scm'), issue.line]), [[true, 1]]);
  const tiny = catalog.presets.find((preset) => preset.name === 'tinyconfig')!;
  assert.deepEqual(tiny.steps.map((step) => [step.kind, step.files.map((file) => file.path.slice(tree.length + 1))]), [
    ['allno', ['kernel/configs/tiny-base.config']],
    ['merge', ['kernel/configs/tiny.config', 'arch/x86/configs/tiny.config']],
  ]);
});

test('names resolve: shorthand, origin qualifiers, the nearest origin first, paths, and clear failures', async () => {
  assert.equal((await resolvePreset('kvm_guest', catalog, root))[0]!.name, 'kvm_guest.config');
  assert.equal((await resolvePreset('efi', catalog, root))[0]!.origin, 'project', 'the project\'s efi shadows the user\'s');
  assert.equal((await resolvePreset('user:efi', catalog, root))[0]!.origin, 'user');
  const byPath = await resolvePreset(fixture('guix/extra-linux-options.scm'), catalog, root);
  assert.deepEqual(byPath.map((preset) => [preset.origin, preset.name]), [
    ['file', 'base-extra-linux-options'],
    ['file', 'guest-extra-linux-options'],
  ]);
  await assert.rejects(resolvePreset('no-such-preset', catalog, root), /no preset named 'no-such-preset'/);
  await assert.rejects(resolvePreset('broken', catalog, root), (error: unknown) => {
    assert.ok(error instanceof PresetError);
    assert.match(error.details[0] ?? '', /broken\.scm:1:1: unbalanced parentheses/);
    return true;
  });
});

test('satisfaction says which presets the config already meets', () => {
  const listing = new Map(listPresets(session, catalog).map((entry) => [`${entry.preset.origin}:${entry.preset.name}`, entry.status]));
  const defconfig = listing.get('base:x86_64_defconfig')!;
  assert.equal(defconfig.satisfaction, 'full');
  assert.equal(defconfig.unknown, 1, 'CONFIG_SECURITY_SELINUX_DISABLE is no longer a symbol');
  assert.equal(listing.get('project:efi')?.satisfaction, 'full');
  const hardening = listing.get('tree:hardening.config')!;
  assert.equal(hardening.satisfaction, 'partial');
  assert.ok(hardening.met > 0 && hardening.met < hardening.total);
  assert.ok(hardening.unmet.includes('PROC_KCORE'));
  assert.equal(listing.get('user:guest-extra-linux-options')?.satisfaction, 'none', 'x86_64_defconfig builds virtio in, not as modules');
});

test('a preview names the choice member that wins and changes nothing', async () => {
  const xz = join(root, 'xz.config');
  await writeFile(xz, 'CONFIG_KERNEL_XZ=y\n');
  const before = await session.configText();
  const plan = await planByName(session, [fixture('fragments/kernel-compression.config'), xz], catalog, root);
  assert.deepEqual(plan.conflicts, [], 'two different symbols: not a conflict of values');
  const preview = await previewPresets(session, plan);
  assert.equal(await session.configText(), before);
  assert.deepEqual(session.history, []);
  assert.deepEqual(preview.notApplied.map((outcome) => outcome.request.name), ['KERNEL_ZSTD']);
  assert.match(preview.notApplied[0]!.reason ?? '', /in the choice "Kernel compression mode", CONFIG_KERNEL_XZ is selected instead, as xz \(.*xz\.config:1\) asks/);
  assert.deepEqual(preview.changes.filter((change) => change.name.startsWith('KERNEL_')), [
    { name: 'KERNEL_GZIP', from: 'y', to: 'n' },
    { name: 'KERNEL_XZ', from: 'n', to: 'y' },
  ]);
});

test('requests that cannot stick say why: select, dependency, modules', async () => {
  const requests = join(root, 'stubborn.config');
  // ACPI is selected by ... on x86_64; DRM_VIRTIO_GPU needs DRM and VIRTIO_MENU; m for a bool.
  await writeFile(requests, ['# CONFIG_CRYPTO is not set', 'CONFIG_DRM_I915=y', '# CONFIG_DRM is not set', 'CONFIG_NR_CPUS=100000'].join('\n'));
  const plan = await planByName(session, [requests], catalog, root);
  const preview = await previewPresets(session, plan);
  const reasons = new Map(preview.notApplied.map((outcome) => [outcome.request.name, outcome.reason ?? '']));
  assert.match(reasons.get('CRYPTO') ?? '', /CONFIG_CRYPTO=n: forced to y by select: /);
  assert.match(reasons.get('DRM_I915') ?? '', /CONFIG_DRM_I915=y: unmet dependencies: .*DRM \[=n\]/);
  assert.match(reasons.get('NR_CPUS') ?? '', /CONFIG_NR_CPUS=100000: out of range \(.*\); the kernel used \d+/);
  assert.ok(!reasons.has('DRM'), 'DRM=n sticks');
});

test('apply and un-apply, right after or after other changes', async () => {
  const before = await session.configText();
  const plan = await planByName(session, [fixture('fragments/filesystems.config')], catalog, root);
  const applied = await applyPresets(session, plan);
  assert.equal(session.value('BTRFS_FS'), 'm');
  assert.equal(session.value('FAT_DEFAULT_IOCHARSET'), 'utf8');
  assert.deepEqual(applied.notApplied, []);
  assert.equal(applied.steps, 1);
  const undone = await unapplyPresets(session, applied);
  assert.ok(undone.some((change) => change.name === 'BTRFS_FS' && change.to === 'n'));
  assert.equal(await session.configText(), before, 'right after applying, un-apply is an undo');

  const again = await applyPresets(session, plan);
  const set = await session.set('MSDOS_FS', 'm');
  assert.ok(set.ok);
  await unapplyPresets(session, again);
  assert.equal(session.value('BTRFS_FS'), 'n', 'the preset\'s values are taken back');
  assert.equal(session.value('FAT_DEFAULT_IOCHARSET'), 'iso8859-1');
  assert.equal(session.value('MSDOS_FS'), 'm', 'the later change stays');
  assert.equal(session.history.at(-1), 'un-apply filesystems');
  while (await session.undo());
  assert.equal(await session.configText(), before);
});

test('changes against the loaded config export as a fragment that applies back', async () => {
  const plan = await planByName(session, ['hardening.config'], catalog, root);
  await applyPresets(session, plan);
  const current = await session.configText();
  const loaded = await session.loadedConfigText();
  assert.equal(await session.configText(), current, 'reading the loaded config leaves the session as it was');
  const entries = changedOptions(session.model, loaded, current);
  assert.ok(entries.some((entry) => entry.name === 'PROC_KCORE' && entry.text === null));
  const text = formatExport(entries, 'fragment', { name: 'hardened', description: 'my hardening' });
  const fragment = parseFragment(text, 'hardened.config');
  assert.deepEqual(fragment.issues, []);
  assert.equal(fragment.description, 'my hardening');
  while (await session.undo());
  const file = join(root, 'hardened.config');
  await writeFile(file, text);
  await applyPresets(session, await planByName(session, [file], catalog, root));
  assert.equal(await session.configText(), current);
  while (await session.undo());
});

test('the current changes saved as a new Guix preset are listed, satisfied, and apply back', async () => {
  await applyPresets(session, await planByName(session, ['kvm_guest.config', 'user:guest-extra-linux-options'], catalog, root));
  const current = await session.configText();
  const created = await createPreset(session, { name: 'my-guest', format: 'guix', where: 'user', env: env(), cwd: root, description: 'my guest' });
  assert.equal(created.path, join(root, 'xdg', 'tuxconf', 'presets', 'my-guest.scm'));
  await assert.rejects(createPreset(session, { name: 'my-guest', format: 'guix', where: 'user', env: env(), cwd: root }), /exists/);
  await assert.rejects(createPreset(session, { name: '../escape', format: 'fragment', where: 'user', env: env(), cwd: root }), /cannot name a preset/);
  const fresh = await catalogFor(session, { env: env(), cwd: root });
  const listed = listPresets(session, fresh).find((entry) => entry.preset.name === 'my-guest');
  assert.equal(listed?.preset.origin, 'user');
  assert.equal(listed?.preset.description, 'my guest');
  assert.equal(listed?.status.satisfaction, 'full');
  while (await session.undo());
  assert.equal(listPresets(session, fresh).find((entry) => entry.preset.name === 'my-guest')?.status.satisfaction, 'partial');
  await applyPresets(session, await planByName(session, ['my-guest'], fresh, root));
  assert.equal(await session.configText(), current);
  while (await session.undo());
});
