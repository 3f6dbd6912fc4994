import type { SetOutcome } from '../../engine/session.js';
import type { SymbolInfo, Tristate } from '../../model/types.js';
import type { KeyEvent } from '../input/key-event.js';
import { formatProblem, rangeProblem, storableProblem, unconditionalRange } from '../panes/dialogs/value-check.js';
import { editField, textField } from '../text/text-field.js';
import { type IntentContext, symbolOfNode } from './context.js';
import { describeChanges, error, info } from './messages.js';

function report(ctx: IntentContext, name: string, outcome: SetOutcome): boolean {
  if (outcome.ok) {
    ctx.dispatch(info(describeChanges(name, outcome.changed)));
    return true;
  }
  ctx.dispatch(error(`${outcome.reason}${outcome.explanation ? '  (e: why, and the fix)' : ''}`));
  return false;
}

/** menuconfig's space bar: the next value in n -> m -> y -> n that the symbol allows. */
export function nextValue(current: string, allowed: readonly Tristate[], type: 'bool' | 'tristate'): Tristate {
  const order: Tristate[] = type === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y'];
  const start = order.indexOf(current as Tristate);
  for (let step = 1; step < order.length; step++) {
    const candidate = order[(start + step) % order.length] ?? 'n';
    if (allowed.includes(candidate)) return candidate;
  }
  // Nothing else is allowed: ask for the other value anyway so that the engine says why not.
  return current === 'n' ? 'y' : 'n';
}

export async function setValue(ctx: IntentContext, node: number, value: Tristate): Promise<void> {
  const name = symbolOfNode(ctx.session, node);
  if (!name) return;
  // No undo step (and no "unsaved change") for a value the symbol has already.
  if (ctx.session.value(name) === value) ctx.dispatch(info(`${name} is ${value} already`));
  else report(ctx, name, await ctx.session.set(name, value));
}

export async function cycleValue(ctx: IntentContext, node: number): Promise<void> {
  const { session } = ctx;
  const name = symbolOfNode(session, node);
  const symbol = name ? session.symbol(name) : undefined;
  const state = symbol ? session.state.symbols[symbol.index] : undefined;
  if (!name || !symbol || !state || (symbol.type !== 'bool' && symbol.type !== 'tristate')) return;
  report(ctx, name, await session.set(name, nextValue(state.value, state.allowed, symbol.type)));
}

export async function chooseMember(ctx: IntentContext, node: number): Promise<void> {
  const name = symbolOfNode(ctx.session, node);
  if (name && report(ctx, name, await ctx.session.set(name, 'y'))) ctx.dispatch({ type: 'back' });
}

/** The value editor; `fix`: opened from the why page, it starts from the value a fix was asked for there. */
export function openEditor(ctx: IntentContext, node: number, fix = false): void {
  const name = symbolOfNode(ctx.session, node);
  if (!name) return;
  const pane = ctx.ui().pane;
  const asked = fix && pane.kind === 'why' && pane.want !== undefined ? pane.want : undefined;
  const field = textField(asked ?? ctx.session.value(name) ?? '');
  ctx.dispatch({ type: 'open', pane: { kind: 'editor', node, field, error: null, ...(fix ? { fix } : {}) } });
}

/** A key in the value editor or the file name dialog: the edit, and for a value its type and range problems as typed. */
export function fieldKey(ctx: IntentContext, key: KeyEvent): void {
  const pane = ctx.ui().pane;
  if (pane.kind !== 'editor' && pane.kind !== 'file') return;
  const field = editField(pane.field, key);
  if (!field) return;
  ctx.dispatch({ type: 'field', field, error: pane.kind === 'editor' ? valueProblem(ctx, pane.node, field.text) : null });
}

/** What keeps a typed value from being asked for at all: a .config line cannot hold it, or it is no value of the type. */
function formProblem(type: SymbolInfo['type'], text: string): string | null {
  const unstorable = storableProblem(text);
  if (unstorable) return unstorable;
  if (text === '' && type !== 'string') return `enter a value (${type})`;
  const format = formatProblem(type, text);
  return format ? `not a valid ${type}: ${format}` : null;
}

/** Type and range problems of a value being typed; the engine checks again on Enter. */
function valueProblem(ctx: IntentContext, nodeId: number, text: string): string | null {
  const name = symbolOfNode(ctx.session, nodeId);
  const symbol = name ? ctx.session.symbol(name) : undefined;
  if (!symbol) return null;
  const form = formProblem(symbol.type, text);
  if (form) return form;
  return rangeProblem(
    symbol.type,
    text,
    unconditionalRange(symbol, (bound) => ctx.session.value(bound)),
  );
}

/** Enter in the value editor: the value is set, or the editor says why not. */
export async function commitValue(ctx: IntentContext, nodeId: number, text: string): Promise<void> {
  const problem = valueProblem(ctx, nodeId, text);
  if (problem) {
    ctx.dispatch({ type: 'field-error', error: problem });
    return;
  }
  const name = symbolOfNode(ctx.session, nodeId);
  if (!name) return;
  const outcome = await ctx.session.set(name, text);
  if (outcome.ok) {
    ctx.dispatch({ type: 'close' });
    ctx.dispatch(info(describeChanges(name, outcome.changed)));
  } else {
    ctx.dispatch({ type: 'field-error', error: outcome.reason });
  }
}

/**
 * Tab in the value editor (Enter in one opened for a fix): the why page with the fix for the value
 * typed, searched for by the engine as `tuxconf enable NAME=VALUE` does; the range is the engine's
 * to judge (it says when no change makes the value fit). A value no .config line can hold, or of
 * the wrong form, is refused here.
 */
export function fixField(ctx: IntentContext): void {
  const pane = ctx.ui().pane;
  if (pane.kind !== 'editor') return;
  const name = symbolOfNode(ctx.session, pane.node);
  const symbol = name ? ctx.session.symbol(name) : undefined;
  if (!symbol) return;
  const problem = formProblem(symbol.type, pane.field.text);
  if (problem) return ctx.dispatch({ type: 'field-error', error: problem });
  ctx.dispatch({ type: 'open', pane: { kind: 'why', node: pane.node, top: 0, cursor: -1, want: pane.field.text } });
}
