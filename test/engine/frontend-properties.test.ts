import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { frontendLaunch, RawFrontend, type RawReply, SANITIZER_REPORT } from './frontend-harness.js';

/**
 * Property tests of the frontend's request reader through the real frontend process on 6.12.
 * TUXCONF_PROPERTY_RUNS sets the cases per property (a long run: 100000); the default keeps
 * `npm test` to seconds.
 */
const RUNS = Number(process.env.TUXCONF_PROPERTY_RUNS ?? 150);
const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;
const SET_REFUSALS = ['unknown', 'not-visible', 'selected', 'limited', 'out-of-range', 'invalid', 'choice'];

/** A string a kconfig value or name can be: any code points but NUL (lone surrogates never come from 'binary'). */
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength }).map((s) => s.replaceAll('\0', ''));
const blank = fc.constantFrom('', ' ', '\t', '\r', '  ', ' \t ');

/** A request as JSON with random blanks around every token and, optionally, every character of its strings escaped. */
function serialize(entries: [string, unknown][], blanks: string[], escape: boolean): string {
  let n = 0;
  const ws = () => blanks[n++ % blanks.length] ?? '';
  const value = (v: unknown) => (typeof v === 'string' && escape ? escapeAll(v) : JSON.stringify(v));
  return `${ws()}{${entries.map(([key, v]) => `${ws()}${JSON.stringify(key)}${ws()}:${ws()}${value(v)}${ws()}`).join(',')}}${ws()}`;
}

