import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import fc from 'fast-check';
import { packedStateIs, type PackedNodeState, type PackedSymbolState, type StatePayload, unpackState } from '../../src/engine/protocol.js';

const runs = Number(process.env.TUXCONF_PROPERTY_RUNS ?? 2000);

/** Small ranges, so that two payloads are often equal or differ in one field. */
const symbolState: fc.Arbitrary<PackedSymbolState> = fc.tuple(
  fc.constantFrom('', 'y', 'm', 'n', '0x10', 'a string'),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 0, max: 9 }),
  fc.integer({ min: 0, max: 1 }),
  fc.integer({ min: 0, max: 1 }),
);
const nodeState: fc.Arbitrary<PackedNodeState> = fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: -1, max: 2 }));
const payload = (symbols: number, nodes: number): fc.Arbitrary<StatePayload> =>
  fc.record({
    symbols: fc.array(symbolState, { minLength: symbols, maxLength: symbols }),
    nodes: fc.array(nodeState, { minLength: nodes, maxLength: nodes }),
  });
/** Two payloads of the same size; the second mostly a copy of the first with a few entries replaced. */
const pair = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }))
  .chain(([symbols, nodes]) =>
    fc.tuple(payload(symbols, nodes), payload(symbols, nodes), fc.array(fc.boolean(), { minLength: symbols + nodes, maxLength: symbols + nodes })),
  )
  .map(([a, b, keep]) => {
    const mixed: StatePayload = {
      symbols: a.symbols.map((entry, index) => (keep[index] ? entry : b.symbols[index]!)),
      nodes: a.nodes.map((entry, index) => (keep[a.symbols.length + index] ? entry : b.nodes[index]!)),
    };
    return [a, mixed] as const;
  });

test('packedStateIs(payload, state) holds exactly when unpackState(payload) equals the state', () => {
  fc.assert(
    fc.property(pair, ([a, b]) => {
      assert.equal(packedStateIs(a, unpackState(b)), isDeepStrictEqual(unpackState(a), unpackState(b)));
      assert.ok(packedStateIs(a, unpackState(a)));
    }),
    { numRuns: runs },
  );
});

test('a state of another size is never the same', () => {
  const one: StatePayload = { symbols: [['y', 2, 0, 7, 1, 1]], nodes: [[1, 0, -1]] };
  assert.ok(packedStateIs(one, unpackState(one)));
  assert.equal(packedStateIs(one, unpackState({ ...one, symbols: [] })), false);
  assert.equal(packedStateIs(one, unpackState({ ...one, nodes: [...one.nodes, [1, 0, -1]] })), false);
});
