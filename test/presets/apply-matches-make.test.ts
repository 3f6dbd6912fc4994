import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyCommand } from '../../src/cli/commands/apply.js';
import { exportCommand } from '../../src/cli/commands/export.js';
import { parseGuixOptions } from '../../src/features/presets/guix-format.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { runCommand } from './cli-io.js';

/**
 * `tuxconf apply` and `tuxconf export` against the kernel's own `make NAME.config` runs on
 * Debian's 6.12 tree, in throwaway output directories. make and merge_config.sh are the oracle.
 */

const tree = kernelTree('6.12');
const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/presets/${path}`, import.meta.url));
const inTree = (path: string): string => join(tree, path);

let root = '';
/** One output directory for every tuxconf run (each with its own --config file), one for make. */
let ours = '';
let oracle = '';
/** Results of make runs that later tests start from. */
const made: Record<string, string> = {};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tuxconf-test-presets-'));
  ours = join(root, 'tuxconf');
  oracle = join(root, 'make');
  await mkdir(ours);
  await mkdir(oracle);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

interface RequestJson {
  name: string;
  requested: string | null;
  applied: boolean;
  actual: string | null;
  reason: string | null;
  kernelReports: boolean;
}

interface ApplyJson {
  presets: string[];
  changes: { name: string; from: string; to: string }[];
  notApplied: RequestJson[];
  requests: RequestJson[];
  conflicts: { name: string; winner: string; requests: { preset: string }[] }[];
  saved: string | null;
}

function tuxconf(config: string, ...args: string[]) {
  return runCommand(applyCommand, ['-C', tree, '-O', ours, '--arch', 'x86', '--config', config, ...args], { cwd: root });
}

/** The kernel's make in the oracle directory, starting from `start`; returns the .config it wrote. */
async function makeConfig(start: string, targets: string[]): Promise<string> {
  const config = join(oracle, '.config');
  await writeFile(config, start);
  kernelMake(tree, oracle, targets);
  return readFile(config, 'utf8');
}

/**
 * merge_config.sh's own check of requested values on the kernel's result: the fragments are
 * merged by merge_config.sh -m itself (into an empty file, so a later request replaces an
 * earlier one as it does), then each requested line is looked for, word for word, in the final
 * .config. Returns the names it reports as "Value requested for CONFIG_X not in final .config".
 */
async function mergeConfigReports(fragments: string[], finalConfig: string): Promise<string[]> {
  const dir = await mkdtemp(join(root, 'check-'));
  const requested = join(dir, 'requested');
  const final = join(dir, 'final');
  await writeFile(requested, '');
  await writeFile(final, finalConfig);
  execFileSync(inTree('scripts/kconfig/merge_config.sh'), ['-m', '-Q', requested, ...fragments], {
    cwd: dir,
    env: { ...process.env, KCONFIG_CONFIG: requested },
    stdio: 'ignore',
  });
  const check = `
    for CFG in $(sed -n -e 's/^\\(CONFIG_[a-zA-Z0-9_]*\\)=.*/\\1/p' -e 's/^# \\(CONFIG_[a-zA-Z0-9_]*\\) is not set$/\\1/p' "$1"); do
      want=$(grep -w -e "$CFG" "$1")
      got=$(grep -w -e "$CFG" "$2" || true)
      [ "x$want" = "x$got" ] || echo "$CFG"
    done`;
  const output = execFileSync('sh', ['-c', check, 'sh', requested, final], { encoding: 'utf8' });
  return output.split('\n').filter(Boolean).map((name) => name.replace(/^CONFIG_/, '')).sort();
}

/**
 * The dry run names every request merge_config.sh reports, and each one tuxconf calls "not
 * applied" comes with a reason. The only reports tuxconf counts as applied are requests for n
 * whose symbol ends up n without a line of its own (the kernel writes no line for a symbol
 * whose dependencies are off; merge_config.sh compares text).
 */
function assertReportsMatch(outcome: ApplyJson, reports: string[]): void {
  const reported = outcome.requests.filter((request) => request.kernelReports).map((request) => request.name).sort();
  assert.deepEqual(reported, reports, 'tuxconf flags exactly the requests merge_config.sh reports');
  const notApplied = new Set(outcome.notApplied.map((request) => request.name));
  for (const request of outcome.notApplied) {
    assert.ok(request.reason && request.reason.length > 10, `a reason for CONFIG_${request.name}`);
    assert.ok(reports.includes(request.name), `CONFIG_${request.name} did not stick, so merge_config.sh reports it too`);
  }
  for (const name of reports.filter((report) => !notApplied.has(report))) {
    const request = outcome.requests.find((candidate) => candidate.name === name)!;
    assert.ok(request.requested === null || request.requested === 'n', `CONFIG_${name} asks for n`);
    assert.equal(request.actual, 'n', `CONFIG_${name} is n`);
  }
}

function notAppliedReason(outcome: ApplyJson, name: string): string {
  const found = outcome.notApplied.find((request) => request.name === name);
  assert.ok(found, `CONFIG_${name} is named as not sticking`);
  return found.reason ?? '';
}

async function dryRunThenApply(config: string, presets: string[]): Promise<{ dry: ApplyJson; applied: ApplyJson }> {
  const before = await readFile(config, 'utf8');
  const beforeTime = (await stat(config)).mtimeMs;
  const dry = await tuxconf(config, ...presets, '--dry-run', '--json');
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(await readFile(config, 'utf8'), before, '--dry-run changes nothing');
  assert.equal((await stat(config)).mtimeMs, beforeTime, '--dry-run does not even rewrite the file');
  const run = await tuxconf(config, ...presets, '--json');
  assert.equal(run.code, 0, run.stderr);
  const dryOutcome = JSON.parse(dry.stdout) as ApplyJson;
  const applied = JSON.parse(run.stdout) as ApplyJson;
  assert.equal(dryOutcome.saved, null);
  assert.equal(applied.saved, config);
  assert.deepEqual(applied.changes, dryOutcome.changes, 'the dry run showed exactly the changes the apply made');
  return { dry: dryOutcome, applied };
}

test('tinyconfig + kvm_guest.config gives the .config of make tinyconfig kvm_guest.config', async () => {
  const expected = await makeConfig('', ['tinyconfig', 'kvm_guest.config']);
  made.tinyKvm = expected;
  const config = join(root, 'tiny-kvm.config');
  await writeFile(config, '');
  const { dry } = await dryRunThenApply(config, ['tinyconfig', 'kvm_guest.config']);
  assert.equal(await readFile(config, 'utf8'), expected);

  const fragments = ['kernel/configs/tiny-base.config', 'kernel/configs/tiny.config', 'arch/x86/configs/tiny.config', 'kernel/configs/kvm_guest.config'];
  assertReportsMatch(dry, await mergeConfigReports(fragments.map(inTree), expected));
  assert.match(notAppliedReason(dry, 'S390_GUEST'), /does not exist for ARCH=x86 \(it is defined in arch\/s390\/Kconfig\)/);
  assert.match(notAppliedReason(dry, 'DRM_VIRTIO_GPU'), /unmet dependencies: DRM \[=n\]/);
  assert.ok(dry.changes.length > 100);
});

test('x86_64_defconfig + hardening.config gives the .config of make x86_64_defconfig hardening.config', async () => {
  const expected = await makeConfig('', ['x86_64_defconfig', 'hardening.config']);
  made.hardened = expected;
  const config = join(root, 'hardened.config');
  await writeFile(config, '');
  const { dry } = await dryRunThenApply(config, ['x86_64_defconfig', 'hardening.config']);
  assert.equal(await readFile(config, 'utf8'), expected);

  const fragments = ['arch/x86/configs/x86_64_defconfig', 'kernel/configs/hardening.config', 'arch/x86/configs/hardening.config'];
  assertReportsMatch(dry, await mergeConfigReports(fragments.map(inTree), expected));
  assert.match(notAppliedReason(dry, 'SECURITY_SELINUX_DISABLE'), /not defined by any Kconfig file in this tree/);
  const kcore = dry.conflicts.find((conflict) => conflict.name === 'PROC_KCORE');
  assert.equal(kcore?.winner, 'hardening.config', 'hardening.config, applied last, wins over the defconfig');
});

test('two fragments on an existing config, one undoing the other, match make xen.config nopm.config', async () => {
  assert.ok(made.tinyKvm, 'starts from the first test\'s config');
  const expected = await makeConfig(made.tinyKvm, ['xen.config', 'nopm.config']);
  const config = join(root, 'xen-nopm.config');
  await writeFile(config, made.tinyKvm);
  const { dry } = await dryRunThenApply(config, ['xen.config', 'nopm.config']);
  assert.equal(await readFile(config, 'utf8'), expected);

  const fragments = ['kernel/configs/xen.config', 'arch/x86/configs/xen.config', 'kernel/configs/nopm.config'];
  assertReportsMatch(dry, await mergeConfigReports(fragments.map(inTree), expected));
  const xen = dry.conflicts.find((conflict) => conflict.name === 'XEN');
  assert.deepEqual(xen?.requests.map((request) => request.preset), ['xen.config', 'nopm.config']);
  assert.equal(xen?.winner, 'nopm.config');

  // The same dry run as people read it, on the config before the fragments.
  await writeFile(config, made.tinyKvm);
  const text = await tuxconf(config, 'xen.config', 'nopm.config', '--dry-run');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^xen\.config \+ nopm\.config: \d+ values change$/m);
  assert.match(text.stdout, /^ {2}CONFIG_XEN: xen\.config, .*kernel\/configs\/xen\.config:\d+ asks y; nopm\.config, .*nopm\.config:\d+ asks n; the last wins: n from nopm\.config$/m);
  assert.match(text.stdout, new RegExp(`^Requested values that do not stick \\(${dry.notApplied.length} of ${dry.requests.length}\\):$`, 'm'));
  for (const missed of dry.notApplied) assert.ok(text.stdout.includes(`      ${missed.reason}`), `the reason for CONFIG_${missed.name} is printed`);
  assert.match(text.stderr, /dry run; .*xen-nopm\.config left as it was/);
  assert.equal(await readFile(config, 'utf8'), made.tinyKvm);
});

test('export as a Guix list or a fragment, then apply on the same base, gives the same .config', async () => {
  assert.ok(made.hardened, 'starts from the second test\'s config');
  const current = join(root, 'current.config');
  await writeFile(current, made.hardened);
  const base = join(root, 'base.config');
  await writeFile(base, '');
  const loadBase = await tuxconf(base, 'x86_64_defconfig');
  assert.equal(loadBase.code, 0, loadBase.stderr);
  made.base = await readFile(base, 'utf8');

  for (const format of ['guix', 'fragment']) {
    const out = join(root, format === 'guix' ? 'hardened.scm' : 'hardened-fragment.config');
    const exported = await runCommand(
      exportCommand,
      ['-C', tree, '-O', ours, '--arch', 'x86', '--config', current, '--format', format, '--against', 'defconfig', out],
      { cwd: root },
    );
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(await readFile(current, 'utf8'), made.hardened, 'export leaves the config alone');
    const text = await readFile(out, 'utf8');
    if (format === 'guix') {
      const lists = parseGuixOptions(text, out);
      assert.deepEqual(lists.issues, []);
      assert.equal(lists.lists[0]!.name, '%hardened');
      assert.ok(lists.lists[0]!.entries.length > 20, 'the hardening options are in the list');
      assert.match(text, /\("CONFIG_PROC_KCORE" \. #f\)/);
    } else {
      assert.match(text, /^# Help: \d+ options changed against x86_64_defconfig/);
      assert.match(text, /^# CONFIG_PROC_KCORE is not set$/m);
    }
    const target = join(root, `round-trip-${format}.config`);
    await writeFile(target, made.base);
    const applied = await tuxconf(target, out);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(await readFile(target, 'utf8'), made.hardened, `${format}: export then apply on x86_64_defconfig gives the config back`);
  }
});

test('a hand-written list in the style of %default-extra-linux-options applies as Guix builds it', async () => {
  assert.ok(made.base, 'starts from the previous test\'s base');
  // What Guix's config->string appends to .config before make olddefconfig, written out by hand.
  const guixLines = [
    'CONFIG_IKCONFIG=y', 'CONFIG_IKCONFIG_PROC=y', 'CONFIG_SECURITY_DMESG_RESTRICT=y', 'CONFIG_STRICT_DEVMEM=n',
    'CONFIG_NAMESPACES=y', 'CONFIG_UTS_NS=y', 'CONFIG_IPC_NS=y', 'CONFIG_USER_NS=y', 'CONFIG_PID_NS=y', 'CONFIG_NET_NS=y',
    'CONFIG_CGROUP_FREEZER=y', 'CONFIG_CGROUP_PIDS=y', 'CONFIG_MEMCG=y', 'CONFIG_DM_CRYPT=m', 'CONFIG_ZSWAP=y',
    'CONFIG_ZRAM=m', 'CONFIG_LOCALVERSION="-guix"', 'CONFIG_LOG_BUF_SHIFT=18',
  ];
  const expected = await makeConfig(`${made.base}${guixLines.join('\n')}\n`, ['olddefconfig']);

  const home = join(root, 'xdg');
  await mkdir(join(home, 'tuxconf', 'presets'), { recursive: true });
  await copyFile(fixture('guix/extra-linux-options.scm'), join(home, 'tuxconf', 'presets', 'machines.scm'));
  const config = join(root, 'guix.config');
  await writeFile(config, made.base);
  const result = await runCommand(
    applyCommand,
    ['-C', tree, '-O', ours, '--arch', 'x86', '--config', config, 'user:base-extra-linux-options', '--json'],
    { cwd: root, env: { ...process.env, XDG_CONFIG_HOME: home } },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(await readFile(config, 'utf8'), expected);
  const outcome = JSON.parse(result.stdout) as ApplyJson;
  assert.equal(outcome.requests.length, 18);
  assert.ok(outcome.changes.some((change) => change.name === 'LOCALVERSION' && change.to === '-guix'));
});

test('malformed fragments and lists are refused with their lines, and the config is left alone', async () => {
  assert.ok(made.base);
  const config = join(root, 'untouched.config');
  await writeFile(config, made.base);
  const mtime = (await stat(config)).mtimeMs;
  const cases: [string, RegExp[]][] = [
    ['malformed/bad-lines.config', [/bad-lines\.config:3: 'CONFIG_BTRFS_FS' has no '=value'/, /bad-lines\.config:4: 'EFI' lacks the CONFIG_ prefix/, /bad-lines\.config:8: CONFIG_FAT_DEFAULT_IOCHARSET: the string is not closed/]],
    ['malformed/unknown-symbol.config', [/unknown-symbol\.config:3: CONFIG_EXT4_FS_SECURITI is not defined by any Kconfig file in this tree \(did you mean CONFIG_EXT4_FS_SECURITY[,)]/, /unknown-symbol\.config:4: CONFIG_PRINTK is a bool: it cannot be a module/, /unknown-symbol\.config:5: CONFIG_NR_CPUS is an int: write 64 without quotes/]],
    ['malformed/unbalanced.scm', [/unbalanced\.scm:1:1: unbalanced parentheses: the '\(' opened at line 1, column 1 is never closed/]],
    ['malformed/unknown-symbol.scm', [/unknown-symbol\.scm:3: CONFIG_EFI_STUBB is not defined by any Kconfig file in this tree \(did you mean CONFIG_EFI_STUB\?\)/]],
    ['malformed/bad-entries.scm', [/bad-entries\.scm:4:5: each option must be a pair/, /bad-entries\.scm:8:29: CONFIG_X86_X32_ABI: tuxconf reads literal values only/]],
  ];
  for (const [file, messages] of cases) {
    for (const args of file.endsWith('bad-lines.config') || file.endsWith('unknown-symbol.scm') ? [[], ['--dry-run']] : [[]]) {
      const result = await tuxconf(config, 'kvm_guest.config', fixture(file), ...args);
      assert.equal(result.code, 1, `${file} is refused`);
      for (const message of messages) assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  }
  assert.equal(await readFile(config, 'utf8'), made.base);
  assert.equal((await stat(config)).mtimeMs, mtime, 'the config file was not rewritten');
});
