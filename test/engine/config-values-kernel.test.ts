/**
 * The kernel's own library decides: values tuxconf's .config text module calls the same are the
 * ones the kernel holds as the same string (its setter and its reader), and strings it quotes
 * are read back by the kernel to the same value. On the demo tree, through the real frontend.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DEMO_TREE } from '../../src/engine/kernel-tree.js';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { formatConfigLine, quoteConfigString, sameConfigValue, unstorableValueReason } from '../../src/model/config-text.js';
import { withTempDir } from '../support/kernel-trees.js';
import { checkAsyncProperty, HOSTILE_CHARS, propertyRuns } from '../hardware/support/property-runs.js';

const RUNS = propertyRuns(40, { divisor: 20 });
const hexText = fc.tuple(fc.constantFrom('', '0x', '0X'), fc.stringMatching(/^[0-9a-fA-F]{1,8}$/)).map(([prefix, digits]) => prefix + digits);
const storableText = fc
  .string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 16 })
  .filter((text) => unstorableValueReason(text) === undefined);

describe('values as the kernel holds them (demo tree)', () => {
  let dir = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-values-'));
    await writeFile(join(dir, '.config'), 'CONFIG_EXPERT=y\n');
    session = await openSession({ tree: DEMO_TREE, output: dir, arch: 'x86' });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const opened = (): Session => {
    assert.ok(session, 'the demo tree is open');
    return session;
  };

  /** The value the kernel holds after setting `text` through its setter; the session is put back after. */
  async function heldAfterSet(name: string, text: string): Promise<string | undefined> {
    const outcome = await opened().set(name, text);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
    const held = opened().value(name);
    if (outcome.changed.length > 0) await opened().undo();
    return held;
  }

  /** The value the kernel holds after reading a .config with this line (conf_read); the session is put back after. */
  async function heldAfterRead(name: string, text: string): Promise<string | undefined> {
    await withTempDir('values-read', async (readDir) => {
      const path = join(readDir, 'line.config');
      await writeFile(path, `CONFIG_EXPERT=y\n${formatConfigLine({ name, text })}\n`);
      await opened().loadConfig(path);
    });
    const held = opened().value(name);
    await opened().undo();
    return held;
  }

  it('hex: sameConfigValue(a, b) exactly when the setter leaves the same string', async () => {
    await checkAsyncProperty(
      'hex values: sameConfigValue against the kernel',
      fc.asyncProperty(hexText, hexText, async (a, b) => {
        const heldA = await heldAfterSet('PHYSICAL_START', a);
        const heldB = await heldAfterSet('PHYSICAL_START', b);
        assert.ok(heldA !== undefined && heldB !== undefined);
        assert.equal(sameConfigValue('hex', a, heldA), true, `${a} is held as ${heldA}`);
        assert.equal(sameConfigValue('hex', a, b), heldA === heldB, `${a} and ${b} are held as ${heldA} and ${heldB}`);
        assert.equal(sameConfigValue('hex', a, (await heldAfterRead('PHYSICAL_START', a)) ?? ''), true, `${a} read from a .config`);
      }),
      RUNS,
    );
  });

  it('strings: the kernel reads back what quoteConfigString writes, and what the setter is given', async () => {
    await checkAsyncProperty(
      'string values: quote -> the kernel reads the value',
      fc.asyncProperty(storableText, async (value) => {
        assert.equal(await heldAfterRead('LOCALVERSION', quoteConfigString(value)), value);
        if (value !== opened().value('LOCALVERSION')) assert.equal(await heldAfterSet('LOCALVERSION', quoteConfigString(value)), value);
      }),
      RUNS,
    );
  });
});
