import { plainLine, type Segment, type StyledLine, type Tone } from './styled-text.js';

const LABELS =
  /^(CONFIG_\w+:|Symbol:|Type\s*:|Range\s*:|Defined at|\s*Prompt:|\s*Depends on:|\s*Visible if:|\s*Location:|Selects:|Implies:|Selected by \[[ymn]\]:|Implied by \[[ymn]\]:)/;
/** `SYMBOL [=value]`, as the kernel prints a symbol with its value. */
const TERM = /([A-Za-z0-9_]+) \[=([^\]]*)\]/g;
/** `FB [=n]=y [=y]`: the kernel's print of a comparison, each side with its value. */
const COMPARISON = /([A-Za-z0-9_]+) \[=([^\]]*)\](!=|=|<=|>=|<|>)([A-Za-z0-9_]+) \[=([^\]]*)\]/g;

function numeric(value: string): number | null {
  if (/^-?[0-9]+$/.test(value)) return Number(value);
  if (/^0[xX][0-9a-fA-F]+$/.test(value)) return Number.parseInt(value, 16);
  return null;
}

function holds(left: string, operator: string, right: string): boolean {
  if (operator === '=') return left === right;
  if (operator === '!=') return left !== right;
  const a = numeric(left);
  const b = numeric(right);
  if (a === null || b === null) return false;
  return operator === '<' ? a < b : operator === '<=' ? a <= b : operator === '>' ? a > b : a >= b;
}

/**
 * A comparison as a person says it: `FB=y` when it holds; `FB=y, but FB is n` when it does not
 * (with both values when the right side is a symbol too: `A=B, but A is y and B is m`).
 */
export function comparisonText(left: string, leftValue: string, operator: string, right: string, rightValue: string): { text: string; holds: boolean } {
  const constant = right === rightValue;
  const asked = `${left}${operator}${right}`;
  const ok = holds(leftValue, operator, rightValue);
  if (ok) return { text: asked, holds: true };
  const actual = constant ? `${left} is ${leftValue || '""'}` : `${left} is ${leftValue || '""'} and ${right} is ${rightValue || '""'}`;
  return { text: `${asked}, but ${actual}`, holds: false };
}

/** Text with the kernel's `X [=v]` terms marked true (y/m) or false (n); comparisons read as sentences. */
export function markExpression(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(COMPARISON)) {
    const at = match.index ?? 0;
    if (at > last) segments.push(...markTerms(text.slice(last, at)));
    const { text: said, holds: ok } = comparisonText(match[1] ?? '', match[2] ?? '', match[3] ?? '', match[4] ?? '', match[5] ?? '');
    segments.push({ text: said, tone: ok ? 'true' : 'false' });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push(...markTerms(text.slice(last)));
  return segments;
}

function markTerms(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(TERM)) {
    const at = match.index ?? 0;
    if (at > last) segments.push({ text: text.slice(last, at), tone: 'plain' });
    const value = match[2] ?? '';
    const tone: Tone = value === 'n' ? 'false' : value === 'y' || value === 'm' ? 'true' : 'plain';
    segments.push({ text: match[0], tone });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), tone: 'plain' });
  return segments;
}

/** An expression without the values, as a short label: comparisons as sentences, other terms bare. */
export function expressionLabel(text: string): string {
  return markExpression(text)
    .map((segment) => segment.text.replace(/\s*\[=[^\]]*\]/g, ''))
    .join('')
    .trim();
}

/** A line of menuconfig's help text: its label in bold, then the expression marked. */
export function markLine(line: string): StyledLine {
  const segments: Segment[] = [];
  let rest = line;
  const label = rest.match(LABELS);
  if (label) {
    segments.push({ text: label[0], tone: 'heading' });
    rest = rest.slice(label[0].length);
  }
  segments.push(...markExpression(rest));
  return segments.length > 0 ? segments : plainLine('');
}
