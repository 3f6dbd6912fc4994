import { escapeControl } from '../../../model/escape-text.js';
import type { LockReason, SearchResult } from '../../../features/search/search-result.js';
import { fit, fitLeft } from '../../text/fit.js';

/** The badge of a result that cannot be changed now; `e` explains it. */
export const LOCK_BADGES: Record<LockReason, string> = {
  depends: 'hidden',
  selected: 'forced by select',
  'no-prompt': 'no prompt',
  fixed: 'fixed',
};

/** A value as .config spells it: strings quoted, an empty value as "". */
export function resultValue(result: Pick<SearchResult, 'type' | 'value'>): string {
  if (result.type === 'string') return JSON.stringify(result.value);
  return result.value === '' ? '""' : result.value;
}

const MATCH_NOTES: Partial<Record<SearchResult['match'], string>> = {
  fuzzy: 'spelling corrected',
  help: 'in the help text',
};

/**
 * A menu path in `width` columns: whole, else the outermost menu and as many of the innermost as
 * fit with `…` between them, else the end of the innermost.
 */
export function fitPath(prompts: readonly string[], width: number): string {
  const whole = prompts.join(' > ');
  if (Array.from(whole).length <= width) return whole;
  const [outer, ...rest] = prompts;
  for (let skip = 1; skip < rest.length; skip++) {
    const text = [outer, '…', ...rest.slice(skip)].join(' > ');
    if (Array.from(text).length <= width) return text;
  }
  const last = `… > ${prompts.at(-1) ?? ''}`;
  return fitLeft(Array.from(last).length <= width ? last : (prompts.at(-1) ?? ''), width);
}

/**
 * The two lines of a result, `width` columns each: name, value, prompt and the lock badge;
 * then the menu path (its outermost and innermost menus when it is long) and how it matched when that is not obvious.
 */
export function resultLines(result: SearchResult, width: number): [string, string] {
  const badge = result.lock ? ` [${LOCK_BADGES[result.lock]}]` : '';
  const head = escapeControl(`${result.name}=${resultValue(result)}${result.prompt ? `  ${result.prompt}` : ''}`);
  const first = fit(head, Math.max(1, width - badge.length)) + badge;
  const note = MATCH_NOTES[result.match];
  const noteText = note ? `  (${note})` : '';
  const indent = '    ';
  const room = Math.max(4, width - indent.length - noteText.length);
  const path = result.path.length > 0 ? fitPath(result.path, room) : '(top level)';
  const second = fit(indent + path + noteText, width);
  return [first, second];
}

/** The right end of the query line: what the list holds. */
export function searchStatus(query: string, indexing: boolean, symbols: number, total: number): string {
  if (indexing) return `indexing ${symbols.toLocaleString('en-US')} symbols...`;
  if (query.trim() === '') return `${symbols.toLocaleString('en-US')} symbols`;
  if (total === 0) return 'no match';
  return `${total.toLocaleString('en-US')} match${total === 1 ? '' : 'es'}`;
}
