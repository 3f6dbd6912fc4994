import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeInput, decodeText } from '../../src/ui/input/decode-input.js';
import { KeyAssembler, type Timer } from '../../src/ui/input/key-assembler.js';
import type { KeyEvent } from '../../src/ui/input/key-event.js';

const names = (keys: KeyEvent[]): string[] =>
  keys.map((key) => (key.name === 'char' ? `${key.ctrl ? 'C-' : ''}${key.meta ? 'M-' : ''}${key.char}` : `${key.ctrl ? 'C-' : ''}${key.name}`));

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
    const assembler = new KeyAssembler((key) => keys.push(key), timer);
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

  it('passes whole sequences and text straight through', () => {
    const { keys, timer, assembler } = setup();
    assembler.push('\x1b[A');
    assembler.push('y');
    assembler.push('\x1b\x1b');
    assert.deepEqual(names(keys), ['up', 'y', 'escape-escape']);
    assert.equal(timer.armed(), false);
  });
});
