import type { MenuModel, MenuNode, NodeKind, SourceLocation, SymbolInfo, SymbolReference, SymbolType } from '../../model/types.js';

/**
 * The menu model in a form that loads in one pass: every number in one Int32Array, every string
 * once in one JSON array of ASCII text. On x86_64 6.12 it is 7.5 MB and decodes in 60-100 ms, where the JSON
 * of the frontend's `tree` answer takes about 200 ms to parse and complete.
 *
 * Layout: four little-endian u32 (node count, symbol count, number of int32s, bytes of the
 * string table), the int32s, the string table.
 */

const KINDS: readonly NodeKind[] = ['menu', 'symbol', 'choice', 'comment', 'if'];
const TYPES: readonly SymbolType[] = ['bool', 'tristate', 'int', 'hex', 'string', 'unknown'];
const HEAD_BYTES = 16;

/**
 * Every empty list of a decoded model is this one frozen array: about 76,000 of them on x86_64
 * 6.12 (nodes without children, symbols without selects, implies, ranges, defaults), half of what
 * decoding would otherwise allocate. Nothing changes a model in place; a change would throw.
 */
const EMPTY: readonly never[] = Object.freeze([]);

/** The body of a cache file is not a model this decoder wrote. */
export class ModelDecodeError extends Error {
  override name = 'ModelDecodeError';
}

/** The encoded model, in the parts it is written in (header, numbers, string table). */
export function encodeModelParts(model: MenuModel): Uint8Array[] {
  const strings: string[] = [];
  const seen = new Map<string, number>();
  const text = (value: string | null): number => {
    if (value === null) return -1;
    let index = seen.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      seen.set(value, index);
    }
    return index;
  };
  // About 500,000 numbers on x86_64 6.12.
  let ints = new Int32Array(1 << 19);
  let size = 0;
  const put = (value: number): void => {
    if (size === ints.length) {
      const larger = new Int32Array(ints.length * 2);
      larger.set(ints);
      ints = larger;
    }
    ints[size++] = value;
  };
  const list = (values: readonly number[]): void => {
    put(values.length);
    for (const value of values) put(value);
  };
  const refs = (values: readonly SymbolReference[]): void => {
    put(values.length);
    for (const ref of values) {
      put(text(ref.name));
      put(text(ref.condition));
    }
  };
  for (const node of model.nodes) {
    put(node.parent);
    put(KINDS.indexOf(node.kind));
    put(text(node.prompt));
    put(node.symbol);
    put(node.menuconfig ? 1 : 0);
    put(text(node.location.file));
    put(node.location.line);
    put(text(node.dependsOn));
    put(text(node.visibleIf));
    put(text(node.help));
    list(node.children);
  }
  for (const symbol of model.symbols) {
    put(text(symbol.name));
    put(TYPES.indexOf(symbol.type));
    list(symbol.nodes);
    put(text(symbol.dependsOn));
    refs(symbol.selects);
    refs(symbol.implies);
    refs(symbol.ranges);
    refs(symbol.defaults);
    put(text(symbol.selectedBy));
    put(text(symbol.impliedBy));
    put(symbol.choice);
  }
  const table = stringTableParts(strings);
  const tableBytes = table.reduce((bytes, part) => bytes + part.length, 0);
  const head = Buffer.alloc(HEAD_BYTES);
  head.writeUInt32LE(model.nodes.length, 0);
  head.writeUInt32LE(model.symbols.length, 4);
  head.writeUInt32LE(size, 8);
  head.writeUInt32LE(tableBytes, 12);
  return [head, new Uint8Array(ints.buffer, 0, size * 4), ...table];
}

/** Characters of JSON text written to the table at a time: small strings, freed young. */
const TABLE_BATCH = 16 << 10;
const NOT_PRINTABLE_ASCII = /[^\x00-\x7e]/g;

/**
 * The strings as one JSON array, pure ASCII (the few other characters escaped): decoded as
 * Latin-1, it parses in a third of the time. Written a batch of strings at a time into parts of
 * about a megabyte, never as one string of the whole table (5-6 MB on x86_64 6.12, which stays
 * in V8's large-object space until the next full collection, long after the cache is written).
 */
