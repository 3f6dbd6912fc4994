import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import type { SymbolInfo } from '../../src/model/types.js';
import { kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { assertStable, configValue, makeBase } from './support.js';

/**
 * Int, hex and string values of symbols hidden on x86_64_defconfig (6.12), as the TUI's value
 * editor asks for them: every fix returned holds, and holds under the kernel's olddefconfig, and
 * undo puts every value back; a refusal says what blocks it. TUXCONF_PROPERTY_RUNS sets the number.
 */
const RUNS = Math.max(4, Math.round(Number(process.env.TUXCONF_PROPERTY_RUNS ?? 150) / 25));

let dir: string;
let session: Session;
let requests: { name: string; value: string }[];

/** A value to ask for: a string, or the top of the symbol's first range when it is a number (else 1 or 0x10). */
function wantedValue(info: SymbolInfo): string {
  if (info.type === 'string') return 'tuxconf test';
  const top = info.ranges[0]?.name
    .replace(/^\[|\]$/g, '')
    .trim()
    .split(/\s+/)[1];
  if (top && (info.type === 'hex' ? /^0x[0-9a-fA-F]+$/ : /^-?[0-9]+$/).test(top)) return top;
  return info.type === 'hex' ? '0x10' : '1';
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-value-fixes-'));
  const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
  session = await openSession({ tree: kernelTree('6.12'), output: out });
  requests = session.model.symbols
    .filter((info) => info.prompt && (info.type === 'int' || info.type === 'hex' || info.type === 'string'))
    .filter((info) => session.state.symbols[info.index]!.visible === 'n')
    .map((info) => ({ name: info.name, value: wantedValue(info) }))
    .filter((request) => session.value(request.name) !== request.value);
});

after(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

test(`a fix for an int, hex or string value of a hidden symbol holds under olddefconfig (${RUNS} random requests)`, async () => {
  assert.ok(requests.length > 100, `${requests.length} hidden int, hex and string symbols to draw from`);
  let fixed = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: requests.length - 1 }), async (index) => {
      const request = requests[index]!;
      const values = session.state.symbols.map((symbol) => symbol.value);
      const plan = await session.planFix([request], { budgetMs: 60000 });
      const target = plan.targets[0]!;
      if (target.status === 'impossible') {
        assert.ok(target.blocker, `${request.name}=${request.value}: a refusal says what blocks it`);
        assert.deepEqual(plan.changes, []);
        return;
      }
      assert.equal(target.status, 'fixable', `${request.name}=${request.value}`);
      assert.ok((await session.applyFix(plan)).ok, `${request.name}=${request.value}`);
      assert.equal(session.value(request.name), request.value);
      const saved = join(dir, 'case.config');
      await session.save({ path: saved });
      const text = await readFile(saved, 'utf8');
      assert.equal(configValue(text, request.name), request.value);
      await assertStable('6.12', dir, text, `${request.name}=${request.value}`);
      assert.equal(await session.undo(), true);
      assert.deepEqual(
        session.state.symbols.map((symbol) => symbol.value),
        values,
        'undo puts every value back',
      );
      fixed++;
    }),
    { numRuns: RUNS },
  );
  assert.ok(fixed > 0, 'some drawn requests had a fix');
});
