import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { TypeAhead } from '../../src/cli/type-ahead.js';

/** A terminal's stdin: a real stream, with the raw-mode switch a tty has. */
function keyboard() {
  const stream = new PassThrough() as PassThrough & { rawMode: boolean; setRawMode(mode: boolean): unknown; unref(): void };
  stream.rawMode = false;
  stream.setRawMode = (mode: boolean) => (stream.rawMode = mode);
  stream.unref = () => {};
  return stream;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What a reader that attaches now (as Ink does, with 'readable') reads. */
async function readAll(stream: PassThrough): Promise<string> {
  let text = '';
  const onReadable = (): void => {
    for (let chunk = stream.read() as Buffer | null; chunk !== null; chunk = stream.read() as Buffer | null) text += chunk.toString();
  };
  stream.on('readable', onReadable);
  await turn();
  await turn();
  stream.off('readable', onReadable);
  return text;
}

describe('TypeAhead', () => {
  it('keeps what is typed before and while loading, in order, and hands it to the next reader', async () => {
    const stdin = keyboard();
    stdin.write('j');
    const typeAhead = new TypeAhead(stdin as unknown as NodeJS.ReadStream, () => assert.fail('no Ctrl-C was typed'));
    assert.equal(stdin.rawMode, true, 'raw mode at once: nothing echoed, no line editing');
    await turn();
    stdin.write('\x1b[B');
    await turn();
    stdin.write('y/e1000');
    typeAhead.handOver();
    stdin.write('\r');
    assert.equal(await readAll(stdin), 'j\x1b[By/e1000\r');
    typeAhead.release();
    assert.equal(stdin.rawMode, true, 'after the hand-over the menu owns the terminal mode');
  });

  it('takes a Ctrl-C typed while loading as an interrupt', async () => {
    const stdin = keyboard();
    let interrupts = 0;
    const typeAhead = new TypeAhead(stdin as unknown as NodeJS.ReadStream, () => interrupts++);
    stdin.write('jj\x03');
    await turn();
    assert.equal(interrupts, 1);
    typeAhead.release();
    assert.equal(stdin.rawMode, false, 'the terminal is back in its normal mode');
    stdin.write('x');
    assert.equal(await readAll(stdin), 'x', 'what was typed before the release is dropped, not handed to anything');
  });

  it('is not ended by a terminal that hung up while loading (reads and the mode switch fail with EIO)', () => {
    const stdin = keyboard();
    stdin.setRawMode = (mode: boolean) => {
      stdin.rawMode = mode;
      if (!mode) stdin.emit('error', Object.assign(new Error('setRawMode EIO'), { code: 'EIO' }));
    };
    const typeAhead = new TypeAhead(stdin as unknown as NodeJS.ReadStream, () => {});
    stdin.emit('error', Object.assign(new Error('read EIO'), { code: 'EIO' }));
    typeAhead.release();
    assert.equal(stdin.listenerCount('error'), 0, 'nothing of it is left on stdin');
  });
});
