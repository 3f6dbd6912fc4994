import assert from 'node:assert/strict';
import {
  type GuessOutcome,
  kbuildGuessOutcome,
  type OpenOptions,
  openSession,
  type StartCacheReport,
  startCacheReport,
} from '../../../src/engine/open-session.js';
import type { FileDifference } from '../../../src/model/file-differences.js';
import type { ConfigState, MenuModel } from '../../../src/model/types.js';

/** What a start shows and would write: the whole model, the state, what the kernel said about the config, the .config text; and how the caches served it. */
export interface Start {
  report: StartCacheReport;
  guess: GuessOutcome | undefined;
  model: MenuModel;
  state: ConfigState;
  warnings: string[];
  messages: string[];
  fileDifferences: FileDifference[];
  config: string;
}

/** Opens a session, waits until the kernel's own state is in, and records it. */
export async function start(options: OpenOptions): Promise<Start> {
  const session = await openSession(options);
  try {
    await session.ready;
    return {
      report: startCacheReport(session)!,
      guess: kbuildGuessOutcome(session),
      model: session.model,
      state: session.state,
      warnings: [...session.loadWarnings],
      messages: [...session.loadMessages],
      fileDifferences: session.fileDifferences(),
      config: await session.configText(),
    };
  } finally {
    await session.close();
  }
}

/** The two starts show the same menu and would write the same .config (how the caches served them aside). */
export function assertSameStart(actual: Start, expected: Start): void {
  assert.equal(actual.model.nodes.length, expected.model.nodes.length);
  assert.deepStrictEqual(actual.model, expected.model);
  assert.deepStrictEqual(actual.state, expected.state);
  assert.deepStrictEqual(actual.warnings, expected.warnings);
  assert.deepStrictEqual(actual.messages, expected.messages);
  assert.deepStrictEqual(actual.fileDifferences, expected.fileDifferences);
  assert.equal(actual.config, expected.config);
}
