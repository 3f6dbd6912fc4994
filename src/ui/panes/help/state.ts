import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE } from '../../intents/intent.js';
import { type ActionIn, KEYMAP } from '../../keymap.js';
import { scrollPage } from '../../shell/scroll.js';
import type { OpenPane } from '../../shell/ui-state.js';

export type HelpState = Extract<OpenPane, { kind: 'help' }>;

/** What the help page's keys need: its length after folding and wrapping, and the rows it has. */
export interface PageEnv {
  lines: number;
  height: number;
}

export interface HelpKeyOutcome {
  state: HelpState;
  intent: Intent;
}

type Handler = (state: HelpState, env: PageEnv) => HelpKeyOutcome;

const scrolled =
  (action: Parameters<typeof scrollPage>[1]): Handler =>
  (state, env) => {
    const top = scrollPage(state.top, action, env.lines, env.height);
    return { state: top === state.top ? state : { ...state, top }, intent: NONE };
  };

const HELP_ACTIONS: Record<ActionIn<'help'>, Handler> = {
  up: scrolled('up'),
  down: scrolled('down'),
  'page-up': scrolled('page-up'),
  'page-down': scrolled('page-down'),
  'half-up': scrolled('half-up'),
  'half-down': scrolled('half-down'),
  first: scrolled('first'),
  last: scrolled('last'),
  fold: (state) => ({ state: { ...state, expanded: !state.expanded }, intent: NONE }),
  why: (state) => ({ state, intent: { kind: 'why', node: state.node } }),
  quit: (state) => ({ state, intent: { kind: 'quit' } }),
  close: (state) => ({ state, intent: CLOSE }),
};

/** What a key does on the help page. */
export function helpKey(state: HelpState, key: KeyEvent, env: PageEnv): HelpKeyOutcome {
  const [action] = actionsFor(KEYMAP.help, key);
  return action ? HELP_ACTIONS[action](state, env) : { state, intent: NONE };
}

/** `16-33/55`: the lines on screen of a page longer than the screen. */
export function pagePosition(top: number, lines: number, height: number): string {
  return lines <= height ? '' : `${top + 1}-${Math.min(lines, top + height)}/${lines}`;
}
