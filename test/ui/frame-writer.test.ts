import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Screen } from '../../bench/screen.js';
import { FrameWriter, frameUpdate, practiseFrameUpdates, withoutStrayControls } from '../../src/ui/frame-writer.js';
import { applySgr, penChange, PLAIN, type Pen } from '../../src/ui/terminal-pen.js';

describe('frameUpdate', () => {
  it('draws a first frame in full after clearing the screen with plain colours', () => {
    assert.equal(frameUpdate([], ['a', '', 'c'], true), '\x1b[m\x1b[?25l\x1b[H\x1b[2J\x1b[Ha\x1b[3Hc');
  });

  it('rewrites only the lines that changed, and clears lines a shorter frame no longer has', () => {
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'B', 'c'], false), '\x1b[2HB');
    assert.equal(frameUpdate(['a', 'b', 'c'], ['a', 'b'], false), '\x1b[3H ', 'one cell is cheaper to overwrite than to erase');
    assert.equal(frameUpdate(['a', 'b', 'long line'], ['a', 'b'], false), '\x1b[3H\x1b[K');
    assert.equal(frameUpdate(['a'], ['a'], false), '');
  });

  it('writes only the changed cells of a line, with the style they need, and ends with plain colours', () => {
    const before = '\x1b[7m Device Drivers      2/119 \x1b[27m';
    const after = '\x1b[7m Device Drivers      3/119 \x1b[27m';
    assert.equal(frameUpdate([before], [after], false), '\x1b[1;22H\x1b[7m3\x1b[m');
  });

  it('jumps over unchanged cells where that is shorter than writing them, and erases a blank tail', () => {
    assert.equal(frameUpdate(['a = 1  more text here  b = 2'], ['a = 3  more text here  b = 4'], false), '\x1b[1;5H3\x1b[22C4');
    assert.equal(frameUpdate(['abcdefgh'], ['abXdeYgh'], false), '\x1b[1;3HXdeY', 'two unchanged cells are written rather than jumped');
    assert.equal(frameUpdate(['name  bool = y  drivers/Kconfig:12'], ['na  tristate'], false), '\x1b[1;3H  tristate\x1b[K');
  });

  it('goes on to the next line with NEL (2 bytes, whatever ONLCR does), and sets colours once for what follows', () => {
    assert.equal(frameUpdate(['x', 'one', 'two'], ['x', '\x1b[1mONE\x1b[22m', '\x1b[1mTWO\x1b[22m'], false), '\x1b[2H\x1b[1mONE\x1bETWO\x1b[m');
    assert.equal(frameUpdate(['1234', 'abcd'], ['12', 'xbcd'], false), '\x1b[1;3H  \x1bEx', 'NEL from the middle of a line');
    // The next line's unchanged margin is written again when that is shorter than jumping it (1 byte against 3)...
    assert.equal(frameUpdate(['ab', ' cd'], ['aB', ' CD'], false), '\x1b[1;2HB\x1bE CD');
    // ...and jumped when writing it needs colours set and reset.
    assert.equal(frameUpdate(['ab', '\x1b[7m \x1b[27mcd'], ['aB', '\x1b[7m \x1b[27mCD'], false), '\x1b[1;2HB\x1bE\x1b[CCD');
  });

  it('compares cells by how they look: a bold or coloured space is an empty cell, an inverse one is not', () => {
    assert.equal(frameUpdate(['\x1b[1mtitle   \x1b[22m'], ['\x1b[1mtitle\x1b[22m'], false), '');
    assert.equal(frameUpdate(['\x1b[1mtitle\x1b[22m       x'], ['\x1b[1mtitle\x1b[22m'], false), '\x1b[1;6H\x1b[K');
    assert.equal(frameUpdate(['\x1b[7mtitle   \x1b[27m'], ['\x1b[7mtitle\x1b[27m'], false), '\x1b[1;6H   ');
    assert.equal(frameUpdate(['\x1b[1m\x1b[22mab'], ['ab'], false), '', 'the same look from other sequences');
    assert.equal(frameUpdate(['\x1b[1mA B\x1b[22m'], ['\x1b[1mA_B\x1b[22m'], false), '\x1b[1;2H\x1b[1m_\x1b[m');
  });

  it('writes a line with a character of unknown width whole, and moves absolutely after it', () => {
    assert.equal(frameUpdate(['ab', 'cd'], ['a界', 'cD'], false), '\x1b[H\x1b[Ka界\x1b[m\x1b[2;2HD');
  });

  it('scrolls a block of lines that moved, then draws the line that came in', () => {
    const previous = ['head', 'e1', 'e2', 'e3', 'e4', 'e5', 'foot'];
    const next = ['head', 'e2', 'e3', 'e4', 'e5', 'e6', 'foot'];
    assert.equal(frameUpdate(previous, next, false), '\x1b[2;6r\x1b[6H\n\x1b[r\x1b[6He6');
  });

  it('turns any screen into the next frame, as a terminal shows it (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      ' ',
      ' ',
      '-',
      '─',
      '⏎',
      '界',
      '\x1b[1m',
      '\x1b[7m',
      '\x1b[36m',
      '\x1b[22m',
      '\x1b[27m',
      '\x1b[39m',
      '\x1b[0m',
      '\x1b[m',
      '\x1b[4m',
      '\x1b[24m',
      '\x1b[41m',
      '\x1b[49m',
      '\x1b[1;7;36m',
      '\x1b[38;5;12m',
      '\x1b[2m',
    );
    // Lines that fit the 12 columns of the screen (the writer never sends wider ones), some filling it.
    const line = fc.array(piece, { maxLength: 16 }).map((parts) => {
      let width = 0;
      return parts.filter((part) => part.startsWith('\x1b') || (width += part === '界' ? 2 : 1) <= 12).join('');
    });
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
        // tmux and VTE, and xterm (which erases the last column when a full line is followed by an erase).
        for (const lastColumnErases of [false, true]) {
          const updated = new Screen(8, 12, { lastColumnErases });
          updated.feed(frameUpdate([], previous, true));
          updated.feed(frameUpdate(previous, next, false));
          const drawn = new Screen(8, 12, { lastColumnErases });
          drawn.feed(frameUpdate([], next, true));
          assert.equal(looks(updated), looks(drawn));
        }
      }),
      { numRuns: 3000 },
    );
  });
});

