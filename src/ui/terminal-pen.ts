/**
 * The terminal's drawing attributes (SGR: bold, inverse, colours ...) as a value, so that the
 * frame writer can tell two cells apart by how they look rather than by the escape sequences that
 * happened to produce them, and can go from one look to the next with the fewest bytes (one
 * sequence with all its parameters, `ESC [m` for plain).
 */

/** Attributes that are on or off, each with the SGR parameters that set and clear it. */
const FLAGS = [
  { bit: 1, on: '1', off: '22' }, // bold
  { bit: 2, on: '2', off: '22' }, // dim (22 clears bold and dim alike)
  { bit: 4, on: '3', off: '23' }, // italic
  { bit: 8, on: '4', off: '24' }, // underline
  { bit: 16, on: '5', off: '25' }, // blink
  { bit: 32, on: '7', off: '27' }, // inverse
  { bit: 64, on: '8', off: '28' }, // hidden
  { bit: 128, on: '9', off: '29' }, // crossed out
  { bit: 256, on: '53', off: '55' }, // overline
] as const;

const FLAG_ON = new Map<string, number>(FLAGS.map((flag) => [flag.on, flag.bit]));
const FLAG_OFF = new Map<string, number>([
  ['22', 1 | 2],
  ['23', 4],
  ['24', 8],
  ['25', 16],
  ['27', 32],
  ['28', 64],
  ['29', 128],
  ['55', 256],
]);

export interface Pen {
  /** Equal for pens that draw the same; '' for plain. */
  readonly key: string;
  readonly flags: number;
  /** The SGR parameters that set the colours ('36', '38;5;12', '38:2::1:2:3'), '' for the default. */
  readonly fg: string;
  readonly bg: string;
}

const pens = new Map<string, Pen>();

/** Inverse, underline, crossed out, overline: attributes that draw on a space. */
const DRAWS_ON_SPACE = 8 | 32 | 128 | 256;

/** Whether a space drawn with this pen looks like an empty cell (no background, nothing drawn across it). */
export function spaceLooksBlank(pen: Pen): boolean {
  return pen.bg === '' && (pen.flags & DRAWS_ON_SPACE) === 0;
}

/** The one pen object for these attributes (pens can be compared with ===). */
function pen(flags: number, fg: string, bg: string): Pen {
  const key = flags === 0 && fg === '' && bg === '' ? '' : `${flags}/${fg}/${bg}`;
  let found = pens.get(key);
  if (!found) pens.set(key, (found = { key, flags, fg, bg }));
  return found;
}

export const PLAIN: Pen = pen(0, '', '');

const applied = new Map<string, Pen | null>();

/**
 * The pen after an SGR sequence with these parameters (the text between `ESC [` and `m`), or
 * null when the sequence holds a parameter this model does not know (the caller then writes
 * the line as it is).
 */
export function applySgr(from: Pen, parameters: string): Pen | null {
  const memo = `${from.key}|${parameters}`;
  let result = applied.get(memo);
  if (result === undefined) {
    result = computeSgr(from, parameters);
    if (applied.size > 4096) applied.clear();
    applied.set(memo, result);
  }
  return result;
}

/** A colour's parameters starting at `index` (`38;5;n`, `38;2;r;g;b`, or one item), and how many items they take. */
function colourAt(items: readonly string[], index: number): { value: string; used: number } | null {
  const item = items[index]!;
  if (item.includes(':')) return { value: item, used: 1 };
  const mode = items[index + 1];
  const used = mode === '5' ? 3 : mode === '2' ? 5 : 0;
  if (used === 0 || index + used > items.length) return null;
  return { value: items.slice(index, index + used).join(';'), used };
}

function computeSgr(from: Pen, parameters: string): Pen | null {
  let { flags, fg, bg } = from;
  const items = parameters === '' ? ['0'] : parameters.split(';');
  for (let index = 0; index < items.length; index++) {
    const item = items[index] === '' ? '0' : items[index]!;
    const code = Number(item.split(':')[0]);
    if (item === '0' || item === '00') {
      flags = 0;
      fg = '';
      bg = '';
    } else if (FLAG_ON.has(item)) flags |= FLAG_ON.get(item)!;
    else if (FLAG_OFF.has(item)) flags &= ~FLAG_OFF.get(item)!;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) fg = item;
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) bg = item;
    else if (item === '39') fg = '';
    else if (item === '49') bg = '';
    else if (code === 38 || code === 48) {
      const colour = colourAt(items, index);
      if (!colour) return null;
      if (code === 38) fg = colour.value;
      else bg = colour.value;
      index += colour.used - 1;
    } else return null;
  }
  return pen(flags, fg, bg);
}

/** The parameters that set every attribute of `to` on a plain pen. */
function parametersOf(to: Pen): string[] {
  const parameters: string[] = [];
  for (const flag of FLAGS) if (to.flags & flag.bit) parameters.push(flag.on);
  if (to.fg) parameters.push(to.fg);
  if (to.bg) parameters.push(to.bg);
  return parameters;
}

/** The parameters that turn `from` into `to` without a reset. */
function differenceOf(from: Pen, to: Pen): string[] {
  const parameters: string[] = [];
  let flags = from.flags;
  // 22 clears bold and dim together: clear both, then set again the one `to` keeps.
  if (flags & 3 & ~to.flags) {
    parameters.push('22');
    flags &= ~3;
  }
  for (const flag of FLAGS) {
    if ((flags & flag.bit) === (to.flags & flag.bit)) continue;
    parameters.push(to.flags & flag.bit ? flag.on : flag.off);
  }
  if (from.fg !== to.fg) parameters.push(to.fg || '39');
  if (from.bg !== to.bg) parameters.push(to.bg || '49');
  return parameters;
}

const transitions = new Map<string, string>();

/** The shortest SGR sequence that turns `from` into `to` ('' when they are the same). */
export function penChange(from: Pen, to: Pen): string {
  if (from === to) return '';
  if (to === PLAIN) return '\x1b[m';
  const memo = `${from.key}>${to.key}`;
  let sequence = transitions.get(memo);
  if (sequence === undefined) {
    const difference = differenceOf(from, to).join(';');
    const fresh = ['0', ...parametersOf(to)].join(';');
    sequence = `\x1b[${difference.length <= fresh.length ? difference : fresh}m`;
    if (transitions.size > 4096) transitions.clear();
    transitions.set(memo, sequence);
  }
  return sequence;
}
