import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Screen } from '../../bench/screen.js';
import { FrameWriter, frameUpdate, withoutStrayControls } from '../../src/ui/frame-writer.js';

describe('frameUpdate', () => {
  it('draws a first frame in full, at absolute positions', () => {
    assert.equal(frameUpdate([], ['a', '', 'c'], true), '\x1b[?25l\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K');
  });

  it('rewrites only the lines that changed, and clears lines a shorter frame no longer has', () => {
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'B', 'c'], false), '\x1b[2;1HB');
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'b'], false), '\x1b[3;1H\x1b[K');
    assert.equal(frameUpdate(['a'], ['a'], false), '');
  });

  it('writes only the changed cells of a line, with the style they need', () => {
    const before = '\x1b[7m Device Drivers      2/119 \x1b[27m';
    const after = '\x1b[7m Device Drivers      3/119 \x1b[27m';
    assert.equal(frameUpdate([before], [after], false), '\x1b[1;22H\x1b[7m3\x1b[0m');
  });

  it('scrolls a block of lines that moved, then draws the line that came in', () => {
    const previous = ['head', 'e1', 'e2', 'e3', 'e4', 'e5', 'foot'];
    const next = ['head', 'e2', 'e3', 'e4', 'e5', 'e6', 'foot'];
    assert.equal(frameUpdate(previous, next, false), '\x1b[0m\x1b[2;6r\x1b[6;1H\n\x1b[r\x1b[6;1He6');
  });

  it('turns any screen into the next frame, as a terminal shows it (property)', () => {
    const piece = fc.constantFrom('a', 'b', ' ', '-', '─', '⏎', '界', '\x1b[1m', '\x1b[7m', '\x1b[36m', '\x1b[22m', '\x1b[27m', '\x1b[39m', '\x1b[0m');
    const line = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(''));
    const lines = fc.array(line, { maxLength: 8 });
    // Frames often differ by a scroll: the next frame is the previous one moved, with edits.
    const frames = fc
      .tuple(lines, fc.integer({ min: -3, max: 3 }), fc.array(fc.tuple(fc.nat(7), line), { maxLength: 3 }), fc.nat(8))
      .map(([first, by, edits, length]) => {
        const moved = first.map((_, index) => first[index + by] ?? '');
        for (const [index, text] of edits) if (index < moved.length) moved[index] = text;
        return [first, moved.slice(0, Math.max(length, 0))] as const;
      });
    fc.assert(
      fc.property(frames, ([previous, next]) => {
        const updated = new Screen(8, 12);
        updated.feed(frameUpdate([], previous, true));
        updated.feed(frameUpdate(previous, next, false));
        const drawn = new Screen(8, 12);
        drawn.feed(frameUpdate([], next, true));
        assert.equal(updated.snapshot(), drawn.snapshot());
      }),
      { numRuns: 2000 },
    );
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
    assert.deepEqual(terminal.written, ['\x1b[?25l\x1b[H\x1b[2J\x1b[1;1Hone\x1b[0m\x1b[K\x1b[2;1HTWO\x1b[0m\x1b[K']);
    writer.write('ONE\nTWO');
    await tick();
    assert.equal(terminal.written[1], '\x1b[1;1HONE');
    terminal.rows = 30;
    terminal.emit('resize');
    assert.deepEqual(resized, [30], 'Ink and the App hear the resize through the writer');
    writer.write('ONE\nTWO');
    await tick();
    assert.match(terminal.written[2] ?? '', /^\x1b\[\?25l\x1b\[H\x1b\[2J/, 'the same frame is drawn again in full');
    assert.equal(writer.bytesWritten, terminal.written.join('').length);
    writer.dispose();
    writer.write('late');
    await tick();
    assert.equal(terminal.written.length, 3, 'nothing is written after dispose');
  });
});

/** A frame of `rows` lines, each `columns` wide: line i starts with its number. */
function frameOf(columns: number, rows: number, tag: string): string {
  return Array.from({ length: rows }, (_, index) => `${tag}${index}`.padEnd(columns, '.')).join('\n');
}

