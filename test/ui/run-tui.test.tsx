/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { afterEach, describe, it } from 'node:test';
import { Screen } from '../../bench/screen.js';
import { runTui } from '../../src/ui/run-tui.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN } from '../../src/ui/terminal-screen.js';
import { openDemo } from './support/tui-harness.js';

class FakeTerminal extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  output = '';
  write(data: string | Uint8Array, callback?: unknown): boolean {
    this.output += typeof data === 'string' ? data : Buffer.from(data).toString();
    if (typeof callback === 'function') setImmediate(callback as () => void);
    return true;
  }
}

/** A terminal's stdin as Ink reads it ('readable' + read()), with what was typed before. */
class FakeKeyboard extends EventEmitter {
  isTTY = true;
  private buffered: string | null = null;
  rawMode = false;
  type(data: string): void {
    this.buffered = (this.buffered ?? '') + data;
    this.emit('readable');
  }
  read(): string | null {
    const data = this.buffered;
    this.buffered = null;
    return data;
  }
  setRawMode(mode: boolean): this {
    this.rawMode = mode;
    return this;
  }
  // A real stream announces what was typed before a reader attached.
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    super.on(event, listener);
    if (event === 'readable' && this.buffered !== null) process.nextTick(() => this.emit('readable'));
    return this;
  }
  override addListener(event: string | symbol, listener: (...args: unknown[]) => void): this {
    return this.on(event, listener);
  }
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(test: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function setup() {
  const demo = await openDemo();
  cleanup = demo.close;
  const stdin = new FakeKeyboard();
  const stdout = new FakeTerminal();
  const stderr = new FakeTerminal();
  const streams = {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
  };
  return { demo, stdin, stdout, stderr, streams };
}

describe('runTui', () => {
  it('draws on the alternate screen, applies keys typed while loading, and restores the screen on quit', async () => {
    const { demo, stdin, stdout, streams } = await setup();
    // Typed before the menu was up: down from the first entry (a comment) to the fourth, and one back up.
    stdin.type('jjjj');
    stdin.type('k');
    const run = runTui(demo.session, { ...streams, env: { NO_COLOR: '1' } });
    // The cursor row as a terminal shows what was written.
    const cursorOn = (entry: string): boolean => {
      const screen = new Screen(24, 80);
      screen.feed(stdout.output);
      return screen.lines().some((line) => line.startsWith('>') && line.includes(entry));
    };
    await until(() => cursorOn('64-bit kernel'), 'the keys typed ahead applied');
    assert.ok(stdout.output.startsWith(ENTER_ALTERNATE_SCREEN), 'the alternate screen comes first');
    const before = stdout.output.length;
    stdin.type('k');
    await until(() => cursorOn('Enable loadable module support'), 'the cursor move drawn');
    // A cursor move rewrites the lines that changed, not the screen (its size in bytes is bench/'s).
    const update = stdout.output.slice(before);
    assert.doesNotMatch(update, /\x1b\[2J/);
    assert.ok(!update.includes('tuxconf  Linux'), 'the header, which did not change, is not written again');
    stdin.type('q');
    assert.equal(await run, 0);
    assert.ok(stdout.output.endsWith(LEAVE_ALTERNATE_SCREEN), 'the normal screen and the cursor are back');
    assert.equal(stdin.rawMode, false, 'raw mode is off again');
  });

  it('restores the screen and reports 143 on SIGTERM', async () => {
    const { demo, stdout, streams } = await setup();
    const handlersBefore = ['SIGTERM', 'SIGINT', 'uncaughtException', 'exit'].map((event) => process.listenerCount(event));
    const run = runTui(demo.session, streams);
    await until(() => stdout.output.includes('General setup'), 'the first frame');
    process.emit('SIGTERM', 'SIGTERM');
    assert.equal(await run, 143);
    assert.ok(stdout.output.endsWith(LEAVE_ALTERNATE_SCREEN));
    const handlersAfter = ['SIGTERM', 'SIGINT', 'uncaughtException', 'exit'].map((event) => process.listenerCount(event));
    assert.deepEqual(handlersAfter, handlersBefore, 'no handler is left behind');
  });

  it('ends with 129 when the terminal is gone: its input ends and writes fail with EIO', async () => {
    const { demo, stdin, stdout, streams } = await setup();
    const run = runTui(demo.session, streams);
    await until(() => stdout.output.includes('General setup'), 'the first frame');
    // A hung-up terminal: reading reaches the end, and every write fails with EIO, reported
    // a moment later as Node reports it. Neither may escape as an exception.
    stdout.write = (): boolean => {
      setImmediate(() => stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })));
      return true;
    };
    stdin.emit('end');
    assert.equal(await run, 129);
    // The stub reports the write errors an immediate later; none of them may escape.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  });

  it('restores the screen and prints the error when the screen crashes', async () => {
    const { demo, stdin, stdout, stderr, streams } = await setup();
    const Broken = (): never => {
      throw new Error('search view exploded');
    };
    const run = runTui(demo.session, { ...streams, searchContent: Broken });
    await until(() => stdout.output.includes('General setup'), 'the first frame');
    stdin.type('/');
    assert.equal(await run, 1);
    assert.ok(stdout.output.endsWith(LEAVE_ALTERNATE_SCREEN));
    assert.match(stderr.output, /search view exploded/);
  });
});
