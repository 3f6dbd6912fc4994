import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTuxconf } from '../support/run-cli.js';
import { kernelTree } from '../support/kernel-trees.js';

test('--version prints the package version', async () => {
  const result = await runTuxconf(['--version']);
  assert.equal(result.exitCode, 0);
  assert.match(result.stdout, /^tuxconf \d+\.\d+\.\d+\n$/);
});

test('--help lists every subcommand and the kbuild options', async () => {
  const result = await runTuxconf(['--help']);
  assert.equal(result.exitCode, 0);
  for (const name of ['get', 'set', 'save', 'savedefconfig', 'dump', 'doctor']) assert.match(result.stdout, new RegExp(`^  ${name} `, 'm'));
  assert.match(result.stdout, /-O, --output DIR/);
});

test('each subcommand has its own --help', async () => {
  const result = await runTuxconf(['set', '--help']);
  assert.equal(result.exitCode, 0);
  assert.match(result.stdout, /^Usage: tuxconf set \[OPTIONS\] NAME=VALUE/);
  assert.match(result.stdout, /--dry-run/);
});

test('usage errors exit 2 with a pointer to --help', async () => {
  const unknown = await runTuxconf(['frobnicate']);
  assert.equal(unknown.exitCode, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFlag = await runTuxconf(['get', '--bogus', 'X']);
  assert.equal(badFlag.exitCode, 2);
  assert.match(badFlag.stderr, /Try "tuxconf get --help"/);
  const noValue = await runTuxconf(['set', 'E1000E']);
  assert.equal(noValue.exitCode, 2);
  assert.match(noValue.stderr, /"E1000E" is not NAME=VALUE/);
  const missingTree = await runTuxconf(['get', 'X', '-C']);
  assert.equal(missingTree.exitCode, 2);
  assert.match(missingTree.stderr, /-C needs a value/);
});

test('without a terminal, the menu points at the subcommands', async () => {
  const result = await runTuxconf(['-C', kernelTree('6.12')]);
  assert.equal(result.exitCode, 1);
  assert.match(result.stderr, /needs a terminal/);
  assert.match(result.stderr, /tuxconf get\/set\/save\/savedefconfig\/dump/);
});

test('doctor reports the tools and this machine\'s failing lsmod as a warning, not a failure', async () => {
  const result = await runTuxconf(['doctor', '-C', kernelTree('6.12')]);
  assert.equal(result.exitCode, 0, result.stdout);
  for (const tool of ['make', 'gcc', 'flex', 'bison']) assert.match(result.stdout, new RegExp(`^ok +${tool}: /`, 'm'));
  assert.match(result.stdout, /^ok +kernel tree: .*linux-source-6\.12 \(Linux 6\.12\.\d+, ARCH=x86/m);
  assert.match(result.stdout, /^(ok|warning) +lsmod: /m);
});