describe('FrameWriter after a resize', () => {
  it("never draws Ink's redraw of the old layout, and draws the App's frame for the new size in full", async () => {
    const terminal = new FakeTerminal();
    terminal.columns = 100;
    terminal.rows = 30;
    const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
    writer.write(frameOf(100, 29, 'old'));
    await tick();
    assert.equal(terminal.written.length, 1);
    // Ink listens for resize on the writer and at once writes its last output again, laid out for 100x30.
    writer.on('resize', () => writer.write(frameOf(100, 29, 'old')));
    terminal.columns = 80;
    terminal.rows = 24;
    terminal.emit('resize');
    await tick();
    assert.equal(terminal.written.length, 1, 'a frame wider and taller than the terminal is not sent: the terminal would wrap and clamp it');
    writer.write(frameOf(80, 23, 'new'));
    await tick();
    const update = terminal.written[1] ?? '';
    assert.match(update, /^\x1b\[\?25l\x1b\[H\x1b\[2J/, 'the first frame at the new size clears the screen');
    for (let row = 0; row < 23; row++) assert.ok(update.includes(`\x1b[${row + 1};1Hnew${row}`), `row ${row + 1} is drawn`);
    assert.doesNotMatch(update, /old/);
    writer.write(frameOf(80, 23, 'new').replace('new5.', 'NEW5.'));
    await tick();
    assert.equal(terminal.written[2], `\x1b[6;1HNEW`, 'later frames are differences again');
    writer.dispose();
  });

  it('draws the last frame again in full when the size came back before anything rendered', async () => {
    const terminal = new FakeTerminal();
    const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
    writer.write(frameOf(80, 23, 'f'));
    await tick();
    terminal.emit('resize');
    for (const deadline = Date.now() + 5000; terminal.written.length < 2 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(terminal.written.length, 2);
    assert.match(terminal.written[1] ?? '', /^\x1b\[\?25l\x1b\[H\x1b\[2J/);
    assert.ok(terminal.written[1]?.includes('\x1b[23;1Hf22'));
    writer.dispose();
  });
});

describe('FrameWriter.repaint (Ctrl-L)', () => {
  it('clears the terminal and sends every line of the current frame again', async () => {
    const terminal = new FakeTerminal();
    const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
    writer.write('a\nb\nc');
    await tick();
    writer.write('a\nB\nc');
    await tick();
    assert.equal(terminal.written[1], '\x1b[2;1HB');
    writer.repaint();
    await tick();
    assert.equal(terminal.written[2], '\x1b[?25l\x1b[H\x1b[2J\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1HB\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K');
    writer.dispose();
  });
});

describe('withoutStrayControls', () => {
  it("keeps Ink's colours and drops every other control character", () => {
    assert.equal(withoutStrayControls('\x1b[1mbold\x1b[22m plain'), '\x1b[1mbold\x1b[22m plain');
    assert.equal(withoutStrayControls('a\x1b]0;title\x07b'), 'a]0;titleb', 'a window title (OSC) never reaches the terminal');
    assert.equal(withoutStrayControls('x\x1b]52;c;aGk=\x1b\\y'), 'x]52;c;aGk=\\y', 'nor a clipboard write');
    assert.equal(withoutStrayControls('\x1b[2mq\x9b2Jr\x1b[22m'), '\x1b[2mq2Jr\x1b[22m', 'nor a C1 control sequence');
    assert.equal(withoutStrayControls('line\rover\x08'), 'lineover');
  });

  it('is applied to every frame line the writer sends', async () => {
    const terminal = new FakeTerminal();
    const writer = new FrameWriter(terminal as unknown as NodeJS.WriteStream);
    writer.write('ok\nvalue \x1b[2J\x1b]0;pwned\x07');
    await tick();
    assert.doesNotMatch(terminal.written.join('').replace(/^\x1b\[\?25l\x1b\[H\x1b\[2J/, ''), /\x1b\[2J|\x1b\]|\x07/);
    writer.dispose();
  });
});
