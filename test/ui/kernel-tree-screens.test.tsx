import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { helpDocument } from '../../src/ui/panes/help/help-document.js';
import { lineText } from '../../src/ui/text/styled-text.js';
import { debianConfig, kernelTree } from '../support/kernel-trees.js';
import { cursorLine, KEYS, renderTui, type Tui } from './support/tui-harness.js';

/** The TUI on Debian's 6.12 tree with Debian's amd64 config: 18,989 menu nodes. */
describe('the TUI on the full x86_64 tree (Debian 6.12)', () => {
  let dir = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-kernel-'));
    await writeFile(join(dir, '.config'), debianConfig('6.12'));
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const open = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };

  async function pressUntil(tui: Tui, key: string, text: string): Promise<void> {
    for (let tries = 0; tries < 40 && !cursorLine(tui.frame()).includes(text); tries++) await tui.press(key);
    assert.ok(cursorLine(tui.frame()).includes(text), `reached "${text}"`);
  }

  it('folds REGMAP_I2C\'s ~500 selectors to a readable help page', async () => {
    const info = open().symbol('REGMAP_I2C');
    assert.ok(info);
    const text = await open().helpText(info.nodes[0]!);
    const selectors = text.split('\n').filter((line) => line.startsWith('  - ')).length;
    assert.ok(selectors > 400, `menuconfig lists ${selectors} selectors`);
    const folded = helpDocument(text, false).map(lineText);
    assert.ok(folded.length < 40, `folded to ${folded.length} lines`);
    assert.ok(folded.some((line) => /^Selected by \[n\]: {2}\d+ inactive$/.test(line)));
    assert.ok(folded.some((line) => /^ {2}\.\.\. \d+ more \(f or Enter shows them all\)$/.test(line)));
    assert.equal(helpDocument(text, true).filter((line) => lineText(line).startsWith('  - ')).length, selectors);
  });

  it('says the kernel\'s comparisons as a person would in the help of I2C support (DRM needs AGP || AGP=n)', async () => {
    const info = open().symbol('I2C');
    assert.ok(info);
    const text = await open().helpText(info.nodes[0]!);
    assert.ok(text.includes('AGP [=y]=n [=n]') || text.includes('AGP [=n]=n [=n]'), 'menuconfig prints the comparison with its values');
    const lines = helpDocument(text, true).map(lineText);
    const agp = open().value('AGP');
    const said = agp === 'n' ? 'AGP=n' : `AGP=n, but AGP is ${agp}`;
    assert.ok(lines.some((line) => line.includes(said)), `the help says "${said}"`);
    assert.ok(!lines.some((line) => /\[=[ymn]\]=[ymn] \[=/.test(line)), 'no comparison is left in the kernel\'s syntax');
  });

  it('shows the help of I2C support with its select list folded and terms marked', async () => {
    const tui = await renderTui(open());
    try {
      await tui.press('D', KEYS.enter);
      await tui.waitFor((frame) => frame.includes(' Device Drivers '), 'Device Drivers');
      await pressUntil(tui, 'I', 'I2C support');
      await tui.press(KEYS.enter);
      await tui.waitFor((frame) => frame.includes('Device Drivers > I2C support'), 'the I2C menu');
      await pressUntil(tui, 'I', 'I2C support');
      await tui.press('?');
      // The page is whole once kconfig's answer to why it is locked is in (it asks while the page is open).
      const help = await tui.waitFor((frame) => frame.includes('Help: CONFIG_I2C  I2C support') && !frame.includes('asking kconfig'), 'the help view');
      assert.match(help, /1-18\/\d+/, 'the page says how long it is');
      await tui.press('G');
      const end = await tui.waitFor((frame) => frame.includes('quit (asks when changes are unsaved)'), 'the end of the help');
      const total = Number(/\/(\d+) *$/.exec(end.split('\n')[2]!)?.[1]);
      assert.ok(total > 18 && total < 200, `the folded help has ${total} lines`);
      await tui.press('f');
      const unfolded = await tui.waitFor((frame) => Number(/\/(\d+) *$/.exec(frame.split('\n')[2]!)?.[1]) > total, 'f unfolding the lists');
      assert.ok(unfolded);
    } finally {
      tui.unmount();
    }
  });

  // How fast a key is answered is measured by bench/ (npm run bench, BENCHMARKS.md), not asserted here.
  it('moves through a 320-entry menu a row at a time, and a page at a time in show-all mode', async () => {
    const tui = await renderTui(open());
    try {
      await tui.press('D', KEYS.enter);
      await tui.waitFor((frame) => frame.includes(' Device Drivers '), 'Device Drivers');
      await pressUntil(tui, 'N', 'Network device support');
      await tui.press(KEYS.enter, 'E', 'E');
      await pressUntil(tui, 'E', 'Ethernet driver support');
      await tui.press(KEYS.enter);
      await tui.waitFor((frame) => frame.includes('Ethernet driver support') && /\/3\d\d\b/.test(frame), 'the Ethernet menu');
      const position = (frame: string): number => Number(/ (\d+)\/\d+ *$/.exec(frame.split('\n')[2] ?? '')?.[1] ?? NaN);
      for (let index = 0; index < 30; index++) {
        const at = position(tui.frame());
        await tui.write('j');
        await tui.waitFor((frame) => position(frame) === at + 1, `the cursor on row ${at + 1}`);
      }
      await tui.press('a');
      await tui.waitFor((frame) => frame.includes('[all]'), 'show-all');
      const page = Number(/\/(\d+) *$/.exec(tui.frame().split('\n')[2] ?? '')?.[1] ?? NaN);
      for (let index = 0; index < 10; index++) {
        const at = position(tui.frame());
        await tui.write(KEYS.pageDown);
        await tui.waitFor((frame) => position(frame) > at || position(frame) === page, `a page down from row ${at}`);
      }
    } finally {
      tui.unmount();
    }
  });
});
