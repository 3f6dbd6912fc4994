/**
 * `tuxconf check` as a user and a build script run it: the configuration checked (the session's,
 * a gzip file, the running kernel's, a capture's), profiles by path, bad profiles and bad input
 * named at their place with nothing changed, and the boot profile's console from /proc/consoles.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { checkCommand } from '../../src/cli/commands/check.js';
import { profilesCommand } from '../../src/cli/commands/profiles.js';
import { parseConsoles } from '../../src/features/checks/boot-profile.js';
import { parseProfileText } from '../../src/features/checks/profile-text.js';
import { fixture, runCommand } from '../hardware/support/run-command.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

interface CheckJson {
  config: string;
  met: boolean;
  entries: { profile: string; entry: string; state: string; met: boolean; level: string; verdict: string }[];
}

let dir = '';
let out = '';
let cloud = '';
const TREE = (): string => kernelTree('6.12');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-check-cli-'));
  cloud = debianConfig('6.12', 'amd64_none_cloud-amd64');
  out = await outputDirWith(dir, 'out', cloud);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** No profiles of the user running the tests. */
const env = (): NodeJS.ProcessEnv => ({ ...process.env, XDG_CONFIG_HOME: join(dir, 'config') });

const stateOf = (report: CheckJson, entry: string): string | undefined => report.entries.find((candidate) => candidate.entry === entry)?.state;

describe('tuxconf check', () => {
  it('prints JSON whose entries have entry, state, met and level, and exits 1 on an unmet required entry (the real program)', async () => {
    const result = await runTuxconf(['check', 'guix-initrd', '-C', TREE(), '-O', out, '--json'], { env: env() });
    assert.equal(result.exitCode, 1, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.equal(report.config, join(out, '.config'));
    assert.equal(report.met, false);
    for (const entry of report.entries) {
      assert.equal(typeof entry.entry, 'string');
      assert.ok(['y', 'm', 'n'].includes(entry.state));
      assert.equal(typeof entry.met, 'boolean');
      assert.ok(['required', 'recommended', 'optional'].includes(entry.level));
    }
    assert.deepEqual(
      [stateOf(report, 'usb-storage'), stateOf(report, 'isci'), stateOf(report, 'virtio_blk'), stateOf(report, 'nls_iso8859-1')],
      ['n', 'n', 'm', 'm'],
    );
  });

  it("checks a gzip-compressed config, the running kernel's, and a capture's, without touching the session's file", async () => {
    const gz = join(dir, 'config.gz');
    await writeFile(gz, gzipSync(Buffer.from(debianConfig('6.12'))));
    const fromGz = await runCommand(checkCommand, ['guix-initrd', '-C', TREE(), '-O', out, '--config', gz, '--json'], env());
    const gzReport = JSON.parse(fromGz.stdout) as CheckJson;
    assert.equal(gzReport.config, gz);
    assert.equal(stateOf(gzReport, 'usb-storage'), 'm', 'the full amd64 config builds usb-storage');
    assert.equal(await readFile(join(out, '.config'), 'utf8'), cloud);

    const running = await runCommand(checkCommand, ['systemd', '--running', '-C', TREE(), '-O', out, '--json'], env());
    const boot = `/boot/config-${release()}`;
    const expected = existsSync('/proc/config.gz') ? '/proc/config.gz' : existsSync(boot) ? boot : null;
    if (expected) assert.equal((JSON.parse(running.stdout) as CheckJson).config, expected, running.stderr);
    else assert.match(running.stderr, /cannot read the running kernel's configuration/);

    const captured = await runCommand(checkCommand, ['boot', '--running', '--hw-from', fixture('laptop'), '-C', TREE(), '-O', out, '--json'], env());
    const capturedReport = JSON.parse(captured.stdout) as CheckJson;
    assert.equal(capturedReport.config, join(fixture('laptop'), 'kernel-config.txt'));
    // Without boot, a capture names the machine whose recorded config is checked.
    const machine = await runCommand(checkCommand, ['containers', '--hw-from', fixture('laptop'), '-C', TREE(), '-O', out, '--json'], env());
    assert.equal((JSON.parse(machine.stdout) as CheckJson).config, join(fixture('laptop'), 'kernel-config.txt'));
    assert.equal(await readFile(join(out, '.config'), 'utf8'), cloud);
  });

  it('refuses a gzip bomb, a FIFO and two configurations at once, naming them', async () => {
    const bomb = join(dir, 'bomb.gz');
    await writeFile(bomb, gzipSync(Buffer.alloc(17 << 20, 0x41)));
    const result = await runCommand(checkCommand, ['systemd', '-C', TREE(), '-O', out, '--config', bomb], env());
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /bomb\.gz: it expands to more than 16 MiB/);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const fromFifo = await runCommand(checkCommand, ['systemd', '-C', TREE(), '-O', out, '--config', fifo], env());
    assert.equal(fromFifo.exitCode, 1);
    assert.match(fromFifo.stderr, /fifo is not a regular file/);
    assert.equal((await runCommand(checkCommand, ['systemd', '--running', '--config', join(dir, 'bomb.gz'), '-C', TREE(), '-O', out], env())).exitCode, 2);
  });

  it('names every problem of a profile file at its line and column, before kconfig starts, and changes nothing', async () => {
    const bad = join(dir, 'bad.profile');
    await writeFile(bad, 'CONFIG_NAMESPACES y/m required -- fine\nCONFIG_USER_NS m required -- a module only\nfoo bar\n');
    const result = await runCommand(checkCommand, [bad, '--fix', '-C', TREE(), '-O', out], env());
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, new RegExp(`${bad}:2:16: 'm' is not a wanted state`));
    assert.match(result.stderr, new RegExp(`${bad}:3:5: 'bar' is not a wanted state`));
    assert.equal(await readFile(join(out, '.config'), 'utf8'), cloud);
    const missing = await runCommand(checkCommand, ['no-such-profile', '-C', TREE(), '-O', out], env());
    assert.match(missing.stderr, /no profile named 'no-such-profile'\nhint: known profiles: boot, containers, guix-initrd, systemd/);
  });

  it("takes a Guix initrd-modules list and an ebuild's CONFIG_CHECK by path", async () => {
    const scm = join(dir, 'initrd.scm');
    await writeFile(scm, '(initrd-modules (append \'("nvme" "virtio-rng") %base-initrd-modules))\n');
    const ebuild = join(dir, 'app-1.0.ebuild');
    await writeFile(ebuild, 'CONFIG_CHECK="~USER_NS !LEGACY_VSYSCALL_NATIVE"\n');
    const result = await runCommand(checkCommand, [scm, ebuild, '-C', TREE(), '-O', out, '--json'], env());
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.deepEqual(
      report.entries
        .filter((entry) => entry.profile === 'initrd')
        .slice(0, 3)
        .map((entry) => entry.entry),
      ['nvme', 'virtio-rng', 'ahci'],
    );
    assert.deepEqual(
      report.entries.filter((entry) => entry.profile === 'app-1.0').map((entry) => [entry.entry, entry.level]),
      [
        ['CONFIG_USER_NS', 'recommended'],
        ['CONFIG_LEGACY_VSYSCALL_NATIVE', 'required'],
      ],
    );
  });
});

