/**
 * Property: the session keeps its state from what each answer says changed (the frontend's
 * `set` and `changes` answers, taken against the state it last reported), and its pending and
 * unsaved lists from the symbols each change touched. After any sequence of sets (bools,
 * tristates, choice members, ints, strings, refused ones), undos, redos, saves, reverts, and the
 * frontend being killed and started again, all of it equals what a full read of the frontend's
 * state gives, and what comparing every symbol with the loaded and saved values gives.
 * On Debian's 6.12 tree with Debian's amd64 config.
 * Long run: TUXCONF_PROPERTY_RUNS=200 node --import tsx --test test/engine/state-changes-properties.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { checkAsyncProperty, propertyRuns } from '../hardware/support/property-runs.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';

const RUNS = propertyRuns(4, { divisor: 50 });

type Action =
  { kind: 'set'; name: string; value: string } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'save' } | { kind: 'revert'; pick: number } | { kind: 'kill' };

/**
 * Symbols whose changes reach far (MODULES, PCI, NET, a choice) or not at all (LOCALVERSION_AUTO),
 * drivers and file systems, an int, a string; any bool or tristate of the tree by its index.
 */
const NAMED = ['MODULES', 'PCI', 'NET', 'E1000E', 'IGB', 'BTRFS_FS', 'EXT4_FS', 'LOCALVERSION_AUTO', 'HZ_100', 'HZ_1000', 'SND_HDA_INTEL', 'USB'];

function actions(session: Session): fc.Arbitrary<Action[]> {
  const tristates = session.model.symbols.filter((symbol) => symbol.type === 'bool' || symbol.type === 'tristate').map((symbol) => symbol.name);
  const set = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), name: fc.constantFrom(...NAMED), value: fc.constantFrom('y', 'm', 'n') }),
    fc.record({ kind: fc.constant('set' as const), name: fc.constantFrom(...tristates), value: fc.constantFrom('y', 'm', 'n') }),
    fc.record({ kind: fc.constant('set' as const), name: fc.constant('LOG_BUF_SHIFT'), value: fc.constantFrom('12', '18', '99') }),
    fc.record({ kind: fc.constant('set' as const), name: fc.constant('LOCALVERSION'), value: fc.constantFrom('', '-tux') }),
  );
  const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 8, arbitrary: set },
    { weight: 2, arbitrary: fc.constant<Action>({ kind: 'undo' }) },
    { weight: 2, arbitrary: fc.constant<Action>({ kind: 'redo' }) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: 'save' }) },
    { weight: 1, arbitrary: fc.nat().map((pick): Action => ({ kind: 'revert', pick })) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: 'kill' }) },
  );
  return fc.array(action, { minLength: 1, maxLength: 12 });
}

async function perform(session: Session, action: Action): Promise<void> {
  if (action.kind === 'set') await session.set(action.name, action.value);
  else if (action.kind === 'undo') await session.undo();
  else if (action.kind === 'redo') await session.redo();
  else if (action.kind === 'save') await session.save();
  else if (action.kind === 'kill') process.kill(session.frontendPid!, 'SIGKILL');
  else {
    const pending = session.pending();
    if (pending.length > 0) await session.revert(pending[action.pick % pending.length]!.name);
  }
}

/** The session's state, pending and unsaved lists against a full read and a look at every symbol. */
async function assertAgrees(session: Session, saved: readonly string[], what: string): Promise<void> {
  const kept = session.state;
  const full = await session.rereadState();
  assert.deepEqual(kept, full, `${what}: the state kept from changes is the frontend's`);
  const names = session.model.symbols.map((symbol) => symbol.name);
  const pending = full.symbols.flatMap((symbol, index) => {
    const from = session.loadedValue(names[index]!);
    return symbol.value === from ? [] : [{ name: names[index]!, from, to: symbol.value }];
  });
  assert.deepEqual(session.pending(), pending, `${what}: pending`);
  const unsaved = full.symbols.flatMap((symbol, index) =>
    symbol.value === saved[index] ? [] : [{ name: names[index]!, from: saved[index]!, to: symbol.value }],
  );
  assert.deepEqual(session.unsavedValues(), unsaved, `${what}: unsaved values`);
}

describe('the state kept from changes on 6.12', () => {
  it('equals a full read after sets, undos, redos, saves, reverts and restarts', { timeout: 1_800_000 }, async () => {
    const tree = kernelTree('6.12');
    await withTempDir('state-changes', async (dir) => {
      const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
      const probe = await openSession({ tree, output: out, arch: 'x86' });
      const sequences = actions(probe);
      await probe.close();
      let round = 0;
      await checkAsyncProperty(
        'state kept from changes (6.12)',
        fc.asyncProperty(sequences, async (sequence) => {
          const session = await openSession({ tree, output: await outputDirWith(dir, `session-${++round}`, debianConfig('6.12')), arch: 'x86' });
          try {
            let saved = session.state.symbols.map((symbol) => symbol.value);
            for (const [index, action] of sequence.entries()) {
              await perform(session, action);
              if (action.kind === 'save') saved = session.state.symbols.map((symbol) => symbol.value);
              await assertAgrees(session, saved, `after action ${index + 1} of ${JSON.stringify(sequence)}`);
            }
          } finally {
            await session.close();
          }
        }),
        RUNS,
      );
    });
  });
});
