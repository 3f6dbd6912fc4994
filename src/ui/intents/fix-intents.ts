import type { FixPlan } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';
import type { IntentContext } from './context.js';
import { plural } from '../../model/plural.js';
import { error, info } from './messages.js';

/** What a fix was for, as the status line says it: `CONFIG_A=m CONFIG_B=y`. */
export function fixTargetsText(plan: FixPlan): string {
  const fixed = plan.targets.filter((target) => target.status === 'fixable');
  return (fixed.length > 0 ? fixed : plan.targets).map((target) => `CONFIG_${target.name}=${escapeControl(target.value) || '""'}`).join(' ');
}

/**
 * f on a fix: its changes as one undoable step, kconfig judging each again. A fix whose targets
 * do not all hold afterwards is taken back whole by the session, and the status line says so.
 */
export async function applyFixIntent(ctx: IntentContext, plan: FixPlan, close: boolean): Promise<void> {
  const outcome = await ctx.session.applyFix(plan);
  if (!outcome.ok) {
    const refused = outcome.refused[0];
    const why = outcome.unmet.length > 0 ? `${outcome.unmet.join(', ')} would not hold` : (refused?.reason ?? 'kconfig refused it');
    ctx.dispatch(error(`The fix for ${fixTargetsText(plan)} was not applied: ${escapeControl(why)}; nothing changed`));
    return;
  }
  if (close && ctx.ui().pane.kind === 'why') ctx.dispatch({ type: 'close' });
  ctx.dispatch(info(`Fixed ${fixTargetsText(plan)}: ${plural(outcome.changed.length, 'value')} changed (u undoes it)`));
  ctx.dispatch({ type: 'settle' });
}
