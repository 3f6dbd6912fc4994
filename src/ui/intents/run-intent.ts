import { applyFixIntent } from './fix-intents.js';
import { redo, revert, showSymbol, undo } from './change-intents.js';
import type { IntentContext } from './context.js';
import { dropOffer, offerDraft, restoreDraft } from './draft-intents.js';
import { commitFile, quit, quitAnswer, reloadAndReapply, save } from './file-intents.js';
import type { Intent } from './intent.js';
import { errorText } from './messages.js';
import { textField } from '../text/text-field.js';
import { chooseMember, commitValue, cycleValue, fieldKey, fixField, openEditor, setValue } from './value-intents.js';

export type { IntentContext } from './context.js';

/** Runs one intent; engine work is awaited (the controller queues intents one after another). */
export async function runIntent(intent: Intent, ctx: IntentContext): Promise<void> {
  switch (intent.kind) {
    case 'none':
      return;
    case 'ui':
      return ctx.dispatch(intent.action);
    case 'open':
      return ctx.dispatch({ type: 'open', pane: { kind: intent.pane } });
    case 'set':
      return setValue(ctx, intent.node, intent.value);
    case 'cycle':
      return cycleValue(ctx, intent.node);
    case 'choose':
      return chooseMember(ctx, intent.node);
    case 'edit':
      return openEditor(ctx, intent.node, intent.fix ?? false);
    case 'field-key':
      return fieldKey(ctx, intent.key);
    case 'commit-field':
      return commitField(ctx);
    case 'fix-field':
      return fixField(ctx);
    case 'help':
      return openHelp(ctx, intent.node);
    case 'why':
      return ctx.dispatch({ type: 'open', pane: { kind: 'why', node: intent.node, top: 0, cursor: -1 } });
    case 'undo':
      return undo(ctx);
    case 'redo':
      return redo(ctx);
    case 'changes':
      return ctx.dispatch({ type: 'open', pane: { kind: 'changes', cursor: 0, top: 0, unfolded: [] } });
    case 'revert':
      return revert(ctx, intent.name, intent.owner);
    case 'show-symbol':
      return showSymbol(ctx, intent.name);
    default:
      return runFileOrDraftIntent(intent, ctx);
  }
}

async function runFileOrDraftIntent(intent: Intent, ctx: IntentContext): Promise<void> {
  switch (intent.kind) {
    case 'save':
      return save(ctx, intent.force ?? false, intent.thenQuit ?? false);
    case 'save-as':
      return ctx.dispatch({ type: 'open', pane: { kind: 'file', purpose: 'save-as', field: textField(ctx.session.kernel.configPath), error: null } });
    case 'load':
      return ctx.dispatch({ type: 'open', pane: { kind: 'file', purpose: 'load', field: textField(''), error: null } });
    case 'quit':
      return quit(ctx);
    case 'quit-answer':
      return quitAnswer(ctx, intent.choice);
    case 'offer-draft':
      return offerDraft(ctx);
    case 'restore-draft':
      return restoreDraft(ctx);
    case 'discard-draft':
    case 'keep-draft':
      return dropOffer(ctx, intent.kind === 'discard-draft');
    case 'reload-reapply':
      return reloadAndReapply(ctx, intent.thenQuit);
    case 'back-or-quit':
      if (ctx.ui().stack.length > 1) return ctx.dispatch({ type: 'back' });
      return quit(ctx);
    case 'apply-fix':
      return applyFixIntent(ctx, intent.plan, intent.close);
    case 'work':
      return intent.run();
    default:
      return;
  }
}

async function openHelp(ctx: IntentContext, node: number): Promise<void> {
  ctx.dispatch({ type: 'open', pane: { kind: 'help', node, text: null, top: 0, expanded: false } });
  const text = await ctx.session.helpText(node).catch((cause: unknown) => `No help: ${errorText(cause)}`);
  ctx.dispatch({ type: 'help-loaded', node, text });
}

function commitField(ctx: IntentContext): Promise<void> {
  const pane = ctx.ui().pane;
  if (pane.kind === 'editor') return commitValue(ctx, pane.node, pane.field.text);
  if (pane.kind === 'file') return commitFile(ctx, pane.purpose, pane.field.text);
  return Promise.resolve();
}
