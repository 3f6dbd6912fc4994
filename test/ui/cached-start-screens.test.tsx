/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSession, startCacheReport } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { debianConfig, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { KEYS, renderTui, type Tui } from './support/tui-harness.js';

/** Keys a user types at once: into Device Drivers, down five entries, into that menu, help. */
const KEYS_TYPED = ['D', KEYS.enter, 'j', 'j', 'j', 'j', 'j', KEYS.enter, 'j', 'j'];

/** The screen below the header (whose save status comes from reading the file, later). */
const body = (frame: string): string => frame.split('\n').slice(1).join('\n');

/** What the menu shows after the keys, once the session is ready and the screen has settled. */
async function screenAfterKeys(session: Session, typedBeforeReady: boolean): Promise<{ screen: string; typedEarly: boolean }> {
  const tui: Tui = await renderTui(session);
  try {
    const typedEarly = !session.isReady;
    if (typedBeforeReady) await tui.press(...KEYS_TYPED);
    await session.ready;
    if (!typedBeforeReady) await tui.press(...KEYS_TYPED);
    let previous = '';
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = body(tui.frame());
      if (now === previous && now.includes('Device Drivers > ')) break;
      previous = now;
    }
    return { screen: body(tui.frame()), typedEarly: typedEarly && typedBeforeReady };
  } finally {
    tui.unmount();
  }
}

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  test(`${version}: the menu drawn from the start cache before the frontend is ready is the menu of an uncached start, keys typed meanwhile included`, async () => {
    await withTempDir(`cached-screens-${version}`, async (dir) => {
      const tree = kernelTree(version);
      const out = await outputDirWith(dir, 'out', debianConfig(version));
      const env = { ...process.env, NO_COLOR: '1', TUXCONF_CACHE_DIR: join(dir, 'cache') };

      const uncached = await openSession({ tree, output: out, env, noCache: true });
      const expected = await screenAfterKeys(uncached, false).finally(() => uncached.close());
      assert.match(expected.screen, /Device Drivers > /, 'the keys reached a submenu of Device Drivers');

      // A first start fills the cache; the next one opens early from it.
      const filling = await openSession({ tree, output: out, env });
      await filling.ready;
      await filling.close();
      const cached = await openSession({ tree, output: out, env, early: true });
      assert.deepEqual(startCacheReport(cached), { kbuildEnv: 'hit', model: 'hit', initialState: 'hit' });
      const actual = await screenAfterKeys(cached, true).finally(() => cached.close());
      assert.ok(actual.typedEarly, 'the first frame was drawn, and the keys typed, before the frontend was ready');
      assert.equal(actual.screen, expected.screen);
    });
  });
}
