/**
 * The three profile formats read as data: the profile text format, a Guix `initrd-modules` list
 * and an ebuild's CONFIG_CHECK; every problem at its file, line and column. Profile files are
 * hostile input: links in the profile directories, FIFOs, huge and binary files are refused by name.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfigCheck } from '../../src/features/checks/config-check.js';
import { parseGuixInitrdModules } from '../../src/features/checks/guix-initrd-modules.js';
import {
  formatProfileIssue,
  guixBase,
  loadProfileCatalog,
  loadProfileFile,
  resolveProfile,
  SHIPPED_PROFILE_DIR,
} from '../../src/features/checks/profile-files.js';
import { formatProfileText, parseProfileText } from '../../src/features/checks/profile-text.js';
import { withTempDir } from '../support/kernel-trees.js';

describe('the profile text format', () => {
  it('reads entries with their state, level, conditions, reason and place', () => {
    const text = [
      '# a comment',
      'profile: demo',
      'description: what a demo needs',
      'source: https://example.org/one',
      '',
      'CONFIG_NAMESPACES   y/m required                 -- containers need them',
      'dm-crypt            y   recommended arch x86,!um  -- root on LUKS',
      'CONFIG_NF_NAT_IPV4  y/m required since 4.1 before 5.2 -- old kernels -- with a dash',
      '  CONFIG_SYSFS_DEPRECATED n optional -- udev',
    ].join('\n');
    const parsed = parseProfileText(text, '/p/demo.profile');
    assert.deepEqual(parsed.issues, []);
    assert.equal(parsed.name, 'demo');
    assert.equal(parsed.description, 'what a demo needs');
    assert.deepEqual(parsed.sources, ['https://example.org/one']);
    assert.deepEqual(
      parsed.entries.map((entry) => [entry.kind, entry.name, entry.written, entry.want, entry.level, entry.reason, entry.at.line, entry.at.column]),
      [
        ['symbol', 'NAMESPACES', 'CONFIG_NAMESPACES', 'y/m', 'required', 'containers need them', 6, 1],
        ['module', 'dm-crypt', 'dm-crypt', 'y', 'recommended', 'root on LUKS', 7, 1],
        ['symbol', 'NF_NAT_IPV4', 'CONFIG_NF_NAT_IPV4', 'y/m', 'required', 'old kernels -- with a dash', 8, 1],
        ['symbol', 'SYSFS_DEPRECATED', 'CONFIG_SYSFS_DEPRECATED', 'n', 'optional', 'udev', 9, 3],
      ],
    );
    assert.deepEqual(parsed.entries[1]?.when, { since: null, before: null, arches: ['x86'], notArches: ['um'] });
    assert.deepEqual(parsed.entries[2]?.when, { since: { major: 4, minor: 1 }, before: { major: 5, minor: 2 }, arches: [], notArches: [] });
  });

  it('names every problem with its line and column', () => {
    const lines = [
      'CONFIG_A m required -- a module only cannot be asked for',
      'CONFIG_B y/m mandatory -- not a level',
      'CONFIG_C y/m required since 5 -- not a version',
      'CONFIG_D y/m required',
      'CONFIG_E y/m required --   ',
      'not/a/module y required -- slash',
      'CONFIG_F y/m required arch X86 -- upper case',
      'CONFIG_G y/m required since 5.2 before 5.1 -- never applies',
      'CONFIG_H y/m required when 5.1 -- unknown condition',
      'CONFIG_I y/m required -- first',
      'CONFIG_I y/m required -- twice',
      'CONFIG_J y/m required -- bell \u0007 here',
      'profile: bad name',
      'CONFIG_ y/m required -- empty symbol',
    ];
    const parsed = parseProfileText(lines.join('\n'), 'x.profile');
    const located = parsed.issues.map((issue) => `${issue.line}:${issue.column}`);
    assert.deepEqual(located, ['1:10', '2:14', '3:29', '4:22', '5:28', '6:1', '7:28', '8:33', '9:23', '11:1', '12:31', '13:1', '14:1']);
    assert.match(parsed.issues[0]?.message ?? '', /use y\/m/);
    assert.match(parsed.issues[9]?.message ?? '', /twice.*line 10/);
    assert.match(parsed.issues[10]?.message ?? '', /U\+0007/);
    assert.deepEqual(
      parsed.entries.map((entry) => entry.name),
      ['I'],
    );
    assert.match(formatProfileIssue(parsed.issues[1]!), /^x\.profile:2:14: 'mandatory' is not a level/);
  });

  it('writes what it reads back', () => {
    const parsed = parseProfileText(
      ['profile: round', 'CONFIG_X y required since 4.15 -- why', 'hid-generic y/m optional arch !riscv -- keyboards'].join('\n'),
      'a.profile',
    );
    const again = parseProfileText(formatProfileText({ name: 'round', description: '', sources: [], entries: parsed.entries }), 'a.profile');
    assert.deepEqual(again.issues, []);
    assert.deepEqual(
      again.entries.map(({ at: _at, ...entry }) => entry),
      parsed.entries.map(({ at: _at, ...entry }) => entry),
    );
  });
});

describe('Guix initrd-modules lists', () => {
  it('reads the field of an operating-system, a define it refers to, and %base-initrd-modules', () => {
    const text = [
      '(define %extra \'("nvme" "sdhci-pci"))',
      '(operating-system',
      '  (host-name "box")',
      '  (groups (cons (user-group (name "x")) %base-groups))',
      '  (initrd-modules (append %extra (list "mmc_block") %base-initrd-modules)))',
    ].join('\n');
    const parsed = parseGuixInitrdModules(text, 'os.scm');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(
      parsed.modules.map((module) => [module.name, module.at.line, module.at.column]),
      [
        ['nvme', 1, 18],
        ['sdhci-pci', 1, 25],
        ['mmc_block', 5, 40],
      ],
    );
    assert.deepEqual(parsed.includesBase, { path: 'os.scm', line: 5, column: 53 });
  });

  it('reads a bare quoted list', () => {
    const parsed = parseGuixInitrdModules(';; mine\n\'("ahci" "virtio_blk")\n', 'm.scm');
    assert.deepEqual(
      parsed.modules.map((module) => module.name),
      ['ahci', 'virtio_blk'],
    );
  });

  it('evaluates nothing: unknown names, calls and bad strings are issues at their place', () => {
    const parsed = parseGuixInitrdModules('(initrd-modules (append %elsewhere (map f \'("a")) \'("ok" "no way" sym)))', 'm.scm');
    assert.deepEqual(
      parsed.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message.split(':')[0]}`),
      [
        '1:25 tuxconf does not evaluate Scheme',
        '1:37 tuxconf does not evaluate (map ...)',
        '1:58 "no way" is not a module name (letters, digits, _ and -)',
        "1:67 'sym' is a symbol",
      ],
    );
    assert.equal(parseGuixInitrdModules('(initrd-modules \'("a"', 'm.scm').issues[0]?.line, 1);
  });
});

describe('ebuild CONFIG_CHECK', () => {
  it('reads hard, soft (~) and negated (!) options with ERROR_ and WARNING_ reasons', () => {
    const text = [
      'inherit linux-info',
      'CONFIG_CHECK="~NET_NS !DEBUG_FS',
      '\tNAMESPACES ~!AUDIT"',
      'ERROR_NAMESPACES="needs namespaces for sandboxes"',
      'WARNING_NET_NS="network namespaces help"',
      'use foo && CONFIG_CHECK+=" FUSE_FS"',
    ].join('\n');
    const parsed = parseConfigCheck(text, 'x-1.ebuild');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(
      parsed.entries.map((entry) => [entry.written, entry.want, entry.level, entry.reason, `${entry.at.line}:${entry.at.column}`]),
      [
        ['CONFIG_NET_NS', 'y/m', 'recommended', 'network namespaces help', '2:15'],
        ['CONFIG_DEBUG_FS', 'n', 'required', 'CONFIG_CHECK: must not be set', '2:23'],
        ['CONFIG_NAMESPACES', 'y/m', 'required', 'needs namespaces for sandboxes', '3:2'],
        ['CONFIG_AUDIT', 'n', 'recommended', 'CONFIG_CHECK: must not be set (~: a warning only)', '3:13'],
        ['CONFIG_FUSE_FS', 'y/m', 'required', 'CONFIG_CHECK: must be set', '6:28'],
      ],
    );
  });

  it('reads a bare list, and refuses what needs a shell', () => {
    assert.deepEqual(
      parseConfigCheck('~A !B C\n', 'list.check').entries.map((entry) => entry.written),
      ['CONFIG_A', 'CONFIG_B', 'CONFIG_C'],
    );
    const parsed = parseConfigCheck('CONFIG_CHECK="${CONFIG_CHECK} @X:x CONFIG_Y ok-not"', 'e.ebuild');
    assert.deepEqual(
      parsed.issues.map((issue) => `${issue.line}:${issue.column}`),
      ['1:15', '1:31', '1:36', '1:45'],
    );
    assert.match(parseConfigCheck('CONFIG_CHECK="A', 'e.ebuild').issues[0]?.message ?? '', /never closed/);
  });
});

describe('profile files', () => {
  it('loads the shipped profiles without issues', async () => {
    const catalog = await loadProfileCatalog({ XDG_CONFIG_HOME: '/nonexistent' });
    assert.deepEqual(catalog.issues, []);
    assert.deepEqual(catalog.profiles.map((profile) => profile.name).sort(), ['containers', 'guix-initrd', 'systemd']);
    for (const profile of catalog.profiles) {
      assert.ok(
        profile.sources.length > 0 && profile.sources.every((source) => /https:\/\/github\.com\/.+\/blob\/[0-9a-f]{40}\//.test(source)),
        `${profile.name} cites commits`,
      );
    }
  });

  it('takes a user profile by name, a Guix list or an ebuild by path', async () => {
    await withTempDir('profiles', async (dir) => {
      const profiles = join(dir, 'config', 'tuxconf', 'profiles');
      await mkdir(profiles, { recursive: true });
      await writeFile(join(profiles, 'mine.profile'), 'CONFIG_FUSE_FS y/m required -- sshfs\n');
      await writeFile(join(dir, 'os.scm'), '(initrd-modules (cons* "nvme" %base-initrd-modules))\n');
      await writeFile(join(dir, 'app-1.ebuild'), 'CONFIG_CHECK="~FUSE_FS"\n');
      const catalog = await loadProfileCatalog({ XDG_CONFIG_HOME: join(dir, 'config') });
      assert.deepEqual(catalog.issues, []);
      const mine = await resolveProfile('mine', catalog, dir);
      assert.equal(mine.origin, 'user');
      const guix = await resolveProfile('./os.scm', catalog, dir);
      assert.equal(guix.format, 'guix-initrd-modules');
      const base = await guixBase();
      assert.deepEqual(
        guix.entries.map((entry) => entry.name),
        ['nvme', ...base.entries.map((entry) => entry.name)],
      );
      const ebuild = await resolveProfile('app-1.ebuild', catalog, dir);
      assert.deepEqual(
        ebuild.entries.map((entry) => [entry.written, entry.level]),
        [['CONFIG_FUSE_FS', 'recommended']],
      );
      await assert.rejects(resolveProfile('nothing', catalog, dir), /no profile named 'nothing'.*/);
    });
  });

  it('refuses links, FIFOs, huge, binary and non-UTF-8 files by name, and keeps the others', async () => {
    await withTempDir('profiles-hostile', async (dir) => {
      const profiles = join(dir, 'tuxconf', 'profiles');
      await mkdir(profiles, { recursive: true });
      await writeFile(join(dir, 'outside.profile'), 'CONFIG_X y required -- x\n');
      await symlink(join(dir, 'outside.profile'), join(profiles, 'link.profile'));
      execFileSync('mkfifo', [join(profiles, 'fifo.profile')]);
      await writeFile(join(profiles, 'huge.profile'), `# ${'x'.repeat(2 << 20)}\n`);
      await writeFile(join(profiles, 'binary.profile'), Buffer.from('CONFIG_X y required -- \0\n'));
      await writeFile(join(profiles, 'latin1.profile'), Buffer.from('CONFIG_X y required -- caf\xe9\n', 'latin1'));
      await writeFile(join(profiles, 'good.profile'), 'CONFIG_X y required -- x\n');
      const catalog = await loadProfileCatalog({ XDG_CONFIG_HOME: dir });
      assert.deepEqual(
        catalog.profiles.filter((profile) => profile.origin === 'user').map((profile) => profile.name),
        ['good'],
      );
      const problems = catalog.issues.map(formatProfileIssue).join('\n');
      assert.match(problems, /link\.profile is a symbolic link/);
      assert.match(problems, /fifo\.profile.*not a regular file|fifo\.profile.*FIFO/i);
      assert.match(problems, /huge\.profile.*(larger|too large|exceeds|MiB)/i);
      assert.match(problems, /binary\.profile:1:1: this is a binary file/);
      assert.match(problems, /latin1\.profile:1:27: this line is not UTF-8/);
      // A file named on the command line may be a link the user chose; its problems are named the same way.
      const loaded = await loadProfileFile(join(profiles, 'fifo.profile'), { origin: 'file' });
      assert.equal(loaded.profile, null);
    });
  });

  it('ships its profiles inside the package', async () => {
    const pkg = JSON.parse(await readFile(join(SHIPPED_PROFILE_DIR, '..', 'package.json'), 'utf8')) as { files: string[] };
    assert.ok(pkg.files.includes('profiles'));
  });
});
