import { primaryNode } from '../../model/menu-path.js';
import type { IntentContext } from './context.js';
import { error, info } from './messages.js';

export async function undo(ctx: IntentContext): Promise<void> {
  const label = ctx.session.history.at(-1);
  ctx.dispatch((await ctx.session.undo()) ? info(`Undid ${label ?? 'the last change'}`) : error('Nothing to undo'));
  ctx.dispatch({ type: 'settle' });
}

export async function redo(ctx: IntentContext): Promise<void> {
  const done = await ctx.session.redo();
  ctx.dispatch(done ? info(`Redid ${ctx.session.history.at(-1) ?? 'the change'}`) : error('Nothing to redo'));
  ctx.dispatch({ type: 'settle' });
}

/**
 * r in the changes pane: the value goes back to the loaded config's. A value that came with
 * another change and cannot be set back alone says why, and which change to revert instead.
 */
export async function revert(ctx: IntentContext, name: string, owner: string | null): Promise<void> {
  const { session } = ctx;
  const from = session.loadedValue(name);
  const outcome = await session.revert(name);
  if (outcome.ok) {
    ctx.dispatch(info(`Reverted ${name} to ${from || '""'}`));
    return;
  }
  // What to do first: the status line is one line, and the kernel's reason can be long.
  const back = from || '""';
  if (owner) ctx.dispatch(error(`${name} came with ${owner}: revert that (r on its line) or undo (u); alone it cannot go back to ${back}: ${outcome.reason}`));
  else ctx.dispatch(error(`${name} cannot go back to ${back} (u undoes the change that made it): ${outcome.reason}`));
}

/** A symbol's entry in its menu (turning show-all on when it is hidden), or why it has none. */
export function showSymbol(ctx: IntentContext, name: string): void {
  const symbol = ctx.session.symbol(name);
  const node = symbol ? primaryNode(ctx.session.model, symbol) : -1;
  if (node > 0 && ctx.session.model.nodes[node]?.prompt) ctx.dispatch({ type: 'jump', node });
  else ctx.dispatch(error(`${name} has no menu entry (it is set by defaults and selects)`));
}
