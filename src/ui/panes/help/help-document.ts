import { plainLine, type Segment, type StyledLine } from '../../text/styled-text.js';

/** Select/imply lists longer than this are folded to their first FOLDED_SHOWN entries. */
export const FOLD_AT = 8;
export const FOLDED_SHOWN = 5;

const LIST_HEAD = /^(Selected|Implied) by \[([ymn])\]:$/;
const LABELS = /^(CONFIG_\w+:|Symbol:|Type\s*:|Range\s*:|Defined at|\s*Prompt:|\s*Depends on:|\s*Visible if:|\s*Location:|Selects:|Implies:|Selected by \[[ymn]\]:|Implied by \[[ymn]\]:)/;
const TERM = /([A-Za-z0-9_]+) \[=([^\]]*)\]/g;

/**
 * menuconfig's help text (menu_get_ext_help) as styled lines: labels in bold, every
 * `SYMBOL [=value]` term marked true (y/m) or false (n), and long "Selected by" /
 * "Implied by" lists folded unless `expanded`.
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

export function markLine(line: string): StyledLine {
  const segments: Segment[] = [];
  let rest = line;
  const label = rest.match(LABELS);
  if (label) {
    segments.push({ text: label[0], tone: 'heading' });
    rest = rest.slice(label[0].length);
  }
  let last = 0;
  for (const match of rest.matchAll(TERM)) {
    const at = match.index ?? 0;
    if (at > last) segments.push({ text: rest.slice(last, at), tone: 'plain' });
    const value = match[2] ?? '';
    const tone = value === 'n' ? 'false' : value === 'y' || value === 'm' ? 'true' : 'plain';
    segments.push({ text: match[0], tone });
    last = at + match[0].length;
  }
  if (last < rest.length) segments.push({ text: rest.slice(last), tone: 'plain' });
  return segments.length > 0 ? segments : plainLine('');
}