/** Every UTF-16 unit as \uXXXX: astral characters become surrogate pairs. */
function escapeAll(s: string): string {
  let escaped = '';
  for (let i = 0; i < s.length; i++) escaped += `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return `"${escaped}"`;
}

/** Bytes a mutation inserts: broken escapes, structure, huge numbers, deep nesting, very long strings. */
const FRAGMENTS = [
  '\\u', '\\u1', '\\u12', '\\u12G4', '\\uD83D', '\\uDE00', '\\uD83D\\u0041', '\\u0000', '\\x', '\\', '"', '{', '}', '[', ']', ',', ':',
  '-', '1e', '0.', '01', '1.5', 'true', 'null', '\t', '\u0001', '\u001b', '\u0000', '\u00ff', '\ud83d\ude00',
  '9'.repeat(1000), `1e${'9'.repeat(50)}`, '['.repeat(10_000), '{"a":'.repeat(2000), '"' + 'A'.repeat(100_000) + '"', 'A'.repeat(100_000),
].map((fragment) => Buffer.from(fragment, 'utf8'));

type Mutation = { kind: 'truncate' | 'delete' | 'insert' | 'replace' | 'fragment'; at: number; byte: number; fragment: number };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('truncate', 'delete', 'insert', 'replace', 'fragment'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }).filter((byte) => byte !== 10),
  fragment: fc.nat({ max: FRAGMENTS.length - 1 }),
});

function mutate(line: Buffer, m: Mutation): Buffer {
  const at = line.length === 0 ? 0 : m.at % (line.length + 1);
  switch (m.kind) {
    case 'truncate':
      return line.subarray(0, at);
    case 'delete':
      return Buffer.concat([line.subarray(0, at), line.subarray(at + 1)]);
    case 'insert':
      return Buffer.concat([line.subarray(0, at), Buffer.from([m.byte]), line.subarray(at)]);
    case 'replace':
      return Buffer.concat([line.subarray(0, at), Buffer.from([m.byte]), line.subarray(at + 1)]);
    case 'fragment':
      return Buffer.concat([line.subarray(0, at), FRAGMENTS[m.fragment]!, line.subarray(at)]);
  }
}

function isJson(line: Buffer): boolean {
  try {
    JSON.parse(line.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Would the frontend end on this line? (`quit` ends the conversation, so no case may send it.) */
function isQuit(line: Buffer): boolean {
  try {
    return (JSON.parse(line.toString('utf8')) as { op?: unknown })?.op === 'quit';
  } catch {
    return false;
  }
}

function assertWellFormed(reply: RawReply, line: Buffer): void {
  assert.equal(typeof reply.ok, 'boolean');
  assert.ok(reply.id === null || (Number.isSafeInteger(reply.id) && reply.id >= 0), `id ${reply.id}`);
  if (reply.ok) return;
  assert.equal(typeof reply.code, 'string');
  // A refused set explains itself; every other failure says what went wrong.
  if (reply.explain !== undefined) assert.ok(SET_REFUSALS.includes(reply.code!), reply.code);
  else assert.equal(typeof reply.error, 'string');
  if (reply.code !== 'usage') return;
  // Every refusal of a request names where in the line the problem is.
  assert.ok(Number.isSafeInteger(reply.column) && reply.column! >= 1 && reply.column! <= line.length + 1, `column ${reply.column} of ${line.length}`);
  assert.match(reply.error!, new RegExp(`^malformed request at column ${reply.column}: .`));
}

describe('property: the frontend reads every request line into exactly one well-formed reply (6.12)', () => {
  let dir: string;
  let frontend: RawFrontend;
  let names: string[];
  let sentinelId = 1;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-properties-'));
    frontend = await RawFrontend.start(await frontendLaunch('6.12', join(dir, 'out')));
    const { items } = await frontend.send('{"id":0,"op":"tree"}');
    names = items.flatMap((item) => (typeof (item as { name?: unknown }).name === 'string' ? [(item as { name: string }).name] : []));
    assert.ok(names.length > 10_000);
    await writeFile(join(dir, 'small.config'), 'CONFIG_E1000E=m\nCONFIG_LOG_BUF_SHIFT=19\n');
  });

  after(async () => {
    const end = await frontend.quit();
    await rm(dir, { recursive: true, force: true });
    assert.equal(end.code, 0, end.stderr);
    assert.doesNotMatch(end.stderr, SANITIZER_REPORT);
  });

  /** Sends a line followed by a valid request: two replies, the second the sentinel's, prove exactly one reply for the line. */
  async function exchange(line: Buffer): Promise<RawReply> {
    const id = MAX_SAFE_ID - sentinelId++;
    const [reply, sentinel] = await frontend.sendAll([line, JSON.stringify({ id, op: 'explain', name: 'MODULES' })]);
    assert.equal(sentinel!.id, id, `the line after ${JSON.stringify(line.toString('utf8').slice(0, 200))} got another line's reply`);
    assert.equal(sentinel!.ok, true);
    return reply!;
  }

  const symbolName = () => fc.oneof(fc.constantFrom(...names), text(40));
  const requests = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('explain'), name: symbolName() }) },
      { weight: 3, arbitrary: fc.oneof(fc.record({ op: fc.constant('help'), node: fc.nat({ max: 2 ** 31 - 1 }) }), fc.record({ op: fc.constant('help'), name: symbolName() })) },
      {
        weight: 4,
        arbitrary: fc.record({
          op: fc.constant('set'),
          name: symbolName(),
          value: fc.oneof(fc.constantFrom('y', 'm', 'n', '0', '17', '0x10', ''), text(60)),
        }),
      },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('state') }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('load'), path: fc.constantFrom(join(dir, 'small.config'), join(dir, 'missing.config')) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('save', 'savedefconfig'), path: fc.constant(join(dir, 'saved')), flag: fc.boolean() }) },
    );

  test(`valid requests (random key order, blanks and escapes) get well-formed replies with their id (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: MAX_SAFE_ID }),
        requests(),
        fc.array(blank, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        async (id, request, blanks, idFirst, escape) => {
          const entries = Object.entries(request).filter(([key, value]) => !(key === 'flag' && request.op === 'savedefconfig') && value !== undefined);
          const ordered: [string, unknown][] = idFirst ? [['id', id], ...entries] : [...entries, ['id', id]];
          const line = Buffer.from(serialize(ordered, blanks, escape), 'utf8');
          const reply = await exchange(line);
          assertWellFormed(reply, line);
          assert.equal(reply.id, id);
          assert.notEqual(reply.code, 'usage', reply.error);
          if (!reply.ok && request.op === 'set') assert.ok(SET_REFUSALS.includes(reply.code!), reply.code);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test(`a name escaped as \\uXXXX (surrogate pairs for astral characters) is read as the same name (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(symbolName(), async (name) => {
        const plain = await exchange(Buffer.from(`{"id":1,"op":"explain","name":${JSON.stringify(name)}}`, 'utf8'));
        const escaped = await exchange(Buffer.from(`{"id":1,"op":"explain","name":${escapeAll(name)}}`, 'utf8'));
        assert.deepEqual(escaped, plain);
      }),
      { numRuns: RUNS },
    );
  });

  test(`random bytes never crash it: one reply per line, and every refusal names its column (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const line = Buffer.from(bytes.map((byte) => (byte === 10 ? 32 : byte)));
        fc.pre(!isQuit(line));
        const reply = await exchange(line);
        assertWellFormed(reply, line);
        if (!isJson(line)) assert.equal(reply.code, 'usage', `${line.toString('utf8')} -> ${reply.error}`);
      }),
      { numRuns: RUNS },
    );
  });

  test(`mutated requests (truncated, broken escapes, huge numbers, deep nesting, long strings) are answered or refused with a column (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: MAX_SAFE_ID }),
        // Never save or savedefconfig: a mutated path could name any directory.
        requests().filter((request) => request.op !== 'save' && request.op !== 'savedefconfig'),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (id, request, mutations) => {
          const line = mutations.reduce(mutate, Buffer.from(JSON.stringify({ id, ...request }), 'utf8'));
          fc.pre(!isQuit(line));
          const reply = await exchange(line);
          assertWellFormed(reply, line);
          if (!isJson(line)) assert.equal(reply.code, 'usage', `${line.toString('utf8').slice(0, 300)} -> ${reply.error}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
