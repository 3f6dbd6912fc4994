import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyBytes, pasteBytes, Screen } from '../../bench/screen.js';

describe('the terminal model', () => {
  it('places text by cursor addressing and erases to the end of the line', () => {
    const screen = new Screen(4, 20);
    screen.feed('\x1b[2;3Hhello world\x1b[2;9H\x1b[K');
    assert.equal(screen.line(1), '  hello');
    assert.deepEqual([screen.row, screen.col], [1, 8]);
  });

  it('keeps an escape sequence cut between two chunks', () => {
    const screen = new Screen(4, 20);
    screen.feed(Buffer.from('\x1b[3'));
    screen.feed(Buffer.from(';5Hx'));
    assert.equal(screen.line(2), '    x');
  });

  it('decodes UTF-8 split between chunks', () => {
    const screen = new Screen(2, 10);
    const bytes = Buffer.from('─x');
    screen.feed(bytes.subarray(0, 1));
    screen.feed(bytes.subarray(1));
    assert.equal(screen.line(0), '─x');
  });

  it("draws the DEC line-drawing set as ncurses uses it for menuconfig's boxes", () => {
    const screen = new Screen(2, 10);
    screen.feed('\x1b(0lqqk\x1b(B ok');
    assert.equal(screen.line(0), '┌──┐ ok');
  });

  it('leaves the last column alone when a full-width line is followed by an erase', () => {
    const screen = new Screen(2, 5);
    screen.feed('\x1b[1;1Habcde\x1b[0m\x1b[K');
    assert.equal(screen.line(0), 'abcde');
  });

  it('scrolls inside a scroll region and back with reverse index', () => {
    const screen = new Screen(4, 5);
    screen.feed('\x1b[1;1Ha\x1b[2;1Hb\x1b[3;1Hc\x1b[4;1Hd');
    screen.feed('\x1b[2;3r\x1b[3;1H\n');
    assert.deepEqual(screen.lines(), ['a', 'c', '', 'd']);
    screen.feed('\x1b[2;1H\x1bM');
    assert.deepEqual(screen.lines(), ['a', '', 'c', 'd']);
  });

  it('tells a highlighted row by its colours', () => {
    const screen = new Screen(2, 10);
    screen.feed('\x1b[1;1H\x1b[37m\x1b[44mselected\x1b[0m\x1b[2;1Hplain');
    assert.ok([...screen.styles(0)].some((style) => style.endsWith('/44')));
    assert.ok(![...screen.styles(1)].some((style) => style.endsWith('/44')));
  });

  it('sends arrows and pastes in the modes the program asked for', () => {
    const screen = new Screen();
    assert.equal(keyBytes('down', screen), '\x1b[B');
    assert.equal(pasteBytes('abc', screen), 'abc');
    screen.feed('\x1b[?1h\x1b=\x1b[?2004h');
    assert.equal(keyBytes('down', screen), '\x1bOB');
    assert.equal(keyBytes('up', screen), '\x1bOA');
    assert.equal(pasteBytes('abc', screen), '\x1b[200~abc\x1b[201~');
    screen.feed('\x1b[?1l\x1b[?2004l');
    assert.equal(keyBytes('down', screen), '\x1b[B');
  });

  it('starts the alternate screen blank', () => {
    const screen = new Screen(2, 10);
    screen.feed('shell$');
    screen.feed('\x1b[?1049h');
    assert.equal(screen.text(), '\n');
  });
});
