/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { MenuRow } from '../../../model/menu-rows.js';
import type { ConfigState, Explanation, MenuModel } from '../../../model/types.js';
import { InfoPane } from '../../components/info-pane.js';
import { type MenuLine, MenuList } from '../../components/menu-list.js';
import type { MenuFrame } from '../../shell/ui-state.js';
import { infoBody, infoTitle } from '../../text/node-info.js';
import { rowTextOf } from './lines.js';

export interface MenuContentProps {
  model: MenuModel;
  config: ConfigState;
  rows: readonly MenuRow[];
  frame: MenuFrame;
  showNames: boolean;
  showAll: boolean;
  inChoice: boolean;
  /** Rows of the list, and of the info pane under it (0: none). */
  listHeight: number;
  infoHeight: number;
  /** The explanation of the entry under the cursor, when it is locked. */
  explanation: Explanation | null;
  width: number;
}

/** A menu as menuconfig draws it (only the rows on screen), and the info pane that follows the cursor. */
export function MenuContent(props: MenuContentProps) {
  const { model, config, rows, frame, listHeight, infoHeight, width } = props;
  const options = { showNames: props.showNames, inChoice: props.inChoice };
  const lines: MenuLine[] = rows.slice(frame.top, frame.top + listHeight).map((row, index) => ({
    key: row.node * 2 + (row.header ? 1 : 0),
    text: rowTextOf(model, config, row, options),
    hidden: row.hidden,
    cursor: frame.top + index === frame.cursor,
  }));
  const cursorNode = rows[frame.cursor]?.node ?? -1;
  return (
    <>
      <MenuList
        lines={lines}
        width={width}
        height={listHeight}
        empty={props.showAll ? 'This menu has no entries.' : 'Nothing visible here (a shows hidden entries).'}
      />
      {infoHeight > 0 ? (
        <InfoPane
          title={cursorNode >= 0 ? infoTitle(model, config, cursorNode) : ''}
          lines={cursorNode >= 0 ? infoBody(model, config, cursorNode, props.explanation, width, infoHeight - 1) : []}
          width={width}
          height={infoHeight}
        />
      ) : null}
    </>
  );
}
