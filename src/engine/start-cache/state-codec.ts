import type { FileDifference } from '../../model/file-differences.js';
import type { ConfigState, NodeState, SymbolState, Tristate } from '../../model/types.js';

/** The state after loading a config, with what the kernel printed while reading it and what it made otherwise than the file says. */
export interface InitialState {
  state: ConfigState;
  warnings: string[];
  messages: string[];
  fileDifferences: FileDifference[];
  /** The digest of the frontend's state reply `state` was read from (kept in the cache file's header, not in this encoding). */
  replyDigest?: string;
}

/**
 * The state in a form that decodes in a few milliseconds: two int32 per symbol (its value as an
 * index into a table of distinct values; visible, selectedTo, the allowed values, changeable and
 * hasValue as bits) and two per node (visible and empty as bits; the choice's selected symbol),
 * then one JSON object with the value table and the kernel's warnings and messages.
 *
 * Layout: three little-endian u32 (symbol count, node count, JSON bytes), the int32s, the JSON.
 */

const TRISTATES: readonly Tristate[] = ['n', 'm', 'y'];
const HEAD_BYTES = 12;

/** The eight possible `allowed` lists, shared by every decoded symbol state (frozen: nothing changes a state in place). */
const ALLOWED: readonly (readonly Tristate[])[] = Array.from({ length: 8 }, (_, mask) =>
  Object.freeze(TRISTATES.filter((_, bit) => (mask & (1 << bit)) !== 0)),
);

export function encodeInitialState(initial: InitialState): Buffer {
  const { symbols, nodes } = initial.state;
  const values: string[] = [];
  const seen = new Map<string, number>();
  const ints = new Int32Array(2 * symbols.length + 2 * nodes.length);
  symbols.forEach((symbol, index) => {
    let value = seen.get(symbol.value);
    if (value === undefined) {
      value = values.length;
      values.push(symbol.value);
      seen.set(symbol.value, value);
    }
    ints[2 * index] = value;
    ints[2 * index + 1] = symbolBits(symbol);
  });
  const base = 2 * symbols.length;
  nodes.forEach((node, index) => {
    ints[base + 2 * index] = (node.visible ? 1 : 0) | (node.empty ? 2 : 0);
    ints[base + 2 * index + 1] = node.selected;
  });
  const differences = initial.fileDifferences.map(({ name, inFile, here }) => [name, inFile, here]);
  const json = Buffer.from(JSON.stringify({ values, warnings: initial.warnings, messages: initial.messages, differences }), 'utf8');
  const head = Buffer.alloc(HEAD_BYTES);
  head.writeUInt32LE(symbols.length, 0);
  head.writeUInt32LE(nodes.length, 4);
  head.writeUInt32LE(json.length, 8);
  return Buffer.concat([head, Buffer.from(ints.buffer), json]);
}

function symbolBits(symbol: SymbolState): number {
  const allowed = symbol.allowed.reduce((mask, value) => mask | (1 << TRISTATES.indexOf(value)), 0);
  return (
    TRISTATES.indexOf(symbol.visible) |
    (TRISTATES.indexOf(symbol.selectedTo) << 2) |
    (allowed << 4) |
    (symbol.changeable ? 128 : 0) |
    (symbol.hasValue ? 256 : 0)
  );
}

/** The state back, for a model of `symbols` symbols and `nodes` nodes; undefined unless everything in it is in range. */
export function decodeInitialState(body: Buffer, counts: { symbols: number; nodes: number }): InitialState | undefined {
  if (body.length < HEAD_BYTES) return undefined;
  const symbolCount = body.readUInt32LE(0);
  const nodeCount = body.readUInt32LE(4);
  const jsonBytes = body.readUInt32LE(8);
  const intBytes = 8 * (symbolCount + nodeCount);
  if (symbolCount !== counts.symbols || nodeCount !== counts.nodes || HEAD_BYTES + intBytes + jsonBytes !== body.length) return undefined;
  const ints = new Int32Array(intBytes / 4);
  Buffer.from(ints.buffer).set(body.subarray(HEAD_BYTES, HEAD_BYTES + intBytes));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8', HEAD_BYTES + intBytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { values, warnings, messages, differences } = parsed as Record<string, unknown>;
  if (!isStrings(values) || !isStrings(warnings) || !isStrings(messages) || !isDifferences(differences)) return undefined;

  const symbols = new Array<SymbolState>(symbolCount);
  for (let index = 0; index < symbolCount; index++) {
    const value = ints[2 * index]!;
    const bits = ints[2 * index + 1]!;
    if (value < 0 || value >= values.length || bits < 0 || bits >= 512 || (bits & 3) === 3 || ((bits >> 2) & 3) === 3) return undefined;
    symbols[index] = {
      value: values[value]!,
      visible: TRISTATES[bits & 3]!,
      selectedTo: TRISTATES[(bits >> 2) & 3]!,
      allowed: ALLOWED[(bits >> 4) & 7] as Tristate[],
      changeable: (bits & 128) !== 0,
      hasValue: (bits & 256) !== 0,
    };
  }
  const nodes = new Array<NodeState>(nodeCount);
  const base = 2 * symbolCount;
  for (let index = 0; index < nodeCount; index++) {
    const bits = ints[base + 2 * index]!;
    const selected = ints[base + 2 * index + 1]!;
    if (bits < 0 || bits > 3 || selected < -1 || selected >= symbolCount) return undefined;
    nodes[index] = { visible: (bits & 1) !== 0, empty: (bits & 2) !== 0, selected };
  }
  const fileDifferences = differences.map(([name, inFile, here]) => ({ name, inFile, here }));
  return { state: { symbols, nodes }, warnings, messages, fileDifferences };
}

function isDifferences(value: unknown): value is [string, string, string | null][] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        Array.isArray(item) &&
        item.length === 3 &&
        typeof item[0] === 'string' &&
        typeof item[1] === 'string' &&
        (item[2] === null || typeof item[2] === 'string'),
    )
  );
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
