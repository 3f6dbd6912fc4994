/**
 * The menu as `tuxconf` runs for a user: bin/tuxconf on the bundle of dist/ (`npm run build`), in a
 * real terminal (tmux), on Debian's 6.12 tree. A start from the start cache, with keys typed at
 * once (before the menu is up), writes exactly the .config of a start without the cache given
 * the same keys.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { TUXCONF_BIN } from '../support/run-cli.js';
import { TmuxTerminal } from './support/tmux.js';

const BUNDLE = fileURLToPath(new URL('../../dist/bundle/main.js', import.meta.url));
const MENU_READY = (screen: string): boolean => screen.includes('General setup') && /^⏎ open/m.test(screen);

/** Into General setup, to "Automatically append version information ..." (off in Debian's config), on, save, quit. */
const KEYS = ['Enter', 'A', 'y', 's', 'q'];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function menuIn(out: string, env: Record<string, string>, flags = ''): TmuxTerminal {
  // No TUXCONF_FROM_SOURCE: bin/tuxconf runs the bundle, as an installed tuxconf does.
  return new TmuxTerminal(`${TUXCONF_BIN} ${flags} -O ${out}`, { columns: 80, rows: 24 }, { ...env, TERM: 'xterm-256color' }, { cwd: kernelTree('6.12') });
}

/** The slot's initial state is written a moment after the frontend is ready. */
function startCached(cache: string): boolean {
  const root = join(cache, 'start');
  if (!existsSync(root)) return false;
  return readdirSync(root).some((slot) => existsSync(join(root, slot, 'initial-state')));
}

/** Types KEYS as soon as the program is started and waits until it has saved and quit. */
async function typeAtOnce(out: string, env: Record<string, string>, flags = ''): Promise<string> {
  const before = await readFile(join(out, '.config'), 'utf8');
  const terminal = menuIn(out, env, flags);
  try {
    await terminal.keys(...KEYS);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const now = await readFile(join(out, '.config'), 'utf8');
      if (now !== before && terminal.format('#{alternate_on}') === '0') return now;
      if (Date.now() > deadline) assert.fail(`no save and quit within 120 s; screen:\n${terminal.screen()}`);
      await sleep(50);
    }
  } finally {
    terminal.kill();
  }
}

test('6.12, the bundled CLI: a cached start with keys typed at once saves the .config of an uncached start', { timeout: 600_000 }, async () => {
  assert.ok(existsSync(BUNDLE), 'dist/bundle is built (npm run build; npm test does it first)');
  await withTempDir('bundled-start', async (dir) => {
    const env = { TUXCONF_CACHE_DIR: join(dir, 'cache'), TUXCONF_STATE_DIR: join(dir, 'state'), TMPDIR: dir };
    const cachedOut = await outputDirWith(dir, 'cached', debianConfig('6.12'));
    const uncachedOut = await outputDirWith(dir, 'uncached', debianConfig('6.12'));

    // A first start fills the cache; quitting waits until it is written.
    const first = menuIn(cachedOut, env);
    try {
      await first.waitFor(MENU_READY, 'the first menu', 300_000);
      const deadline = Date.now() + 60_000;
      while (!startCached(env.TUXCONF_CACHE_DIR) && Date.now() < deadline) await sleep(100);
      assert.ok(startCached(env.TUXCONF_CACHE_DIR), 'the first start cached its initial state');
      await first.keys('q');
      await first.waitFor(() => first.format('#{alternate_on}') === '0', 'the first menu to quit');
    } finally {
      first.kill();
    }

    const cached = await typeAtOnce(cachedOut, env);
    const uncached = await typeAtOnce(uncachedOut, env, '--no-cache');
    assert.match(cached, /^CONFIG_LOCALVERSION_AUTO=y$/m, 'the keys typed at once were applied');
    assert.equal(cached, uncached);
  });
});
