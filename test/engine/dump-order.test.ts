import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';

/**
 * The kernel's own walk of the visible menu: `make config` (conf --oldaskconfig) asks every
 * visible prompt, menu by menu, in the order menuconfig's screens list them. Menus, comments and
 * menuconfig entries print as "* Title"; symbols and choice members as "... (NAME)".
 */
function confWalk(output: string): string[] {
  const lines = output.split('\n');
  const walk: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = lines[i + 1]?.trim();
    if (line.trim() === '*' && lines[i + 2]?.trim() === '*' && title?.startsWith('* ')) {
      walk.push(title);
      i += 2;
      continue;
    }
    const name = line.match(/^\s*>?\s*\d+\. .*\((\w+)\)( \(NEW\))?$/)?.[1] ?? line.match(/\((\w+)\)( \(NEW\))? \[/)?.[1];
    if (name) walk.push(name);
  }
  return walk;
}

interface DumpEntry {
  header: boolean;
  kind: string;
  menuconfig: boolean;
  prompt: string | null;
  name: string | null;
  visible: boolean;
}

function dumpWalk(root: string, entries: DumpEntry[]): string[] {
  const walk = [`* ${root}`];
  for (const entry of entries) {
    if (entry.header) continue;
    if (entry.kind === 'menu' || entry.kind === 'comment' || entry.menuconfig) walk.push(`* ${entry.prompt}`);
    if (entry.kind === 'symbol') walk.push(entry.name!);
  }
  return walk;
}

test('dump --json lists the visible prompts of the full x86_64 tree in menuconfig order (6.12, Debian config)', async () => {
  await withTempDir('dump', async (dir) => {
    const tree = kernelTree('6.12');
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    kernelMake(tree, out, ['olddefconfig']);
    const result = await runTuxconf(['-C', tree, '-O', out, 'dump', '--json']);
    assert.equal(result.exitCode, 0, result.stderr);
    const entries = JSON.parse(result.stdout) as DumpEntry[];
    assert.ok(entries.every((entry) => entry.visible));
    // Answering every question with its current value keeps the config, so the walk is the menu's.
    const asked = execFileSync('sh', ['-c', `yes '' | make -s -C ${tree} O=${out} ARCH=x86 config`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const expected = confWalk(asked);
    assert.ok(expected.length > 8000, `the kernel asked ${expected.length} questions`);
    assert.deepEqual(dumpWalk(expected[0]!.slice(2), entries), expected);
  });
});
