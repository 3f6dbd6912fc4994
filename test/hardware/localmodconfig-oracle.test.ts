/**
 * The kernel's own `make localmodconfig` (scripts/kconfig/streamline_config.pl) is the oracle:
 * for an lsmod capture and Debian 6.12's cloud-amd64 config, every symbol it names in
 * "did not have configs" is among tuxconf's suggestions, and `tuxconf trim` writes the same
 * .config byte for byte, apart from the differences documented as deliberate.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { trimCommand } from '../../src/cli/commands/trim.js';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { fixture, runCommand } from './support/run-command.js';

/**
 * Deliberate differences, documented in the README ("tuxconf trim and make localmodconfig"):
 * - KVM_AMD: streamline_config.pl reads `def_tristate KVM if KVM_INTEL || KVM_AMD` of KVM_X86 as a
 *   dependency and keeps KVM_AMD on an Intel machine; kconfig's KVM_X86 stays m with KVM_INTEL
 *   alone, so tuxconf turns KVM_AMD off.
 * - NFSD (server): localmodconfig counts NFSD_V3_ACL=y as a selector of NFS_ACL_SUPPORT and then
 *   turns NFSD off, which takes NFSD_V3_ACL and the loaded nfs_acl module with it. tuxconf applies
 *   the trim, sees NFS_ACL_SUPPORT fall, and keeps NFSD (and what NFSD brings back).
 * Each entry: lines only localmodconfig writes, lines only tuxconf writes.
 */
const KVM_AMD: [string[], string[]] = [['CONFIG_KVM_AMD=m'], ['# CONFIG_KVM_AMD is not set']];
const NFSD: [string[], string[]] = [
  ['# CONFIG_NFSD is not set'],
  [
    'CONFIG_NFSD=m',
    '# CONFIG_NFSD_V2 is not set',
    'CONFIG_NFSD_V3_ACL=y',
    'CONFIG_NFSD_V4=y',
    'CONFIG_NFSD_PNFS=y',
    'CONFIG_NFSD_BLOCKLAYOUT=y',
    'CONFIG_NFSD_SCSILAYOUT=y',
    '# CONFIG_NFSD_FLEXFILELAYOUT is not set',
    '# CONFIG_NFSD_V4_2_INTER_SSC is not set',
    'CONFIG_NFSD_V4_SECURITY_LABEL=y',
    'CONFIG_NFSD_LEGACY_CLIENT_TRACKING=y',
    'CONFIG_LOCKD_V4=y',
    'CONFIG_NFS_ACL_SUPPORT=m',
    '# CONFIG_NFS_LOCALIO is not set',
  ],
];
const DELIBERATE: Record<string, [string[], string[]][]> = { laptop: [KVM_AMD], server: [KVM_AMD, NFSD] };

interface Oracle {
  config: string;
  didNotHave: Map<string, string[]>;
  stderr: string;
}

function localmodconfig(tree: string, out: string, lsmod: string): Oracle {
  const run = spawnSync('make', ['-s', '-C', tree, `O=${out}`, 'ARCH=x86', 'localmodconfig'], {
    encoding: 'utf8',
    env: { ...process.env, LSMOD: lsmod },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  assert.equal(run.status, 0, run.stderr);
  const didNotHave = new Map<string, string[]>();
  for (const match of run.stderr.matchAll(/^module (\S+) did not have configs (.*)$/gm)) {
    didNotHave.set(match[1] as string, (match[2] as string).trim().split(/\s+/).map((name) => name.replace(/^CONFIG_/, '')));
  }
  return { config: '', didNotHave, stderr: run.stderr };
}

for (const machine of ['laptop', 'server'] as const) {
  describe(`localmodconfig oracle: ${machine} lsmod on Debian 6.12 cloud-amd64`, () => {
    it('suggests every symbol localmodconfig says is missing, and trims to the same .config', async () => {
      const tree = kernelTree('6.12');
      await withTempDir(`lmc-${machine}`, async (dir) => {
        const oracleOut = await outputDirWith(dir, 'oracle', debianConfig('6.12', 'amd64_none_cloud-amd64'));
        kernelMake(tree, oracleOut, ['olddefconfig']);
        const base = await readFile(join(oracleOut, '.config'), 'utf8');
        const tuxOut = await outputDirWith(dir, 'tuxconf', base);
        const capture = join(dir, 'capture');
        await mkdir(capture);
        await copyFile(join(fixture(machine), 'lsmod.txt'), join(capture, 'lsmod.txt'));

        const oracle = localmodconfig(tree, oracleOut, join(capture, 'lsmod.txt'));
        const oracleConfig = await readFile(join(oracleOut, '.config'), 'utf8');
        assert.ok(oracle.didNotHave.size > 0, 'the capture has modules the cloud config lacks');

        const suggest = await runCommand(suggestCommand, ['-C', tree, '-O', tuxOut, '--lsmod', join(capture, 'lsmod.txt'), '--json']);
        assert.equal(suggest.exitCode, 0, suggest.stderr);
        const report = JSON.parse(suggest.stdout) as { suggestions: { name: string; value: string; current: string; reasons: string[] }[] };
        const suggested = new Set(report.suggestions.map((entry) => entry.name));
        const named = [...oracle.didNotHave.values()].flat();
        assert.deepEqual(named.filter((name) => !suggested.has(name)), [], 'every "did not have configs" symbol is suggested');
        for (const entry of report.suggestions) {
          assert.ok(entry.reasons.length > 0 && ['y', 'm'].includes(entry.value) && entry.current !== undefined, entry.name);
        }

        const trim = await runCommand(trimCommand, ['-C', tree, '-O', tuxOut, '--hw-from', capture]);
        assert.equal(trim.exitCode, 0, trim.stderr);
        const lacking = [...trim.stdout.matchAll(/^module (\S+) did not have configs/gm)].map((match) => match[1]).sort();
        assert.deepEqual(lacking, [...oracle.didNotHave.keys()].sort(), 'the same modules are reported as lacking');
        const ours = await readFile(join(tuxOut, '.config'), 'utf8');
        const theirsOnly = (DELIBERATE[machine] ?? []).flatMap(([theirs]) => theirs);
        const oursOnly = (DELIBERATE[machine] ?? []).flatMap(([, mine]) => mine);
        const lines = (text: string): string[] => text.split('\n');
        for (const line of theirsOnly) assert.ok(lines(oracleConfig).includes(line), `localmodconfig still writes ${line}`);
        for (const line of oursOnly) assert.ok(lines(ours).includes(line), `tuxconf writes ${line}`);
        // Byte for byte once the documented lines are taken out of both.
        const without = (text: string, drop: string[]): string => lines(text).filter((line) => !drop.includes(line)).join('\n');
        const mine = without(ours, oursOnly);
        const theirs = without(oracleConfig, theirsOnly);
        const onlyIn = (a: string, b: string): string[] => lines(a).filter((line) => !lines(b).includes(line));
        assert.deepEqual({ onlyTuxconf: onlyIn(mine, theirs), onlyLocalmodconfig: onlyIn(theirs, mine) }, { onlyTuxconf: [], onlyLocalmodconfig: [] });
        assert.equal(mine, theirs);
      });
    });
  });
}
