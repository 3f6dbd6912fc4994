import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeInput, decodeText } from '../../src/ui/input/decode-input.js';
import { KeyAssembler, type Timer } from '../../src/ui/input/key-assembler.js';
import { charKey, keyEvent, type KeyEvent } from '../../src/ui/input/key-event.js';
import { typedRun } from '../../src/ui/input/typed-text.js';
import { fieldWindow } from '../../src/ui/text/text-field.js';

const names = (keys: KeyEvent[]): string[] =>
  keys.map((key) =>
    key.name === 'char' ? `${key.ctrl ? 'C-' : ''}${key.meta ? 'M-' : ''}${key.char}` : key.name === 'paste' ? `paste:${JSON.stringify(key.char)}` : `${key.ctrl ? 'C-' : ''}${key.name}`,
  );

function decodeAll(input: string): string[] {
  const decoded = decodeInput(input);
  if (decoded.kind === 'incomplete') return ['<incomplete>'];
  return [...names(decoded.keys), ...(decoded.rest ? decodeAll(decoded.rest) : [])];
}

describe('decodeInput', () => {
  it('decodes the keys terminals send', () => {
    assert.deepEqual(decodeAll('\x1b[A'), ['up']);
    assert.deepEqual(decodeAll('\x1bOB'), ['down']);
    assert.deepEqual(decodeAll('\x1b[5~'), ['pageup']);
    assert.deepEqual(decodeAll('\x1b[6~'), ['pagedown']);
    assert.deepEqual(decodeAll('\x1b[1~'), ['home']);
    assert.deepEqual(decodeAll('\x1b[F'), ['end']);
    assert.deepEqual(decodeAll('\x1b[4~'), ['end']);
    assert.deepEqual(decodeAll('\x1bOP'), ['f1']);
    assert.deepEqual(decodeAll('\x1b[[A'), ['f1']);
    assert.deepEqual(decodeAll('\x1b[3~'), ['delete']);
    assert.deepEqual(decodeAll('\x1b[1;5A'), ['C-up']);
    assert.deepEqual(decodeAll('\x1b[Z'), ['backtab']);
  });

  it('splits typed text into keys, with control characters as Ctrl+letter', () => {
    assert.deepEqual(names(decodeText('jjk\r')), ['j', 'j', 'k', 'return']);
    assert.deepEqual(names(decodeText('\x12\x04\x15\x03')), ['C-r', 'C-d', 'C-u', 'C-c']);
    assert.deepEqual(names(decodeText('\x7f\t')), ['backspace', 'tab']);
  });

  it('tells Esc Esc from Esc, and Alt+key from both', () => {
    assert.deepEqual(decodeAll('\x1b\x1b'), ['escape-escape']);
    assert.deepEqual(decodeAll('\x1bx'), ['M-x']);
    assert.deepEqual(decodeAll('\x1b'), ['<incomplete>']);
    assert.deepEqual(decodeAll('\x1b['), ['<incomplete>']);
    assert.deepEqual(decodeAll('\x1b[1;'), ['<incomplete>']);
  });

  it('keeps text that follows a sequence', () => {
    assert.deepEqual(decodeAll('\x1b[Bjj'), ['down', 'j', 'j']);
  });
});

/** A timer the test fires by hand. */
function manualTimer(): Timer & { fire(): void; armed(): boolean } {
  let callback: (() => void) | null = null;
  return {
    set(next) {
      callback = next;
      return 1;
    },
    clear() {
      callback = null;
    },
    fire() {
      const current = callback;
      callback = null;
      current?.();
    },
    armed: () => callback !== null,
  };
}

describe('KeyAssembler', () => {
  const setup = () => {
    const keys: KeyEvent[] = [];
    const timer = manualTimer();
    const assembler = new KeyAssembler((batch) => keys.push(...batch), timer);
    return { keys, timer, assembler };
  };

  it('joins an arrow key split after its ESC (ESC, then "[B" as text)', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b');
    assert.deepEqual(keys, [], 'a lone ESC waits');
    assert.ok(timer.armed());
    assembler.push('[B');
    assert.deepEqual(names(keys), ['down']);
    assert.equal(timer.armed(), false);
  });

  it('joins a sequence split in the middle ("\\x1b[" then "5~")', () => {
    const { keys, assembler } = setup();
    assembler.push('\x1b[');
    assembler.push('5~');
    assert.deepEqual(names(keys), ['pageup']);
  });

  it('reports a lone ESC once nothing follows it', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b');
    timer.fire();
    assert.deepEqual(names(keys), ['escape']);
  });

  it('makes two ESCs in a row Esc Esc, and a letter after ESC a plain Esc then the letter', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b');
    assembler.push('\x1b');
    assert.deepEqual(names(keys), ['escape-escape']);
    assembler.push('\x1b');
    assembler.push('j');
    assert.deepEqual(names(keys), ['escape-escape', 'escape', 'j']);
    assert.equal(timer.armed(), false);
  });

  it('takes the rest of an arrow key arriving after its lone ESC was reported (a slow link) for the key, not text', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b');
    timer.fire();
    assert.deepEqual(names(keys), ['escape']);
    assembler.push('[B');
    assert.deepEqual(names(keys), ['escape', 'down'], 'not "[" and "B" (which opens the build view)');
    assembler.push('\x1b');
    timer.fire();
    assembler.push('[1;5C');
    assert.deepEqual(names(keys).slice(2), ['escape', 'C-right']);
  });

  it('types text after a lone Esc as text, and a late tail only just after it', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b');
    timer.fire();
    assembler.push('q');
    assembler.push('[B');
    assert.deepEqual(names(keys), ['escape', 'q', '[', 'B'], 'only the first read after the Escape can end its sequence');
    assembler.push('\x1b');
    timer.fire();
    timer.fire();
    assembler.push('[B');
    assert.deepEqual(names(keys).slice(4), ['escape', '[', 'B'], 'after LATE_SEQUENCE_MS it is text');
  });

  it('passes whole sequences and text straight through', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b[A');
    assembler.push('y');
    assembler.push('\x1b\x1b');
    assert.deepEqual(names(keys), ['up', 'y', 'escape-escape']);
    assert.equal(timer.armed(), false);
  });
});

