import fc from 'fast-check';

/**
 * How many cases a property runs: short by default so `npm test` stays quick, and as many as
 * TUXCONF_PROPERTY_RUNS asks for in a long run, divided by `divisor` for properties whose
 * cases are slow (a whole capture analysed, suggestions computed on a real kernel session).
 */
export function propertyRuns(defaultRuns: number, options: { divisor?: number } = {}): number {
  const asked = Number(process.env.TUXCONF_PROPERTY_RUNS);
  if (!Number.isFinite(asked) || asked <= 0) return defaultRuns;
  return Math.max(defaultRuns, Math.round(asked / (options.divisor ?? 1)));
}

/** Runs a property and, in a long run, says how many cases it took and how long (for the README). */
export function checkProperty<T>(label: string, property: fc.IPropertyWithHooks<T> | fc.IProperty<T>, numRuns: number): void {
  const started = process.hrtime.bigint();
  fc.assert(property, { numRuns, ...(process.env.TUXCONF_PROPERTY_SEED ? { seed: Number(process.env.TUXCONF_PROPERTY_SEED) } : {}) });
  if (process.env.TUXCONF_PROPERTY_RUNS) {
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    process.stdout.write(`# property ${label}: ${numRuns} cases in ${(ms / 1000).toFixed(1)} s\n`);
  }
}

export async function checkAsyncProperty<T>(label: string, property: fc.IAsyncPropertyWithHooks<T> | fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const started = process.hrtime.bigint();
  await fc.assert(property, { numRuns, ...(process.env.TUXCONF_PROPERTY_SEED ? { seed: Number(process.env.TUXCONF_PROPERTY_SEED) } : {}) });
  if (process.env.TUXCONF_PROPERTY_RUNS) {
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    process.stdout.write(`# property ${label}: ${numRuns} cases in ${(ms / 1000).toFixed(1)} s\n`);
  }
}

/** A mutation of a well-formed text: characters inserted, removed, duplicated or replaced. */
export function mutated(valid: fc.Arbitrary<string>, alphabet: string[]): fc.Arbitrary<string> {
  const edit = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'duplicate', 'replace'),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
    text: fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: 6 }),
  });
  return fc.tuple(valid, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let result = text;
    for (const change of edits) {
      const at = result.length === 0 ? 0 : change.at % (result.length + 1);
      const end = Math.min(result.length, at + change.length);
      if (change.kind === 'insert') result = result.slice(0, at) + change.text + result.slice(at);
      else if (change.kind === 'delete') result = result.slice(0, at) + result.slice(end);
      else if (change.kind === 'duplicate') result = result.slice(0, end) + result.slice(at, end) + result.slice(end);
      else result = result.slice(0, at) + change.text + result.slice(end);
    }
    return result;
  });
}

/** Characters that matter to terminals and to line-based parsers, mixed into generated text. */
export const HOSTILE_CHARS = ['\n', '\r', '\t', '\0', '\x1b', '\x07', '\u009b', '\u202e', '\x7f', ' ', '\\', '"', "'", '$', '(', ')', '#', '=', ':', ';', '-', '\ufffd', 'é', '😀'];
