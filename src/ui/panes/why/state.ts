import { actionsFor } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { CLOSE, type Intent, NONE, say } from '../../intents/intent.js';
import { type ActionIn, KEYMAP, type NavigationAction } from '../../keymap.js';
import { clamp, movement, scrollPage } from '../../shell/scroll.js';
import type { OpenPane } from '../../shell/ui-state.js';
import type { FixView } from './fix-lines.js';

export type WhyState = Extract<OpenPane, { kind: 'why' }>;

export interface WhyEnv {
  lines: number;
  height: number;
  /** Lines of the page where a reason starts, with the symbol it names. */
  reasons: readonly { line: number; symbol: string }[];
  /** The menu node that stands for a symbol, or -1. */
  nodeOf(symbol: string): number;
  /** The fix shown under the reasons, and the type of the symbol (which values y/m/n can ask a fix for). */
  fix?: FixView | null;
  type?: string;
}

export interface WhyKeyOutcome {
  state: WhyState;
  intent: Intent;
}

/** The reason under the cursor: the first one until the cursor moves. */
export function selectedReason(state: WhyState, env: Pick<WhyEnv, 'reasons'>): number {
  return env.reasons.length === 0 ? -1 : clamp(state.cursor, 0, env.reasons.length - 1);
}

/** Up and down go from reason to reason (the page follows); without reasons, and for pages, the page scrolls. */
function navigate(state: WhyState, action: NavigationAction, env: WhyEnv): WhyKeyOutcome {
  const move = movement(action, env.height);
  if (env.reasons.length === 0 || move.scroll) return { state: { ...state, top: scrollPage(state.top, action, env.lines, env.height) }, intent: NONE };
  const cursor = clamp(selectedReason(state, env) + move.delta, 0, env.reasons.length - 1);
  const line = env.reasons[cursor]?.line ?? 0;
  // The last reason shows the page's end too (what follows a fix's last line).
  const top = action === 'last' ? env.lines - env.height : clamp(state.top, line - env.height + 1, line);
  return { state: { ...state, cursor, top: clamp(top, 0, Math.max(0, env.lines - env.height)) }, intent: NONE };
}

function onReason(state: WhyState, env: WhyEnv, intent: (symbol: string, node: number) => Intent): WhyKeyOutcome {
  const reason = env.reasons[selectedReason(state, env)];
  if (!reason) return { state, intent: CLOSE };
  return { state, intent: intent(reason.symbol, env.nodeOf(reason.symbol)) };
}

/** An int, hex or string symbol: its fix is for a value typed in the value editor. */
function typedValue(type: string | undefined): boolean {
  return type === 'int' || type === 'hex' || type === 'string';
}

/** The value editor whose Enter searches the fix for the value typed. */
const askValue = (state: WhyState): WhyKeyOutcome => ({ state, intent: { kind: 'edit', node: state.node, fix: true } });

/** f: the fix shown, applied as one step; while it is searched for or when there is none, why not; for an int, hex or string without one, the value to fix for. */
function applyFix(state: WhyState, env: WhyEnv): WhyKeyOutcome {
  const fix = env.fix;
  if (fix?.kind === 'ask' || (!fix && typedValue(env.type))) return askValue(state);
  if (!fix) return { state, intent: say('Nothing to fix here: y, m or n asks for a fix to that value', 'error') };
  if (fix.kind === 'searching') return { state, intent: say('Still searching for the fix: f again once it is shown', 'error') };
  if (fix.kind === 'failed' || fix.plan.changes.length === 0) return { state, intent: say(`No fix to apply for CONFIG_${fix.name}=${fix.value}`, 'error') };
  return { state, intent: { kind: 'apply-fix', plan: fix.plan, close: true } };
}

/** y, m or n: the fix searched for that value instead (for an int, hex or string: the value editor asks which). */
function want(value: 'y' | 'm' | 'n'): (state: WhyState, env: WhyEnv) => WhyKeyOutcome {
  return (state, env) => {
    if (typedValue(env.type)) return askValue(state);
    if (env.type !== 'bool' && env.type !== 'tristate') return { state, intent: say('Only symbols with a value have a fix', 'error') };
    if (env.type === 'bool' && value === 'm') return { state, intent: say('A bool cannot be m', 'error') };
    return { state: { ...state, want: value }, intent: NONE };
  };
}

const WHY_ACTIONS: Record<ActionIn<'why'>, (state: WhyState, env: WhyEnv) => WhyKeyOutcome> = {
  up: (state, env) => navigate(state, 'up', env),
  down: (state, env) => navigate(state, 'down', env),
  'page-up': (state, env) => navigate(state, 'page-up', env),
  'page-down': (state, env) => navigate(state, 'page-down', env),
  'half-up': (state, env) => navigate(state, 'half-up', env),
  'half-down': (state, env) => navigate(state, 'half-down', env),
  first: (state, env) => navigate(state, 'first', env),
  last: (state, env) => navigate(state, 'last', env),
  show: (state, env) => onReason(state, env, (symbol) => ({ kind: 'show-symbol', name: symbol })),
  why: (state, env) =>
    onReason(state, env, (symbol, node) =>
      node >= 0 ? { kind: 'why', node } : { kind: 'ui', action: { type: 'message', message: { text: `${symbol} has no menu entry`, tone: 'error' } } },
    ),
  'apply-fix': applyFix,
  'want-y': want('y'),
  'want-m': want('m'),
  'want-n': want('n'),
  'want-value': (state, env) =>
    typedValue(env.type) ? askValue(state) : { state, intent: say('= is for int, hex and string values: y, m or n asks a fix for this one', 'error') },
  quit: (state) => ({ state, intent: { kind: 'quit' } }),
  close: (state) => ({ state, intent: CLOSE }),
};

/** What a key does on the why page. */
export function whyKey(state: WhyState, key: KeyEvent, env: WhyEnv): WhyKeyOutcome {
  const [action] = actionsFor(env.reasons.length > 0 ? KEYMAP.why : KEYMAP['why.page'], key);
  return action ? WHY_ACTIONS[action](state, env) : { state, intent: NONE };
}
