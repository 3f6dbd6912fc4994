import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { openSession } from '../../src/engine/open-session.js';
import { type CacheFileSpec, readCacheFile, writeCacheFile } from '../../src/engine/start-cache/cache-file.js';
import { decodeModel, encodeModel, ModelDecodeError } from '../../src/engine/start-cache/model-codec.js';
import { decodeInitialState, encodeInitialState } from '../../src/engine/start-cache/state-codec.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { tinyModel } from '../ui/support/tiny-model.js';

test("the model and state codecs give back exactly the model and state of the 6.12 tree with Debian's config", async () => {
  await withTempDir('codec-612', async (dir) => {
    const out = await outputDirWith(dir, 'out', debianConfig('6.12'));
    const session = await openSession({ tree: kernelTree('6.12'), output: out, noCache: true });
    try {
      const { model, state } = session;
      assert.ok(model.nodes.length > 18000);
      assert.deepStrictEqual(decodeModel(encodeModel(model)), model);
      // Debian's file sets values this machine's toolchain and this tree make otherwise.
      const fileDifferences = session.fileDifferences();
      assert.ok(fileDifferences.length > 0 && fileDifferences.every((difference) => session.value(difference.name) === difference.here));
      const initial = { state, warnings: [...session.loadWarnings], messages: ['a message'], fileDifferences };
      assert.deepStrictEqual(decodeInitialState(encodeInitialState(initial), { symbols: model.symbols.length, nodes: model.nodes.length }), initial);
      assert.equal(
        decodeInitialState(encodeInitialState(initial), { symbols: model.symbols.length - 1, nodes: model.nodes.length }),
        undefined,
        'another model',
      );
    } finally {
      await session.close();
    }
  });
});

test('a model body with any byte changed or cut short decodes to a model or fails as a ModelDecodeError, nothing else', () => {
  const body = encodeModel(tinyModel().model);
  fc.assert(
    fc.property(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(body.length), (at, xor, cut) => {
      const changed = Buffer.from(body);
      changed.writeUInt8(changed.readUInt8(at) ^ xor, at);
      for (const bytes of [changed, body.subarray(0, cut)]) {
        try {
          const model = decodeModel(bytes);
          assert.ok(Array.isArray(model.nodes) && model.byName instanceof Map);
        } catch (error) {
          assert.ok(error instanceof ModelDecodeError, String(error));
        }
      }
    }),
    { numRuns: 2000 },
  );
});

test('a state body with any byte changed or cut short decodes to a state of the right size or to nothing', () => {
  const { model, config } = tinyModel();
  const counts = { symbols: model.symbols.length, nodes: model.nodes.length };
  const body = encodeInitialState({
    state: config,
    warnings: ['w'],
    messages: [],
    fileDifferences: [
      { name: 'A', inFile: 'y', here: 'n' },
      { name: 'GONE', inFile: 'm', here: null },
    ],
  });
  fc.assert(
    fc.property(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(body.length), (at, xor, cut) => {
      const changed = Buffer.from(body);
      changed.writeUInt8(changed.readUInt8(at) ^ xor, at);
      for (const bytes of [changed, body.subarray(0, cut)]) {
        const decoded = decodeInitialState(bytes, counts);
        if (decoded) assert.equal(decoded.state.symbols.length, counts.symbols);
      }
    }),
    { numRuns: 2000 },
  );
});

test('a cache file with any byte changed is never read as whole, and one for another key is foreign', async () => {
  await withTempDir('cache-file', async (dir) => {
    const spec: CacheFileSpec = { kind: 'test-kind', format: 3, maxBytes: 1 << 20 };
    const path = join(dir, 'entry');
    await writeCacheFile(path, spec, 'the-key', { deps: [['a', 'b']] }, Buffer.from('the body of the entry'));
    const whole = await readCacheFile(path, spec, 'the-key');
    assert.ok(whole.ok);
    assert.equal(whole.body.toString(), 'the body of the entry');
    assert.deepEqual(whole.header.deps, [['a', 'b']]);
    assert.deepEqual(await readCacheFile(path, spec, 'other-key'), { ok: false, reason: 'foreign' });
    assert.deepEqual(await readCacheFile(path, { ...spec, format: 4 }, 'the-key'), { ok: false, reason: 'foreign' });
    assert.deepEqual(await readCacheFile(path, { ...spec, maxBytes: 10 }, 'the-key'), { ok: false, reason: 'refused' });
    assert.deepEqual(await readCacheFile(join(dir, 'none'), spec, 'the-key'), { ok: false, reason: 'absent' });
    const bytes = await readFile(path);
    for (let at = 0; at < bytes.length; at++) {
      const changed = Buffer.from(bytes);
      changed.writeUInt8(changed.readUInt8(at) ^ 0x01, at);
      await writeFile(path, changed);
      const read = await readCacheFile(path, spec, 'the-key');
      assert.equal(read.ok, false, `byte ${at} changed`);
    }
  });
});

test('the model codec gives back any text: non-ASCII, control characters, DEL, lone surrogates, a string table of several parts', () => {
  const texts = fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 60 });
  fc.assert(
    fc.property(texts, (strings) => {
      const { model } = tinyModel();
      const nodes = model.nodes.map((node, id) => ({
        ...node,
        dependsOn: strings[id % strings.length]!,
        visibleIf: `${strings[(id + 1) % strings.length]!}\x7f`,
      }));
      const changed = { ...model, nodes };
      const body = encodeModel(changed);
      const table = body.subarray(16 + body.readUInt32LE(8) * 4);
      assert.equal(table.length, body.readUInt32LE(12));
      assert.ok(
        table.every((byte) => byte < 0x7f),
        'the string table is ASCII without DEL',
      );
      assert.deepStrictEqual(decodeModel(body).nodes, nodes);
    }),
    { numRuns: 300 },
  );
  // Larger than one part of the table (a megabyte), with strings that span the batches written.
  const { model } = tinyModel();
  const long = 'x'.repeat(700_000);
  const nodes = model.nodes.map((node, id) => ({ ...node, dependsOn: `${long}${id} é \u{1f600} "quoted" \\ end` }));
  const big = { ...model, nodes };
  assert.deepStrictEqual(decodeModel(encodeModel(big)).nodes, nodes);
});
