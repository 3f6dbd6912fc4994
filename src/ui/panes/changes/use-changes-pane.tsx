/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ChangeGroup, changeGroups } from '../../../features/changes/change-groups.js';
import type { FileDifference } from '../../../features/changes/file-differences.js';
import { primaryNode } from '../../../model/menu-path.js';
import type { ConfigState } from '../../../model/types.js';
import { type MenuLine, MenuList } from '../../components/menu-list.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { errorText } from '../../intents/messages.js';
import { KEYMAP } from '../../keymap.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { changeRowText, changesNameWidth } from './lines.js';
import { changeRows, selectable } from './rows.js';
import { changesKey, settleChanges } from './state.js';

type Groups = { config: ConfigState; groups: ChangeGroup[] } | { config: ConfigState; error: string };

/**
 * The user's changes against the loaded config, grouped by what the user did (each step) with
 * what came with it folded under it, and what the save changes in the file anyway. The groups
 * are worked out by the engine (it replays the steps), queued like every engine request, again
 * whenever the config changes while the pane is open.
 */
export function useChangesPane(context: PaneContext, onSave: readonly FileDifference[]): Pane {
  const { session, config, ui, layout, host } = context;
  const open = ui.pane.kind === 'changes' ? ui.pane : null;
  const [groups, setGroups] = useState<Groups | null>(null);
  const asked = useRef<ConfigState | null>(null);

  useEffect(() => {
    if (!open || asked.current === config) return;
    asked.current = config;
    host.run({
      kind: 'work',
      run: () =>
        changeGroups(session).then(
          (found) => setGroups({ config, groups: found }),
          (cause: unknown) => setGroups({ config, error: errorText(cause) }),
        ),
    });
  }, [open !== null, config, session, host]);
  useEffect(() => {
    if (!open) asked.current = null;
  }, [open]);

  const ready = groups && 'groups' in groups ? groups.groups : null;
  const rows = useMemo(() => (ready ? changeRows(ready, onSave, open?.unfolded ?? []) : null), [ready, onSave, open?.unfolded]);
  // Rows come and go (a revert, an undo): the cursor stays on a row it can be on.
  const pane = open && rows ? settleChanges(open, rows, layout.page) : open;
  useEffect(() => {
    // Settled against the state now: a key handled since the render may have moved the cursor.
    const now = host.current().pane;
    if (now.kind !== 'changes' || !rows) return;
    const settled = settleChanges(now, rows, layout.page);
    if (settled !== now) host.dispatch({ type: 'update', pane: settled });
  });
  const live = useRef({ context, rows });
  live.current = { context, rows };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, rows: shown } = live.current;
    const open = current.host.current().pane;
    if (open.kind !== 'changes') return;
    // The cursor as drawn: on a row it can be on (the settled state may not be stored yet).
    const state = shown ? settleChanges(open, shown, current.layout.page) : open;
    const nodeOf = (name: string): number => {
      const symbol = current.session.symbol(name);
      return symbol ? primaryNode(current.session.model, symbol) : -1;
    };
    const outcome = changesKey(state, key, { rows: shown, height: current.layout.page, nodeOf });
    if (outcome.state !== open) current.host.dispatch({ type: 'update', pane: outcome.state });
    current.host.run(outcome.intent);
  }, []);

  const content = (height: number) => {
    if (!rows || !pane) {
      const text = groups && 'error' in groups ? `Cannot read the changes: ${groups.error}` : 'Reading your changes...';
      return <MenuList lines={[]} width={layout.columns} height={height} empty={text} />;
    }
    const width = changesNameWidth(rows);
    const lines: MenuLine[] = rows.slice(pane.top, pane.top + height).map((row, index) => ({
      key: pane.top + index,
      text: changeRowText(session.model, row, width),
      hidden: row.kind === 'heading' || row.kind === 'fold',
      cursor: pane.top + index === pane.cursor && selectable(row),
    }));
    return <MenuList lines={lines} width={layout.columns} height={height} empty="No changes against the loaded config." />;
  };
  const count = ready ? ready.reduce((sum, group) => sum + group.own.length + group.followed.length, 0) : 0;
  const at = rows ? rows.slice(0, (pane?.cursor ?? 0) + 1).filter(selectable).length : 0;
  const total = rows ? rows.filter(selectable).length : 0;
  return {
    title: () => ({
      text: rows ? `Pending changes against the loaded config: ${count}` : 'Your changes: reading...',
      position: total > 0 ? `${at}/${total}` : '',
      keep: 'start',
    }),
    hints: () => hintsOf(KEYMAP.changes),
    content,
    onKey,
    takesText: () => false,
  };
}
