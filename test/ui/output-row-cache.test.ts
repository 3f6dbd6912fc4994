import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { installOutputRowCache, practiseRowFormatting } from '../../src/ui/output-row-cache.js';

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = (new (options: { width: number; height: number }) => InkOutput) & { prototype: InkOutput };

const { default: Output } = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as { default: OutputClass };
const inkGet = Output.prototype.get;
await installOutputRowCache();

const piece = fc.constantFrom(
  'a',
  'Z',
  ' ',
  '-',
  '─',
  '│',
  '…',
  '⏎',
  '界',
  'é',
  '\x1b[1m',
  '\x1b[7m',
  '\x1b[22m',
  '\x1b[27m',
  '\x1b[31m',
  '\x1b[39m',
  '\x1b[0m',
  '\n',
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const write = fc.record({ x: fc.integer({ min: 0, max: 12 }), y: fc.integer({ min: 0, max: 6 }), text, upper: fc.boolean() });
const upper = (line: string): string => line.toUpperCase();
const numbered = (line: string, index: number): string => `${index}${line}`;

describe('the output row cache', () => {
  it("gives, frame after frame, exactly the text Ink's own Output gives for the same writes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(write, { maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        (frames, width, height) => {
          for (const writes of frames) {
            const patched = new Output({ width, height });
            const original = new Output({ width, height });
            for (const { x, y, text: written, upper: transform } of writes) {
              const transformers = transform ? [upper, numbered] : [];
              patched.write(x, y, written, { transformers });
              original.write(x, y, written, { transformers });
            }
            assert.deepEqual(patched.get(), inkGet.call(original));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("leaves a frame that clips to Ink's own code", () => {
    const patched = new Output({ width: 10, height: 3 });
    const original = new Output({ width: 10, height: 3 });
    for (const output of [patched, original]) {
      output.clip({ x1: 2, x2: 6, y1: 0, y2: 2 });
      output.write(0, 0, 'abcdefghij\nklmnopqrst\nuvwxyz', { transformers: [] });
      output.unclip();
    }
    assert.deepEqual(patched.get(), inkGet.call(original));
    assert.equal(patched.get().output, '  cdef\n  mnop\n', 'clipped as Ink clips');
  });

  it('practises formatting rows it has seen, and frames still give what Ink gives', async () => {
    const frame = (output: InkOutput): void => {
      output.write(0, 0, '\x1b[1m>E1000E=m\x1b[22m  Intel(R) PRO/1000 PCIe', { transformers: [] });
      output.write(0, 1, '\x1b[2m    Device Drivers > … > Intel devices\x1b[22m', { transformers: [] });
      output.write(3, 2, '\x1b[7mcaret\x1b[27m 界', { transformers: [] });
    };
    const first = new Output({ width: 40, height: 3 });
    frame(first);
    const before = first.get();
    await practiseRowFormatting(500);
    const again = new Output({ width: 40, height: 3 });
    frame(again);
    const original = new Output({ width: 40, height: 3 });
    frame(original);
    assert.deepEqual(again.get(), before);
    assert.deepEqual(before, inkGet.call(original));
  });

  it('stops practising when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(practiseRowFormatting(10, controller.signal), { name: 'AbortError' });
  });
});
