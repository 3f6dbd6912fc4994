/** `tuxconf search` on the real 6.12 tree with Debian's config. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { EXIT_FAILED, EXIT_OK, UsageError, type CommandIo } from '../../src/cli/command.js';
import { searchCommand } from '../../src/cli/commands/search.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';

let workDir = '';
let output = '';
let config = '';

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-search-cli-'));
  config = debianConfig('6.12');
  output = await outputDirWith(workDir, 'out', config);
});

after(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const io: CommandIo = { stdout: stdout.stream, stderr: stderr.stream, env: process.env, cwd: workDir, stdoutIsTTY: false };
  const code = await searchCommand.run(['-C', kernelTree('6.12'), '-O', output, ...args], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The line of `config NAME` in a Kconfig file of the 6.12 tree, read from the tree (not pinned to one Debian release). */
async function definitionLine(file: string, name: string): Promise<number> {
  const lines = (await readFile(join(kernelTree('6.12'), file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line === `config ${name}`);
  assert.ok(index >= 0, `${file} defines ${name}`);
  return index + 1;
}

describe('tuxconf search', () => {
  it('prints a JSON array of ranked results with name, prompt, value, path and visible', async () => {
    const { code, stdout } = await run(['--json', '--limit', '3', 'CONFIG_E1000E']);
    assert.equal(code, EXIT_OK);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    assert.equal(rows.length, 2, 'E1000E and E1000E_HWTS');
    assert.deepEqual(rows[0], {
      name: 'E1000E',
      prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
      type: 'tristate',
      value: 'm',
      path: ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices'],
      visible: true,
      changeable: true,
      lock: null,
      match: 'name',
      definedAt: `drivers/net/ethernet/intel/Kconfig:${await definitionLine('drivers/net/ethernet/intel/Kconfig', 'E1000E')}`,
    });
    assert.equal(rows[1]?.name, 'E1000E_HWTS');
  });

  it('prints each result with its value, prompt and menu path, and counts the rest', async () => {
    const { code, stdout } = await run(['--limit', '2', 'realtek', '8169']);
    assert.equal(code, EXIT_OK);
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'R8169=m  Realtek 8169/8168/8101/8125 ethernet support');
    assert.equal(lines[1], '    Device Drivers > Network device support > Ethernet driver support > Realtek devices');
    assert.match(lines[2] ?? '', /^R8169_LEDS=/);
    assert.match(lines[3] ?? '', /\[no prompt: set only by defaults and selects\]$/);
  });

  it('fails with a message when nothing matches', async () => {
    const { code, stdout, stderr } = await run(['qqzzxxvv']);
    assert.equal(code, EXIT_FAILED);
    assert.equal(stdout, '');
    assert.match(stderr, /no symbol matches "qqzzxxvv"/);
    const json = await run(['--json', 'qqzzxxvv']);
    assert.equal(json.code, EXIT_FAILED);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  it('rejects a missing query and a bad --limit before opening the tree', async () => {
    await assert.rejects(run([]), (error: unknown) => error instanceof UsageError && /needs a QUERY/.test(error.message));
    for (const limit of ['0', '-3', 'ten', '1.5']) {
      await assert.rejects(run(['--limit', limit, 'e1000e']), (error: unknown) => error instanceof UsageError && /--limit/.test(error.message));
    }
    await assert.rejects(run(['--frobnicate', 'e1000e']), UsageError);
  });

  it('leaves the .config alone', async () => {
    assert.equal(await readFile(join(output, '.config'), 'utf8'), config);
  });
});
