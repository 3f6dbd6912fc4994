import type { MenuModel } from '../../../model/types.js';
import { changeLine, nameColumn, shownValue } from '../../text/change-line.js';
import { escapeControl } from '../../../model/escape-text.js';
import type { ChangeRow } from './rows.js';

/** The name column of the pane: wide enough for every name listed. */
export function changesNameWidth(rows: readonly ChangeRow[]): number {
  const names: { name: string }[] = [];
  for (const row of rows) {
    if (row.kind === 'own' || row.kind === 'followed') names.push(row.change);
    if (row.kind === 'on-save') names.push(row.difference);
  }
  return nameColumn(names, 32);
}

/** The text of a row: a change as `NAME  from -> to  prompt`, what came with it indented under it. */
export function changeRowText(model: MenuModel, row: ChangeRow, nameWidth: number): string {
  switch (row.kind) {
    case 'heading':
      return row.text;
    case 'own':
      return changeLine(model, row.change, nameWidth);
    case 'followed':
      return `    ${changeLine(model, row.change, Math.max(8, nameWidth - 4)).slice(1)}`;
    case 'step':
      return escapeControl(` ${row.group.label}: ${row.group.own.length} value${row.group.own.length === 1 ? '' : 's'}`);
    case 'fold': {
      const what = row.group.kind === 'values' ? 'came with it' : 'of this step';
      return `    ... ${row.hidden} more ${what} (f shows them)`;
    }
    case 'on-save': {
      const { name, inFile, here } = row.difference;
      if (here === null) return escapeControl(` ${name.padEnd(nameWidth)}  not in this tree: the save leaves out ${name}=${shownValue(inFile)}`);
      return `${changeLine(model, { name, from: inFile, to: here }, nameWidth)}  (the file says ${escapeControl(shownValue(inFile))})`;
    }
  }
}
