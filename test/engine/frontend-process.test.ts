import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type FrontendLaunch, FrontendProcess, FrontendProtocolError } from '../../src/engine/frontend-process.js';
import type { ReplyTo } from '../../src/engine/protocol.js';
import { frontendLaunch } from './frontend-harness.js';

type Reply = ReplyTo<'explain'>;

/**
 * The real frontend with one fault in what it prints: its output goes through `sed -u EDIT`
 * (line 1 is the ready line, line 2 the first reply ...).
 */
async function faultyLaunch(dir: string, launch: FrontendLaunch, edit: string): Promise<FrontendLaunch> {
  const wrapper = join(dir, 'faulty-frontend');
  await writeFile(wrapper, '#!/bin/sh\n"$TUXCONF_TEST_FRONTEND" "$@" | sed -u "$TUXCONF_TEST_EDIT"\n');
  await chmod(wrapper, 0o755);
  return { ...launch, binary: wrapper, env: { ...launch.env, TUXCONF_TEST_FRONTEND: launch.binary, TUXCONF_TEST_EDIT: edit } };
}

/** Sends the requests at once, as the session does, and settles them all. */
async function explainAll(frontend: FrontendProcess, names: string[]): Promise<PromiseSettledResult<Reply>[]> {
  return Promise.allSettled(names.map((name) => frontend.request({ op: 'explain', name })));
}

function explainedName(result: PromiseSettledResult<Reply> | undefined): string | undefined {
  assert.equal(result?.status, 'fulfilled', result?.status === 'rejected' ? String(result.reason) : '');
  const reply = (result as PromiseFulfilledResult<Reply>).value;
  return reply.ok ? reply.explain.name : undefined;
}

function rejection(result: PromiseSettledResult<unknown> | undefined): unknown {
  assert.equal(result?.status, 'rejected');
  return (result as PromiseRejectedResult).reason;
}

describe('FrontendProcess keeps each reply with its request when the frontend prints a bad line (6.12)', () => {
  let dir: string;
  let launch: FrontendLaunch;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-process-'));
    launch = await frontendLaunch('6.12', join(dir, 'out'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function withFaultyFrontend(edit: string, body: (frontend: FrontendProcess) => Promise<void>): Promise<void> {
    const frontend = await FrontendProcess.start(await faultyLaunch(dir, launch, edit));
    try {
      await body(frontend);
    } finally {
      await frontend.close();
    }
  }

  test('a line that is not JSON fails only the request it answered; the later ones get their own replies', async () => {
    await withFaultyFrontend('3i this is not JSON', async (frontend) => {
      const results = await explainAll(frontend, ['MODULES', 'E1000E', 'PRINTK', 'PCI']);
      assert.equal(explainedName(results[0]), 'MODULES');
      const error = rejection(results[1]);
      assert.ok(error instanceof FrontendProtocolError);
      assert.match(error.message, /answer to request 2 is not a reply/);
      assert.deepEqual(error.details, ['this is not JSON']);
      assert.equal(explainedName(results[2]), 'PRINTK');
      assert.equal(explainedName(results[3]), 'PCI');
    });
  });

  test('a reply to no outstanding request is dropped', async () => {
    await withFaultyFrontend('3i {"id":999,"ok":true}', async (frontend) => {
      const results = await explainAll(frontend, ['MODULES', 'E1000E', 'PRINTK']);
      assert.deepEqual(results.map(explainedName), ['MODULES', 'E1000E', 'PRINTK']);
    });
  });

  test('a lost reply fails its request; the next reply still goes to its own request', async () => {
    await withFaultyFrontend('3d', async (frontend) => {
      const results = await explainAll(frontend, ['MODULES', 'E1000E', 'PRINTK']);
      assert.equal(explainedName(results[0]), 'MODULES');
      assert.match(String(rejection(results[1])), /did not answer request 2/);
      assert.equal(explainedName(results[2]), 'PRINTK');
    });
  });

  test('a tree reply with a line that is not JSON fails the tree request only, after all its lines', async () => {
    await withFaultyFrontend('5c not JSON', async (frontend) => {
      const [tree, explain] = await Promise.allSettled([frontend.request({ op: 'tree' }), frontend.request({ op: 'explain', name: 'PRINTK' })]);
      assert.match(String(rejection(tree)), /answer to request 1 holds a line that is not JSON/);
      assert.equal(explainedName(explain), 'PRINTK');
    });
  });

  test('a ready line that is not JSON is a clear start failure', async () => {
    await assert.rejects(FrontendProcess.start(await faultyLaunch(dir, launch, '1c garbage')), /did not start with its ready line/);
  });
});

describe('FrontendProcess.requestState compares a state reply with a known one as bytes (6.12)', () => {
  let dir: string;
  let launch: FrontendLaunch;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-state-digest-'));
    launch = await frontendLaunch('6.12', join(dir, 'out'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the same reply is "same" without being decoded; another digest, a change or a faulty line gets the decoded reply', async () => {
    const frontend = await FrontendProcess.start(launch);
    try {
      const first = await frontend.requestState();
      assert.equal(first.same, false);
      assert.match(first.digest ?? '', /^[0-9a-f]{64}$/);
      const decoded = !first.same ? first.reply.result : undefined;
      assert.ok(decoded && decoded.symbols.length > 17000);
      // In order with other requests, sent at once as the session does.
      const [before, again, other, after] = await Promise.all([
        frontend.request({ op: 'explain', name: 'MODULES' }),
        frontend.requestState(first.digest),
        frontend.requestState('0'.repeat(64)),
        frontend.request({ op: 'explain', name: 'PRINTK' }),
      ]);
      assert.deepEqual([before.ok && before.explain.name, after.ok && after.explain.name], ['MODULES', 'PRINTK']);
      assert.deepEqual(again, { same: true, digest: first.digest });
      assert.ok(!other.same);
      assert.equal(other.digest, first.digest);
      assert.deepStrictEqual(other.reply.result, decoded);
      const set = await frontend.request({ op: 'set', name: 'MODULES', value: 'y' });
      assert.ok(set.ok && set.result.symbols.length > 0, 'the set changed the state');
      const changed = await frontend.requestState(first.digest);
      assert.ok(!changed.same);
      assert.notEqual(changed.digest, first.digest);
      assert.notDeepStrictEqual(changed.reply.result, decoded);
    } finally {
      await frontend.close();
    }
    // The reply's head altered (line 2 is the first reply): not taken for the known one.
    const faulty = await FrontendProcess.start(await faultyLaunch(dir, launch, '2s/^{"id":1,"ok":true,/{"ok":true,"id":1,/'));
    try {
      const honest = await FrontendProcess.start(launch);
      const known = await honest.requestState();
      await honest.close();
      const answer = await faulty.requestState(known.digest);
      assert.ok(!answer.same);
      assert.equal(answer.digest, undefined);
      assert.deepStrictEqual(answer.reply.result, !known.same ? known.reply.result : undefined);
    } finally {
      await faulty.close();
    }
  });
});
