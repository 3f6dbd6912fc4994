import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { assertStable, configValue, makeBase } from './support.js';

/**
 * Random requests that `set` refuses on x86_64_defconfig (6.12): every fix returned holds, and
 * holds under the kernel's olddefconfig; planning never changes anything. Each case with a fix
 * runs make once; TUXCONF_PROPERTY_RUNS sets the number of cases.
 */
const RUNS = Math.max(4, Math.round(Number(process.env.TUXCONF_PROPERTY_RUNS ?? 150) / 12));

let dir: string;
let session: Session;
let refused: { name: string; value: string }[];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-fix-properties-'));
  const out = await outputDirWith(dir, 'tuxconf', await makeBase('6.12', dir, 'base', 'x86_64_defconfig'));
  session = await openSession({ tree: kernelTree('6.12'), output: out });
  refused = [];
  for (const info of session.model.symbols) {
    if (!info.prompt || (info.type !== 'bool' && info.type !== 'tristate')) continue;
    const state = session.state.symbols[info.index]!;
    for (const value of info.type === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y']) {
      if (value !== state.value && !state.allowed.includes(value as 'n')) refused.push({ name: info.name, value });
    }
  }
});

after(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

test(`a fix for a request set refuses holds under olddefconfig (${RUNS} random requests)`, async () => {
  assert.ok(refused.length > 1000, `${refused.length} refused requests to draw from`);
  let fixed = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: refused.length - 1 }), async (index) => {
      const request = refused[index]!;
      const values = session.state.symbols.map((symbol) => symbol.value);
      const plan = await session.planFix([request], { budgetMs: 60000 });
      assert.deepEqual(
        session.state.symbols.map((symbol) => symbol.value),
        values,
        'planning changes nothing',
      );
      const target = plan.targets[0]!;
      if (target.status === 'impossible') {
        assert.ok(target.blocker, 'a refusal says what blocks it');
        assert.deepEqual(plan.changes, []);
        return;
      }
      assert.equal(target.status, 'fixable');
      const outcome = await session.applyFix(plan);
      assert.ok(outcome.ok, `${request.name}=${request.value}: ${JSON.stringify(outcome)}`);
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