describe('KeyAssembler with bracketed paste', () => {
  const setup = () => {
    const batches: KeyEvent[][] = [];
    const timer = manualTimer();
    const assembler = new KeyAssembler((batch) => batches.push(batch), timer);
    return { batches, timer, assembler, keys: () => batches.flat() };
  };

  it('makes pasted text one key, newlines and escape sequences included, and decodes what follows', () => {
    const { keys, assembler } = setup();
    // Ink hands the read over as pieces: the marker, text, a sequence, more text, the end marker and a key.
    for (const piece of ['\x1b[200~', 'line one\rline two ', '\x1b[31m', 'red\x1b]0;title\x07', '\x1b[201~', 'j']) assembler.push(piece);
    assert.deepEqual(names(keys()), [`paste:${JSON.stringify('line one\nline two \x1b[31mred\x1b]0;title\x07')}`, 'j'], 'a pasted CR is a line break');
  });

  it('finds the end marker when its bytes arrive apart', () => {
    const { keys, assembler } = setup();
    assembler.push('\x1b[200~abc\x1b');
    assembler.push('[20');
    assembler.push('1~\x1b[B');
    assert.deepEqual(names(keys()), ['paste:"abc"', 'down']);
  });

  it('ends a paste whose end marker never comes after a quiet moment', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b[200~half a paste');
    assert.deepEqual(keys(), []);
    timer.fire();
    assert.deepEqual(names(keys()), ['paste:"half a paste"']);
    assembler.push('q');
    assert.deepEqual(names(keys()).at(-1), 'q', 'keys are keys again');
  });

  it('hands over everything decoded from one read as one batch', () => {
    const { batches, assembler } = setup();
    assembler.push('abc\rdef');
    assert.equal(batches.length, 1);
    assert.deepEqual(names(batches[0]!), ['a', 'b', 'c', 'return', 'd', 'e', 'f']);
  });
});

describe('typedRun', () => {
  const keysOf = (text: string): KeyEvent[] => Array.from(text, (char) => (char === '\r' ? keyEvent('return') : char === '\t' ? keyEvent('tab') : charKey(char)));

  it('joins characters read together into one paste key', () => {
    assert.deepEqual(typedRun(keysOf('e1000e'), 0), { key: keyEvent('paste', { char: 'e1000e' }), next: 6 });
  });

  it('leaves a single typed character a key of its own', () => {
    assert.equal(typedRun(keysOf('j'), 0), null);
    assert.equal(typedRun([keyEvent('return')], 0), null);
    assert.equal(typedRun([keyEvent('down'), charKey('a')], 0), null);
  });

  it('takes an Enter or Tab with text after it as part of the text: the first line of a paste never submits', () => {
    assert.deepEqual(typedRun(keysOf('-a\rCONFIG_MODULES=n'), 0)?.key.char, '-a\nCONFIG_MODULES=n');
    assert.deepEqual(typedRun(keysOf('a\tb\r\rc'), 0)?.key.char, 'a\tb\n\nc');
  });

  it('leaves an Enter after the last character a key: typing fast and pressing Enter still submits', () => {
    const keys = keysOf('16\r');
    assert.deepEqual(typedRun(keys, 0), { key: keyEvent('paste', { char: '16' }), next: 2 });
    assert.equal(keys[2]?.name, 'return');
  });

  it('stops at a key that is not text', () => {
    const keys = [...keysOf('ab'), charKey('u', { ctrl: true }), ...keysOf('cd')];
    assert.deepEqual(typedRun(keys, 0), { key: keyEvent('paste', { char: 'ab' }), next: 2 });
    assert.deepEqual(typedRun(keys, 3)?.key.char, 'cd');
  });
});

describe('fieldWindow', () => {
  it('shows control characters escaped, never raw', () => {
    const shown = fieldWindow({ text: 'a\nb\x1b]0;x\x07\x00', caret: 12 }, 40);
    assert.equal(shown.before + shown.atCaret + shown.after, 'a\\nb\\e]0;x\\x07\\x00');
    assert.doesNotMatch(shown.before + shown.atCaret + shown.after, /[\x00-\x1f]/);
  });

  it('keeps the caret in view in a long text, within the room given', () => {
    const text = 'x'.repeat(300) + '\n' + 'y'.repeat(5);
    const end = fieldWindow({ text, caret: text.length }, 20);
    assert.equal(end.atCaret, '');
    assert.ok(end.before.endsWith('\\nyyyyy'));
    assert.ok(end.before.length <= 19);
    const middle = fieldWindow({ text, caret: 300 }, 20);
    assert.equal(middle.atCaret, '\\n', 'the caret on a newline marks its escape');
    assert.ok(middle.before.length + middle.atCaret.length + middle.after.length <= 20);
  });
});
