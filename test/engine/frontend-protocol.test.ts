import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import { kernelTree, withTempDir } from '../support/kernel-trees.js';
import { frontendLaunch, RawFrontend, type RawReply, SANITIZER_REPORT } from './frontend-harness.js';

/** A malformed request line and what the frontend must answer: the id it could read, where, and why. */
interface Malformed {
  title: string;
  line: string | Buffer;
  id: number | null;
  /** 1-based byte column of the problem. */
  column: number;
  error: RegExp;
}

/** The 1-based byte column where `marker` first occurs in `line`. */
function columnOf(line: string, marker: string, from = 0): number {
  const index = line.indexOf(marker, from);
  assert.ok(index >= 0, `${marker} in ${line}`);
  return Buffer.byteLength(line.slice(0, index)) + 1;
}

function malformed(title: string, line: string, id: number | null, marker: string, error: RegExp, from = 0): Malformed {
  return { title, line, id, column: columnOf(line, marker, from), error };
}

const MAX_REQUEST = 16 << 20;
const pad = 'A'.repeat(40);

const CASES: Malformed[] = [
  malformed('a \\u escape cut off at the end of the line', String.raw`{"id":7,"op":"explain","name":"AB\u`, 7, '\\u', /\\u needs four hexadecimal digits/),
  malformed('a \\u escape with two digits before the end of the line', String.raw`{"id":7,"op":"explain","name":"AB\u12`, 7, '\\u', /\\u needs four hexadecimal digits/),
  malformed('a \\u escape with two digits inside the string', String.raw`{"id":7,"op":"explain","name":"AB\u12"}`, 7, '\\u', /\\u needs four hexadecimal digits/),
  malformed('a \\u escape with a digit that is not hexadecimal', String.raw`{"id":7,"op":"explain","name":"AB\u12G4"}`, 7, '\\u', /\\u needs four hexadecimal digits/),
  malformed('an escape JSON does not have', String.raw`{"id":7,"op":"explain","name":"AB\q"}`, 7, '\\q', /invalid escape: '\\' followed by 'q'/),
  malformed('a backslash at the end of the line', '{"id":7,"op":"explain","name":"AB\\', 7, '\\', /unterminated escape/),
  malformed('a string with no closing quote', '{"id":7,"op":"explain","name":"ABC', 7, '"ABC', /unterminated string/),
  malformed('a raw tab inside a string', '{"id":7,"op":"explain","name":"A\tB"}', 7, '\t', /control character U\+0009 in a string/),
  malformed('a raw escape character inside a string', '{"id":7,"op":"explain","name":"A\u001b[2J"}', 7, '\u001b', /control character U\+001B/),
  malformed('a raw NUL byte inside a string', '{"id":7,"op":"explain","name":"A\u0000B"}', 7, '\u0000', /NUL byte in a string/),
  malformed('\\u0000 in a value', String.raw`{"id":7,"op":"set","name":"LOCALVERSION","value":"-x\u0000y"}`, 7, '\\u0000', /\\u0000 \(NUL\) cannot be part of a kconfig value/),
  malformed('a lone high surrogate', String.raw`{"id":7,"op":"explain","name":"A\uD83D"}`, 7, '\\uD83D', /lone high surrogate \\uD83D/),
  malformed('a high surrogate followed by a letter', String.raw`{"id":7,"op":"explain","name":"A\uD83D\u0041"}`, 7, '\\uD83D', /lone high surrogate/),
  malformed('a high surrogate followed by a cut-off escape', String.raw`{"id":7,"op":"explain","name":"A\uD83D\uDE`, 7, '\\uD83D', /lone high surrogate/),
  malformed('a lone low surrogate', String.raw`{"id":7,"op":"explain","name":"A\uDE00"}`, 7, '\\uDE00', /lone low surrogate \\uDE00/),
  malformed('a missing colon', '{"id":7,"op" "explain"}', 7, '"explain"', /expected ':' after "op", found '"'|expected ':' after "op"/),
  malformed('a missing comma', '{"id":7 "op":"state"}', 7, '"op"', /expected ',' or '}' after the value of "id"/),
  malformed('a trailing comma', '{"id":7,"op":"state",}', 7, '}', /expected a key in double quotes, found '}'/),
  malformed('text after the object', '{"id":7,"op":"state"} x', 7, 'x', /unexpected 'x' after the end of the request/),
  malformed('a second object on the same line', '{"id":7,"op":"state"}{"id":8,"op":"state"}', 7, '{"id":8', /unexpected '\{' after the end/),
  malformed('an array instead of an object', '[{"id":7,"op":"state"}]', null, '[', /a request must be a JSON object, found '\['/),
  malformed('a bare string', '"state"', null, '"', /a request must be a JSON object/),
  malformed('an empty line', '', null, '', /empty request/),
  malformed('a line of blanks', '   \t ', null, '', /empty request/, 5),
  malformed('an object that never closes', '{"id":7,"op":"state"', 7, '', /expected ',' or '}' after the value of "op", found the end of the line/, 20),
  malformed('an id above 2^53 - 1', '{"id":9007199254740992,"op":"state"}', null, '9007', /"id" is out of range \(0 to 9007199254740991\)/),
  malformed('an id of 400 digits', `{"id":${'9'.repeat(400)},"op":"state"}`, null, '999', /"id" is out of range/),
  malformed('a negative id', '{"id":-1,"op":"state"}', null, '-1', /"id" is out of range/),
  malformed('an id with a fraction', '{"id":1.5,"op":"state"}', null, '1.5', /"id" must be a whole number/),
  malformed('an id with an exponent', '{"id":1e3,"op":"state"}', null, '1e3', /"id" must be a whole number/),
  malformed('an id with leading zeros', '{"id":07,"op":"state"}', null, '0', /no leading zeros/, 5),
  malformed('a minus sign without digits', '{"id":-,"op":"state"}', null, ',', /a digit must follow '-'/),
  malformed('an exponent without digits', '{"id":1e,"op":"state"}', null, ',', /a digit must follow the exponent/),
  malformed('an id given as a string', '{"id":"7","op":"state"}', null, '"7"', /"id" must be a whole number, not a string/),
  malformed('a node above INT_MAX', '{"id":7,"op":"help","node":2147483648}', 7, '2147483648', /"node" is out of range \(0 to 2147483647\)/),
  malformed('a node of 10^1000', `{"id":7,"op":"help","node":1${'0'.repeat(1000)}}`, 7, '1000', /"node" is out of range/),
  malformed('an op given as a number', '{"id":7,"op":5}', 7, '5', /"op" must be a string, not a number/),
  malformed('a flag given as a string', '{"id":7,"op":"save","path":"x","flag":"yes"}', 7, '"yes"', /"flag" must be true or false, not a string/),
  malformed('a null value', '{"id":7,"op":"explain","name":null}', 7, 'null', /"name" must be a string, not null/),
  malformed('a nested object', '{"id":7,"op":"explain","name":{"a":1}}', 7, '{"a"', /"name" must be a string, not an object/),
  malformed('an array value', '{"id":7,"op":"explain","name":["E1000E"]}', 7, '[', /not an array/),
  malformed('arrays nested 100,000 deep as a value', `{"id":7,"op":${'['.repeat(100_000)}`, 7, '[', /"op" must be a string, not an array/),
  malformed('arrays nested 100,000 deep as the request', '['.repeat(100_000), null, '[', /a request must be a JSON object/),
  malformed('a misspelt key', '{"id":7,"op":"set","nmae":"E1000E","value":"m"}', 7, '"nmae"', /unknown key "nmae"/),
  malformed('a duplicate key', '{"id":7,"op":"state","op":"tree"}', 7, '"op"', /duplicate key "op"/, 10),
  malformed('an unknown op', '{"id":7,"op":"frobnicate"}', 7, '"frobnicate"', /unknown op "frobnicate"/),
  malformed('an unknown op longer than 32 bytes', `{"id":7,"op":"tree${pad}"}`, 7, '"tree', /unknown op "treeA{36}\.\.\."/),
  malformed('a request without an op', '{"id":7}', 7, '}', /the request has no "op"/),
  malformed('set without a value', '{"id":7,"op":"set","name":"E1000E"}', 7, '}', /"set" needs "value"/),
  malformed('explain without a name', '{"id":7,"op":"explain"}', 7, '}', /"explain" needs "name"/),
  malformed('help without node or name', '{"id":7,"op":"help"}', 7, '}', /"help" needs "node" or "name"/),
  malformed('save without a path', '{"id":7,"op":"save","flag":true}', 7, '}', /"save" needs "path"/),
  malformed('savedefconfig with an empty path', '{"id":7,"op":"savedefconfig","path":""}', 7, '""', /"path" must not be empty/),
  malformed('a key with a bad escape', String.raw`{"id":7,"o\p":"state"}`, 7, '\\p', /invalid escape/),
  {
    title: 'a request longer than 16 MiB (the id is still read from its start)',
    line: `{"id":7,"op":"explain","name":"${'A'.repeat(MAX_REQUEST)}"}`,
    id: 7,
    column: MAX_REQUEST + 1,
    error: /the request is longer than 16777216 bytes/,
  },
  {
    title: 'a byte that is not UTF-8 outside a string',
    line: Buffer.from([...Buffer.from('{"id":7,"op":"state"}'), 0xff]),
    id: 7,
    column: 22,
    error: /unexpected byte 0xFF after the end of the request/,
  },
];

