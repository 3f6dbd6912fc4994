import { isSubmenu, type MenuRow } from '../../../model/menu-rows.js';
import type { ConfigState, MenuModel, MenuNode } from '../../../model/types.js';
import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { type Intent, NONE, say, ui } from '../../intents/intent.js';
import { type ActionIn, KEYMAP } from '../../keymap.js';
import { type UiState, currentFrame } from '../../shell/ui-state.js';
import { nodeSymbol } from '../../../model/node-symbol.js';

/** What the menu's keys need to know besides the UI state. */
export interface MenuKeyContext {
  model: MenuModel;
  config: ConfigState;
  rowAtCursor: MenuRow | undefined;
}

/** The entry under the cursor as the keys see it. */
interface Entry {
  state: UiState;
  key: KeyEvent;
  context: MenuKeyContext;
  row: MenuRow | undefined;
  node: MenuNode | undefined;
  /** The node's id when it is a symbol's entry, else -1. */
  symbolNode: number;
  /** An int, hex or string symbol: edited, not toggled. */
  valueEntry: boolean;
}

type Handler = (entry: Entry) => Intent | null;

const setTo =
  (value: 'y' | 'm' | 'n'): Handler =>
  ({ symbolNode, valueEntry }) =>
    symbolNode >= 0 && !valueEntry ? { kind: 'set', node: symbolNode, value } : null;

const navigation = {
  up: () => ui({ type: 'move', delta: -1 }),
  down: () => ui({ type: 'move', delta: 1 }),
  'page-up': () => ui({ type: 'page', direction: -1, half: false }),
  'page-down': () => ui({ type: 'page', direction: 1, half: false }),
  'half-up': () => ui({ type: 'page', direction: -1, half: true }),
  'half-down': () => ui({ type: 'page', direction: 1, half: true }),
  first: () => ui({ type: 'edge', edge: 'first' }),
  last: () => ui({ type: 'edge', edge: 'last' }),
} satisfies Record<string, Handler>;

/** What each action of the menu (src/ui/keymap.ts) does on the entry under the cursor; null: not here, try the next. */
const MENU_ACTIONS: Record<ActionIn<'menu'>, Handler> = {
  ...navigation,
  hotkey: ({ key }) => ui({ type: 'hotkey', letter: key.char }),
  open: ({ key, node, row, context, symbolNode, valueEntry }) => {
    if (node && !row?.header && isSubmenu(node)) return ui({ type: 'enter', config: context.config });
    if (key.name === 'return' && valueEntry) return { kind: 'edit', node: symbolNode };
    // As in menuconfig, Enter never changes a value: a stray Enter must not flip an option.
    if (key.name === 'return' && symbolNode >= 0) return say('Enter opens menus; y, m, n or space change a value');
    return NONE;
  },
  back: () => ui({ type: 'back' }),
  'back-or-quit': () => ({ kind: 'back-or-quit' }),
  escape: ({ state }) => (state.escArmed ? { kind: 'back-or-quit' } : ui({ type: 'arm-escape' })),
  'set-y': setTo('y'),
  'set-m': setTo('m'),
  'set-n': setTo('n'),
  cycle: ({ symbolNode, valueEntry }) => (symbolNode < 0 ? null : valueEntry ? { kind: 'edit', node: symbolNode } : { kind: 'cycle', node: symbolNode }),
  help: ({ node }) => (node ? { kind: 'help', node: node.id } : NONE),
  why: ({ symbolNode }) => (symbolNode >= 0 ? { kind: 'why', node: symbolNode } : NONE),
  info: () => ui({ type: 'toggle', flag: 'infoPane' }),
  'show-all': () => ui({ type: 'toggle', flag: 'showAll' }),
  names: () => ui({ type: 'toggle', flag: 'showNames' }),
  undo: () => ({ kind: 'undo' }),
  redo: () => ({ kind: 'redo' }),
  changes: () => ({ kind: 'changes' }),
  search: () => ({ kind: 'open', pane: 'search' }),
  hardware: () => ({ kind: 'open', pane: 'hardware' }),
  presets: () => ({ kind: 'open', pane: 'presets' }),
  checks: () => ({ kind: 'open', pane: 'checks' }),
  build: () => ({ kind: 'open', pane: 'build' }),
  upgrade: () => ui({ type: 'open', pane: { kind: 'upgrade', source: null } }),
  save: () => ({ kind: 'save' }),
  'save-as': () => ({ kind: 'save-as' }),
  load: () => ({ kind: 'load' }),
  // Ctrl-l is the App's (it redraws whatever pane is open); listed here for the help page.
  repaint: () => NONE,
  quit: () => ({ kind: 'quit' }),
  // Pasted text is not a string of commands (a .config line would set values as it went).
  paste: () => say('Pasted text is taken by the search (/) and the value editors; in the menu it is ignored'),
};

const CHOICE_ACTIONS: Record<ActionIn<'choice'>, Handler> = {
  ...MENU_ACTIONS,
  choose: ({ symbolNode }) => (symbolNode >= 0 ? { kind: 'choose', node: symbolNode } : null),
};

/** Whether the menu on screen is a choice's own screen (its members are picked, not set). */
export function inChoice(state: UiState, model: MenuModel): boolean {
  return model.nodes[currentFrame(state).menu]?.kind === 'choice';
}

/** What a key does in the menu: the first action of the keymap that applies to the entry under the cursor. */
export function menuKey(state: UiState, key: KeyEvent, context: MenuKeyContext): Intent {
  const entry = entryAt(state, key, context);
  const choice = inChoice(state, context.model);
  for (const action of choice ? actionsFor(KEYMAP.choice, key) : actionsFor(KEYMAP.menu, key)) {
    const intent = choice ? CHOICE_ACTIONS[action](entry) : MENU_ACTIONS[action as ActionIn<'menu'>](entry);
    if (intent) return intent;
  }
  return NONE;
}

function entryAt(state: UiState, key: KeyEvent, context: MenuKeyContext): Entry {
  const row = context.rowAtCursor;
  const node = row ? context.model.nodes[row.node] : undefined;
  const info = nodeSymbol(context.model, node);
  const symbolNode = node && node.kind === 'symbol' && info ? node.id : -1;
  const type = info?.type;
  return { state, key, context, row, node, symbolNode, valueEntry: type === 'int' || type === 'hex' || type === 'string' };
}
