import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { debianConfig, kernelMake, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { TmuxTerminal } from './support/tmux.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The file's text once it holds what `test` looks for. */
async function waitForFile(path: string, test: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await sleep(50);
  }
}

/**
 * The real program in a real terminal (tmux, 80x24) on Debian's 6.12 tree: the user sets an
 * Intel Ethernet driver to m through the menus, saves and quits; the .config must equal what
 * the kernel's own scripts/config + make olddefconfig make of the same change.
 */
describe('tuxconf in tmux on Debian 6.12', () => {
  it('sets E1000E to m through the menus, byte for byte like scripts/config + make olddefconfig', { timeout: 240_000 }, async () => {
    const tree = kernelTree('6.12');
    await withTempDir('tmux', async (dir) => {
      // One base config for both sides: Debian's amd64 config with E1000E off.
      const base = await outputDirWith(dir, 'base', debianConfig('6.12'));
      execFileSync(join(tree, 'scripts/config'), ['--file', join(base, '.config'), '--disable', 'E1000E']);
      kernelMake(tree, base, ['olddefconfig']);
      assert.match(await readFile(join(base, '.config'), 'utf8'), /# CONFIG_E1000E is not set/);

      const oracle = await outputDirWith(dir, 'oracle', await readFile(join(base, '.config'), 'utf8'));
      execFileSync(join(tree, 'scripts/config'), ['--file', join(oracle, '.config'), '--module', 'E1000E']);
      kernelMake(tree, oracle, ['olddefconfig']);

      const out = await outputDirWith(dir, 'tui', await readFile(join(base, '.config'), 'utf8'));
      await copyFile(join(out, '.config'), join(dir, 'loaded.config'));
      const exitFile = join(dir, 'exit-code');
      const terminal = new TmuxTerminal(
        `${TUXCONF_BIN} -C ${tree} -O ${out}; echo $? > ${exitFile}`,
        { columns: 80, rows: 24 },
        { TUXCONF_FROM_SOURCE: '1', TERM: 'xterm-256color' },
      );
      try {
        await terminal.waitFor((screen) => screen.includes('Linux/x86 6.12') && screen.includes('General setup'), 'the menu', 120_000);
        const first = terminal.screen().split('\n');
        assert.match(first[0]!, /^tuxconf {2}Linux 6\.12\.\d+ {2}ARCH=x86 {2}.*linux-source-6\.12 +saved$/);
        assert.equal(first[1], `config ${out}/.config`);

        // A cursor move rewrites the lines that changed, not the screen (its size in bytes is bench/'s).
        const log = join(dir, 'pane.log');
        terminal.record(log);
        await terminal.keys('j');
        await terminal.waitFor(() => terminal.cursorLine().includes('64-bit kernel'), 'j');
        const moved = await waitForFile(log, (text) => text.includes('64-bit kernel'));
        assert.doesNotMatch(moved, /\x1b\[2J/, 'the screen is not cleared');
        assert.ok(!moved.includes('tuxconf  Linux'), 'the header, which did not change, is not written again');

        await terminal.keyUntil('D', 'Device Drivers');
        await terminal.keys('Enter');
        await terminal.waitFor((screen) => screen.split('\n')[2]!.startsWith(' Device Drivers '), 'Device Drivers');
        await terminal.keyUntil('N', 'Network device support');
        await terminal.keys('Enter');
        await terminal.waitFor((screen) => screen.includes('Device Drivers > Network device support'), 'Network device support');
        await terminal.keyUntil('E', 'Ethernet driver support');
        await terminal.keys('Enter');
        await terminal.waitFor((screen) => screen.includes('Network device support > Ethernet driver support'), 'Ethernet driver support');
        await terminal.keyUntil('I', 'Intel devices');
        await terminal.keyUntil('j', 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support');
        assert.match(terminal.cursorLine(), /^>< > {5}Intel\(R\) PRO\/1000 PCI-Express Gigabit Ethernet support$/);
        await terminal.keys('m');
        await terminal.waitFor(() => terminal.cursorLine().startsWith('><M>'), 'E1000E as a module');
        const changed = terminal.screen();
        assert.match(changed, /1 unsaved change/);
        assert.match(changed, /E1000E: n -> m/);
        await terminal.keys('s');
        await terminal.waitFor((screen) => screen.includes(`Saved ${out}/.config`) && /saved$/m.test(screen.split('\n')[0]!), 'the save');
        await terminal.keys('q');
        await terminal.waitFor((screen) => !screen.includes('Ethernet driver support'), 'the normal screen back');
        const deadline = Date.now() + 10_000;
        let code = '';
        while (Date.now() < deadline && !(code = await readFile(exitFile, 'utf8').catch(() => ''))) await sleep(100);
        assert.equal(code.trim(), '0');
      } finally {
        terminal.kill();
      }

      const written = await readFile(join(out, '.config'), 'utf8');
      const expected = await readFile(join(oracle, '.config'), 'utf8');
      assert.match(written, /^CONFIG_E1000E=m$/m);
      assert.ok(written === expected, 'the .config equals scripts/config --module E1000E + make olddefconfig, byte for byte');
      assert.equal(await readFile(join(out, '.config.old'), 'utf8'), await readFile(join(dir, 'loaded.config'), 'utf8'), 'the kernel kept .config.old');
    });
  });
});