/** What a screen shows: each cell's character and style, a space with nothing drawn on it (no inverse, underline or background) as a plain space. */
function looks(screen: Screen): string {
  const rows: string[] = [];
  for (let row = 0; row < screen.rows; row++) {
    const cells: string[] = [];
    for (let col = 0; col < screen.cols; col++) {
      const cell = screen.cell(row, col)!;
      const [flags = '', , bg = ''] = cell.style.split('/');
      const blank = cell.char === ' ' && !flags.includes('r') && !flags.includes('u') && bg === '';
      cells.push(blank ? ' ' : `${cell.char}\u0001${cell.style}`);
    }
    rows.push(cells.join('\u0002'));
  }
  return rows.join('\n');
}

describe('pens (SGR state)', () => {
  const sgr = fc
    .array(
      fc.constantFrom(
        '0',
        '1',
        '2',
        '3',
        '4',
        '7',
        '9',
        '22',
        '23',
        '24',
        '27',
        '29',
        '31',
        '36',
        '39',
        '41',
        '49',
        '92',
        '104',
        '38;5;200',
        '48;2;1;2;3',
        '53',
        '55',
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((codes) => codes.join(';'));
  const penOf = (sequences: string[]): Pen => sequences.reduce<Pen>((pen, parameters) => applySgr(pen, parameters)!, PLAIN);

  it('goes from any pen to any other with one sequence that gives exactly that pen', () => {
    fc.assert(
      fc.property(fc.array(sgr, { maxLength: 4 }), fc.array(sgr, { maxLength: 4 }), (a, b) => {
        const from = penOf(a);
        const to = penOf(b);
        const change = penChange(from, to);
        if (from === to) return assert.equal(change, '');
        const parameters = /^\x1b\[([0-9;:]*)m$/.exec(change)?.[1];
        assert.notEqual(parameters, undefined, JSON.stringify(change));
        assert.equal(applySgr(from, parameters!), to);
        // A terminal agrees: the change after `from` looks like `to` drawn from a reset.
        const screen = new Screen(1, 4);
        screen.feed(`${a.map((parameters) => `\x1b[${parameters}m`).join('')}${change}x`);
        const reference = new Screen(1, 4);
        reference.feed(`\x1b[0m${b.map((parameters) => `\x1b[${parameters}m`).join('')}x`);
        assert.equal(screen.cell(0, 0)!.style, reference.cell(0, 0)!.style);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows the plain pen however it is reached, and refuses what it does not model', () => {
    assert.equal(applySgr(applySgr(PLAIN, '1;7;36')!, '22;27;39'), PLAIN);
    assert.equal(applySgr(PLAIN, ''), PLAIN);
    assert.equal(penChange(applySgr(PLAIN, '1;7;36')!, PLAIN), '\x1b[m');
    assert.equal(penChange(applySgr(PLAIN, '7')!, applySgr(PLAIN, '1')!), '\x1b[0;1m');
    assert.equal(applySgr(PLAIN, '4:3'), null, 'a curly underline: the line is written as it is');
    assert.equal(applySgr(PLAIN, '38;5'), null);
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
    assert.deepEqual(terminal.written, ['\x1b[m\x1b[?25l\x1b[H\x1b[2J\x1b[Hone\x1bETWO']);
    writer.write('ONE\nTWO');
    await tick();
    assert.equal(terminal.written[1], '\x1b[HONE');
    terminal.rows = 30;
    terminal.emit('resize');
    assert.deepEqual(resized, [30], 'Ink and the App hear the resize through the writer');
    writer.write('ONE\nTWO');
    await tick();
    assert.match(terminal.written[2] ?? '', /^\x1b\[m\x1b\[\?25l\x1b\[H\x1b\[2J/, 'the same frame is drawn again in full');
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
    assert.match(update, /^\x1b\[m\x1b\[\?25l\x1b\[H\x1b\[2J/, 'the first frame at the new size clears the screen');
    const screen = new Screen(24, 80);
    screen.feed(update);
    for (let row = 0; row < 23; row++) assert.ok(screen.line(row).startsWith(`new${row}.`), `row ${row + 1} is drawn`);
    assert.doesNotMatch(update, /old/);
    writer.write(frameOf(80, 23, 'new').replace('new5.', 'NEW5.'));
    await tick();
    assert.equal(terminal.written[2], `\x1b[6HNEW`, 'later frames are differences again');
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
    assert.match(terminal.written[1] ?? '', /^\x1b\[m\x1b\[\?25l\x1b\[H\x1b\[2J/);
    const screen = new Screen(24, 80);
    screen.feed(terminal.written[1] ?? '');
    assert.ok(screen.line(22).startsWith('f22.'));
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
    assert.equal(terminal.written[1], '\x1b[2HB');
    writer.repaint();
    await tick();
    assert.equal(terminal.written[2], '\x1b[m\x1b[?25l\x1b[H\x1b[2J\x1b[Ha\x1bEB\x1bEc');
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
    assert.doesNotMatch(terminal.written.join('').replace(/^\x1b\[m\x1b\[\?25l\x1b\[H\x1b\[2J/, ''), /\x1b\[2J|\x1b\]|\x07/);
    writer.dispose();
  });
});

describe('practiseFrameUpdates', () => {
  const lines = Array.from({ length: 30 }, (_, index) => `\x1b[1m${index}\x1b[22m entry ${'x'.repeat(index)}  \x1b[7mmarked\x1b[27m`);

  it('computes updates for practice without changing what an update is', async () => {
    const previous = lines.slice(0, 24);
    const next = lines.slice(6, 30);
    const before = frameUpdate(previous, next, false);
    await practiseFrameUpdates(lines, 50);
    assert.equal(frameUpdate(previous, next, false), before);
    const screen = new Screen(24, 80);
    screen.feed(Buffer.from(frameUpdate([], previous, true)));
    screen.feed(Buffer.from(before));
    assert.deepEqual(
      screen.lines(),
      next.map((line) => withoutSgr(line).trimEnd()),
    );
  });

  it('stops when aborted, and has nothing to practise with fewer than two lines', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(practiseFrameUpdates(lines, 10, controller.signal), { name: 'AbortError' });
    await practiseFrameUpdates(lines.slice(0, 1), 10, controller.signal);
  });
});

function withoutSgr(line: string): string {
  return line.replace(/\x1b\[[0-9;]*m/g, '');
}
