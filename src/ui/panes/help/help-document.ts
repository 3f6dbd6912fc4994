import { markLine } from '../../text/expression-text.js';
import { plainLine, type StyledLine } from '../../text/styled-text.js';

/** Select/imply lists longer than this are folded to their first FOLDED_SHOWN entries. */
export const FOLD_AT = 8;
export const FOLDED_SHOWN = 5;

const LIST_HEAD = /^(Selected|Implied) by \[([ymn])\]:$/;

/**
 * menuconfig's help text (menu_get_ext_help) as styled lines: labels in bold, every
 * `SYMBOL [=value]` term marked true (y/m) or false (n), comparisons said as sentences, and
 * long "Selected by" / "Implied by" lists folded unless `expanded`.
 */
export function helpDocument(text: string, expanded: boolean): StyledLine[] {
  const lines = text.replace(/\s+$/, '').split('\n');
  const out: StyledLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const head = line.match(LIST_HEAD);
    if (!head) {
      out.push(markLine(line));
      continue;
    }
    const items: string[] = [];
    while ((lines[index + 1] ?? '').startsWith('  - ')) items.push(lines[++index] ?? '');
    const active = head[2] !== 'n';
    out.push([
      { text: line, tone: 'heading' },
      { text: `  ${items.length} ${active ? 'active' : 'inactive'}`, tone: 'muted' },
    ]);
    const shown = expanded || items.length <= FOLD_AT ? items : items.slice(0, FOLDED_SHOWN);
    for (const item of shown) out.push(markLine(item));
    if (shown.length < items.length) {
      out.push(plainLine(`  ... ${items.length - shown.length} more (f or Enter shows them all)`, 'fold'));
    }
  }
  return out;
}

/** Whether the help text has a list that `helpDocument` folds. */
export function hasFoldableList(text: string): boolean {
  let run = 0;
  for (const line of text.split('\n')) {
    run = line.startsWith('  - ') ? run + 1 : 0;
    if (run > FOLD_AT) return true;
  }
  return false;
}