describe('the boot profile', () => {
  it('reads /proc/consoles', () => {
    assert.deepEqual(parseConsoles('tty0                 -WU (EC p  )    4:1\nttyS0                -W- (E  p a)    4:64\n\n'), ['tty0', 'ttyS0']);
  });

  it('wants the captured console built in, and the root path as modules with an initrd or built in without', async () => {
    const capture = join(dir, 'laptop');
    await cp(fixture('laptop'), capture, { recursive: true });
    await writeFile(join(capture, 'consoles.txt'), 'tty0                 -WU (EC p  )    4:1\nttyS0                -W- (E  p a)    4:64\n');
    const shown = await runCommand(profilesCommand, ['show', 'boot', '--hw-from', capture, '-C', TREE()], env());
    assert.equal(shown.exitCode, 0, shown.stderr);
    const parsed = parseProfileText(shown.stdout, 'boot.profile');
    assert.deepEqual(parsed.issues, [], 'what profiles show prints reads back as a profile');
    const want = (name: string): string | undefined => {
      const entry = parsed.entries.find((candidate) => candidate.written === name);
      return entry ? `${entry.want} ${entry.level}` : undefined;
    };
    assert.deepEqual(
      [
        'ext4',
        'nvme',
        'dm_mod',
        'dm_crypt',
        'CONFIG_PCIEPORTBUS',
        'CONFIG_VT_CONSOLE',
        'CONFIG_SERIAL_8250_CONSOLE',
        'CONFIG_FRAMEBUFFER_CONSOLE',
        'CONFIG_MODULES',
        'CONFIG_BLK_DEV_INITRD',
      ].map(want),
      ['y/m required', 'y/m required', 'y/m required', 'y/m required', 'y required', 'y required', 'y required', 'y recommended', 'y required', 'y required'],
    );
    const withoutInitrd = parseProfileText(
      (await runCommand(profilesCommand, ['show', 'boot', '--no-initrd', '--hw-from', capture, '-C', TREE()], env())).stdout,
      'b.profile',
    );
    const wantNoInitrd = (name: string): string | undefined => withoutInitrd.entries.find((candidate) => candidate.written === name)?.want;
    assert.deepEqual(['ext4', 'nvme', 'dm_crypt', 'CONFIG_DM_INIT', 'CONFIG_BLK_DEV_INITRD'].map(wantNoInitrd), ['y', 'y', 'y', 'y', undefined]);
  });
});
