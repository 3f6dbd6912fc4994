/**
 * The frontend's answers with only what changed: `changes` (since the state last reported, by
 * `state`, `changes` or `set`; everything from a frontend that reported none), `set` (the same,
 * after the value), and `apply` (the value only). Each is checked against full `state` reads.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyChanges, type StateChanges, type StatePayload, unpackState } from '../../src/engine/protocol.js';
import { debianConfig, type KernelVersion, withTempDir } from '../support/kernel-trees.js';
import { frontendLaunch, RawFrontend, type RawReply } from './frontend-harness.js';

const resultOf = <T>(reply: RawReply): T => (reply as unknown as { result: T }).result;

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  describe(`the frontend's changes answers on ${version}`, () => {
    it('list everything first, then only what changed since the state last reported', { timeout: 600_000 }, async () => {
      await withTempDir(`frontend-changes-${version}`, async (dir) => {
        const out = join(dir, 'out');
        await mkdir(out, { recursive: true });
        await writeFile(join(out, '.config'), debianConfig(version));
        const frontend = await RawFrontend.start(await frontendLaunch(version, out));
        try {
          assert.equal((await frontend.send('{"id":1,"op":"load"}')).reply.ok, true);
          const first = resultOf<StateChanges>((await frontend.send('{"id":2,"op":"changes"}')).reply);
          assert.deepEqual(
            first.symbols.map(([index]) => index),
            Array.from({ length: Number(frontend.ready.symbols) }, (_, index) => index),
            'a frontend that reported no state lists every symbol',
          );
          assert.equal(first.nodes.length, Number(frontend.ready.nodes), 'and every node');
          const loaded = unpackState(resultOf<StatePayload>((await frontend.send('{"id":3,"op":"state"}')).reply));
          assert.deepEqual(applyChanges({ symbols: [], nodes: [] }, first), loaded, 'the first changes answer is the whole state');
          assert.deepEqual(resultOf<StateChanges>((await frontend.send('{"id":4,"op":"changes"}')).reply), { symbols: [], nodes: [] }, 'nothing changed since');

          // Modules off changes thousands of values and visibilities; applied without its changes, then asked for.
          const applied = (await frontend.send('{"id":5,"op":"apply","name":"MODULES","value":"n"}')).reply;
          assert.equal(applied.ok, true);
          assert.equal('result' in applied, false, 'apply answers no changes');
          const changes = resultOf<StateChanges>((await frontend.send('{"id":6,"op":"changes"}')).reply);
          assert.ok(changes.symbols.length > 1000, `modules off changes many symbols (${changes.symbols.length})`);
          const off = unpackState(resultOf<StatePayload>((await frontend.send('{"id":7,"op":"state"}')).reply));
          assert.deepEqual(applyChanges(loaded, changes), off, 'the loaded state plus the changes is the state read in full');

          const set = (await frontend.send('{"id":8,"op":"set","name":"MODULES","value":"y"}')).reply;
          assert.equal(set.ok, true);
          const on = unpackState(resultOf<StatePayload>((await frontend.send('{"id":9,"op":"state"}')).reply));
          assert.deepEqual(applyChanges(off, resultOf<StateChanges>(set)), on, 'a set answers its changes against the state read before it');
          // (Not compared with `loaded`: on 6.12 kconfig computes some comments' visibility differently after the round trip, with its own walk as with tuxconf's.)
        } finally {
          await frontend.quit();
        }
      });
    });
  });
}