function stringTableParts(strings: readonly string[]): Buffer[] {
  const parts: Buffer[] = [];
  let part = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  const write = (text: string): void => {
    if (used + text.length > part.length) {
      parts.push(part.subarray(0, used));
      part = Buffer.allocUnsafe(Math.max(1 << 20, text.length));
      used = 0;
    }
    used += part.write(text, used, 'latin1');
  };
  let batch = '[';
  for (let index = 0; index < strings.length; index++) {
    let json = JSON.stringify(strings[index]);
    NOT_PRINTABLE_ASCII.lastIndex = 0;
    if (NOT_PRINTABLE_ASCII.test(json)) json = json.replace(NOT_PRINTABLE_ASCII, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    batch += index === 0 ? json : `,${json}`;
    if (batch.length >= TABLE_BATCH) {
      write(batch);
      batch = '';
    }
  }
  write(`${batch}]`);
  parts.push(part.subarray(0, used));
  return parts;
}

export function encodeModel(model: MenuModel): Buffer {
  return Buffer.concat(encodeModelParts(model));
}

/** Reads the body's integers in order, each checked against what it may be. */
function bodyReader(ints: Int32Array, table: string[]) {
  const intCount = ints.length;
  let at = 0;
  const next = (): number => {
    if (at >= intCount) throw new ModelDecodeError('truncated');
    return ints[at++]!;
  };
  const index = (limit: number, lowest = 0): number => {
    const value = next();
    if (value < lowest || value >= limit) throw new ModelDecodeError('index');
    return value;
  };
  const text = (): string => table[index(table.length)]!;
  const textOrNull = (): string | null => {
    const value = index(table.length, -1);
    return value < 0 ? null : table[value]!;
  };
  const list = (limit: number): number[] => {
    const count = index(intCount + 1);
    if (count === 0) return EMPTY as never[];
    const values = new Array<number>(count);
    for (let k = 0; k < count; k++) values[k] = index(limit);
    return values;
  };
  const refs = (): SymbolReference[] => {
    const count = index(intCount + 1);
    if (count === 0) return EMPTY as never[];
    const values = new Array<SymbolReference>(count);
    for (let k = 0; k < count; k++) values[k] = { name: text(), condition: text() };
    return values;
  };
  return { next, index, text, textOrNull, list, refs, finished: (): boolean => at === intCount };
}

/**
 * The model back from `encodeModel`'s bytes, checked as it is read: every index in range, every
 * code known, nothing left over. Anything else is a ModelDecodeError.
 */
export function decodeModel(body: Buffer): MenuModel {
  if (body.length < HEAD_BYTES) throw new ModelDecodeError('short');
  const nodeCount = body.readUInt32LE(0);
  const symbolCount = body.readUInt32LE(4);
  const intCount = body.readUInt32LE(8);
  const tableBytes = body.readUInt32LE(12);
  if (HEAD_BYTES + intCount * 4 + tableBytes !== body.length) throw new ModelDecodeError('sizes');
  const ints = new Int32Array(intCount);
  Buffer.from(ints.buffer).set(body.subarray(HEAD_BYTES, HEAD_BYTES + intCount * 4));
  let strings: unknown;
  try {
    strings = JSON.parse(body.toString('latin1', HEAD_BYTES + intCount * 4));
  } catch {
    throw new ModelDecodeError('string table');
  }
  if (!Array.isArray(strings) || !strings.every((value) => typeof value === 'string')) throw new ModelDecodeError('string table');
  const table = strings as string[];

  const { next, index, text, textOrNull, list, refs, finished } = bodyReader(ints, table);

  const nodes = new Array<MenuNode>(nodeCount);
  for (let id = 0; id < nodeCount; id++) {
    const parent = index(nodeCount, -1);
    const kind = KINDS[index(KINDS.length)]!;
    const prompt = textOrNull();
    const symbol = index(symbolCount, -1);
    const menuconfig = index(2) === 1;
    const location: SourceLocation = { file: text(), line: next() };
    const dependsOn = text();
    const visibleIf = text();
    const help = text();
    const children = list(nodeCount);
    nodes[id] = { parent, kind, prompt, symbol, menuconfig, dependsOn, visibleIf, help, children, id, location };
  }
  const symbols = new Array<SymbolInfo>(symbolCount);
  for (let symbolIndex = 0; symbolIndex < symbolCount; symbolIndex++) {
    const name = text();
    const type = TYPES[index(TYPES.length)]!;
    const own = list(nodeCount);
    const dependsOn = text();
    const selects = refs();
    const implies = refs();
    const ranges = refs();
    const defaults = refs();
    const selectedBy = text();
    const impliedBy = text();
    const choice = index(nodeCount, -1);
    // As modelFromTree completes them: prompt, help and locations from the symbol's own nodes.
    let prompt: string | null = null;
    let help = '';
    const definedAt = new Array<SourceLocation>(own.length);
    for (let k = 0; k < own.length; k++) {
      const node = nodes[own[k]!]!;
      if (prompt === null && node.prompt !== null) prompt = node.prompt;
      if (help === '' && node.help !== '') help = node.help;
      definedAt[k] = node.location;
    }
    symbols[symbolIndex] = {
      name,
      type,
      nodes: own,
      dependsOn,
      selects,
      implies,
      ranges,
      defaults,
      selectedBy,
      impliedBy,
      choice,
      index: symbolIndex,
      prompt,
      help,
      definedAt,
    };
  }
  if (!finished()) throw new ModelDecodeError('trailing data');
  return { nodes, symbols, byName: new Map(symbols.map((symbol) => [symbol.name, symbol])) };
}
