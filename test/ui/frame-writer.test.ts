import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { FrameWriter, frameUpdate } from '../../src/ui/frame-writer.js';

describe('frameUpdate', () => {
  it('draws a first frame in full, at absolute positions', () => {
    assert.equal(frameUpdate([], ['a', '', 'c'], true), '\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K');
  });

  it('rewrites only the lines that changed, and clears lines a shorter frame no longer has', () => {
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'B', 'c'], false), '\x1b[2;1HB\x1b[0m\x1b[K');
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'b'], false), '\x1b[3;1H\x1b[0m\x1b[K');
    assert.equal(frameUpdate(['a'], ['a'], false), '');
  });
});

class FakeTerminal extends EventEmitter {
  columns = 80;
  rows = 24;
  written: string[] = [];
  write(data: string): boolean {
    this.written.push(data);
    return true;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('FrameWriter', () => {
  it('coalesces frames of one turn, sends differences, and redraws in full after a resize', async () => {
    const terminal = new FakeTerminal();
    const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
    const resized: number[] = [];
    writer.on('resize', () => resized.push(writer.rows));
    writer.write('one\ntwo');
    writer.write('one\nTWO');
    await tick();
    assert.deepEqual(terminal.written, ['\x1b[H\x1b[2J\x1b[1;1Hone\x1b[0m\x1b[K\x1b[2;1HTWO\x1b[0m\x1b[K']);
    writer.write('ONE\nTWO');
    await tick();
    assert.equal(terminal.written[1], '\x1b[1;1HONE\x1b[0m\x1b[K');
    terminal.rows = 30;
    terminal.emit('resize');
    assert.deepEqual(resized, [30], 'Ink and the App hear the resize through the writer');
    writer.write('ONE\nTWO');
    await tick();
    assert.match(terminal.written[2] ?? '', /^\x1b\[H\x1b\[2J/, 'the same frame is drawn again in full');
    assert.equal(writer.bytesWritten, terminal.written.join('').length);
    writer.dispose();
    writer.write('late');
    await tick();
    assert.equal(terminal.written.length, 3, 'nothing is written after dispose');
  });
});