function assertRejected(reply: RawReply, expected: Malformed): void {
  assert.equal(reply.ok, false, JSON.stringify(reply));
  assert.equal(reply.code, 'usage');
  assert.equal(reply.id, expected.id);
  assert.equal(reply.column, expected.column, reply.error);
  assert.match(reply.error!, expected.error);
  assert.match(reply.error!, new RegExp(`^malformed request at column ${expected.column}: `));
}

for (const version of ['6.1', '6.12'] as const) {
  describe(`the frontend's request reader, on ${version}`, () => {
    let dir: string;
    let frontend: RawFrontend;
    let nextId = 1000;

    /** The conversation is still in step: a valid request gets its own reply. */
    async function assertInStep(): Promise<void> {
      const id = nextId++;
      const { reply } = await frontend.send(JSON.stringify({ id, op: 'explain', name: 'MODULES' }));
      assert.equal(reply.id, id);
      assert.equal(reply.ok, true);
    }

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-protocol-'));
      frontend = await RawFrontend.start(await frontendLaunch(version, join(dir, 'out')));
    });

    after(async () => {
      const end = await frontend.quit();
      await rm(dir, { recursive: true, force: true });
      assert.equal(end.code, 0, end.stderr);
      assert.doesNotMatch(end.stderr, SANITIZER_REPORT);
    });

    for (const expected of CASES) {
      test(`refused with its column: ${expected.title}`, async () => {
        const { reply } = await frontend.send(expected.line);
        assertRejected(reply, expected);
        await assertInStep();
      });
    }

    test('every malformed line of one write gets its own reply, in order', async () => {
      const replies = await frontend.sendAll([...CASES.slice(0, 12).map((c) => c.line), '{"id":77,"op":"explain","name":"MODULES"}']);
      CASES.slice(0, 12).forEach((expected, index) => assertRejected(replies[index]!, expected));
      assert.equal(replies[12]!.id, 77);
      assert.equal(replies[12]!.ok, true);
    });

    test('a surrogate pair is decoded to its 4-byte UTF-8 form', async () => {
      const { reply } = await frontend.send(String.raw`{"id":8,"op":"explain","name":"X\uD83D\uDE00\u00e9\u20ac/\/"}`);
      assert.equal(reply.code, 'unknown');
      assert.equal(reply.error, 'unknown symbol X\u{1F600}\u00e9\u20ac//');
    });

    test('a long name is named whole in the answer, not cut at 1024 bytes', async () => {
      const name = `NO_SUCH_${'X'.repeat(300_000)}`;
      const { reply } = await frontend.send(JSON.stringify({ id: 9, op: 'explain', name }));
      assert.equal(reply.id, 9);
      assert.equal(reply.error, `unknown symbol ${name}`);
    });

    test('blanks, a carriage return and escaped slashes around a valid request are accepted', async () => {
      const { reply } = await frontend.send(' \t{ "id" : 10 , "op" : "explain" , "name" : "MOD\\u0055LES" } \r');
      assert.equal(reply.id, 10);
      assert.equal(reply.ok, true);
    });

    test('loading a missing config a second time uses the defaults again (6.12 cut KCONFIG_DEFCONFIG_LIST in place)', async () => {
      const missing = join(dir, 'missing.config');
      for (const id of [11, 12]) {
        const { reply } = await frontend.send(JSON.stringify({ id, op: 'load', path: missing }));
        assert.equal(reply.ok, true, JSON.stringify(reply));
        assert.deepEqual(reply.messages, ['using defaults found in arch/x86/configs/x86_64_defconfig']);
      }
    });

    test('a request without an id is answered with id null', async () => {
      const { reply } = await frontend.send('{"op":"explain","name":"MODULES"}');
      assert.equal(reply.id, null);
      assert.equal(reply.ok, true);
    });
  });
}

test('undo on an output directory without .config puts the value back (6.12)', async () => {
  await withTempDir('undo-no-config', async (dir) => {
    const session = await openSession({ tree: kernelTree('6.12'), output: dir });
    try {
      const before = session.value('LOG_BUF_SHIFT');
      assert.ok((await session.set('LOG_BUF_SHIFT', '20')).ok);
      assert.equal(await session.undo(), true);
      assert.equal(session.value('LOG_BUF_SHIFT'), before);
    } finally {
      await session.close();
    }
  });
});
