import { unstorableValueReason } from '../../../model/config-text.js';
import type { SymbolInfo } from '../../../model/types.js';

export interface Range {
  low: bigint;
  high: bigint;
  /** As the Kconfig file writes it, for messages. */
  text: string;
}

/**
 * The format kconfig accepts for an int or hex value (sym_string_valid), checked while the
 * user types so that a mistake shows at once; the engine still decides when the value is set.
 */
export function formatProblem(type: SymbolInfo['type'], text: string): string | null {
  if (type === 'int') {
    if (!/^-?(0|[1-9][0-9]*)$/.test(text)) return 'a decimal integer without leading zeros, e.g. 64 or -1';
    return null;
  }
  if (type === 'hex') {
    if (!/^(0[xX])?[0-9a-fA-F]+$/.test(text)) return 'a hexadecimal number, e.g. 0x1000';
    return null;
  }
  return null;
}

/**
 * The unconditional `range` of an int/hex symbol with its bounds resolved (a bound may be a
 * symbol). Conditional ranges are left to the engine: it reports them when a value is refused.
 */
export function unconditionalRange(info: SymbolInfo, valueOf: (name: string) => string | undefined): Range | null {
  if (info.type !== 'int' && info.type !== 'hex') return null;
  if (info.ranges.length !== 1) return null;
  const [range] = info.ranges;
  if (!range || range.condition) return null;
  const bounds = range.name
    .replace(/^\[|\]$/g, '')
    .trim()
    .split(/\s+/);
  if (bounds.length !== 2) return null;
  const [lowText = '', highText = ''] = bounds;
  const low = parseNumber(info.type, resolveBound(lowText, valueOf));
  const high = parseNumber(info.type, resolveBound(highText, valueOf));
  if (low === null || high === null) return null;
  return { low, high, text: `${lowText}..${highText}` };
}

export function rangeProblem(type: SymbolInfo['type'], text: string, range: Range | null): string | null {
  if (!range) return null;
  const value = parseNumber(type, text);
  if (value === null) return null;
  if (value >= range.low && value <= range.high) return null;
  const show = (n: bigint): string => (type === 'hex' ? `0x${n.toString(16)}` : n.toString());
  return `out of range: must be between ${show(range.low)} and ${show(range.high)}`;
}

function resolveBound(token: string, valueOf: (name: string) => string | undefined): string {
  if (/^-?[0-9]/.test(token)) return token;
  return valueOf(token) ?? token;
}

function parseNumber(type: SymbolInfo['type'], text: string): bigint | null {
  try {
    if (type === 'hex') return BigInt(/^0[xX]/.test(text) ? text : `0x${text}`);
    if (/^-?[0-9]+$/.test(text)) return BigInt(text);
    return null;
  } catch {
    return null;
  }
}

/**
 * A value the kernel's .config cannot hold (a line break or NUL, as a paste brings them),
 * refused as it is typed and again on Enter; the field shows such characters escaped, and
 * the message (one line of the editor) names the escape to delete.
 */
export function storableProblem(text: string): string | null {
  if (unstorableValueReason(text) === undefined) return null;
  if (text.includes('\0')) return 'a .config line cannot hold a NUL (shown as \\x00): delete it';
  return `a .config line cannot hold a line break (shown as ${text.includes('\n') ? '\\n' : '\\r'}): delete it`;
}
