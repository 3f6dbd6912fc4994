import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { TuxconfError } from '../../engine/errors.js';
import { findDraftOffer } from '../panes/dialogs/draft-offer.js';
import { ConfigChangedOnDiskError, type Session, type SetOutcome, type ValueChange } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';
import { primaryNode } from '../../model/menu-path.js';
import type { Tristate } from '../../model/types.js';
import { acceptSuggestionsIntent } from './accept-suggestions.js';
import type { Intent } from '../panes/menu/state.js';
import { editField, textField } from '../text/text-field.js';
import type { UiAction } from '../shell/ui-reducer.js';
import type { UiState } from '../shell/ui-state.js';
import { formatProblem, rangeProblem, storableProblem, unconditionalRange } from '../panes/dialogs/value-check.js';

export interface IntentContext {
  session: Session;
  ui(): UiState;
  dispatch(action: UiAction): void;
  exit(code: number): void;
}

const info = (text: string): UiAction => ({ type: 'message', message: { text, tone: 'info' } });
const error = (text: string): UiAction => ({ type: 'message', message: { text, tone: 'error' } });

/** What went wrong, for the status line: the message and the hint of a TuxconfError. */
export function errorText(cause: unknown): string {
  if (cause instanceof TuxconfError) return escapeControl(cause.hint ? `${cause.message} (${cause.hint})` : cause.message);
  return escapeControl(cause instanceof Error ? cause.message : String(cause));
}

/** "E1000E = m" plus the values that changed with it. */
export function describeChanges(name: string, changes: ValueChange[]): string {
  const own = changes.find((change) => change.name === name);
  const others = changes.filter((change) => change.name !== name);
  const head = own ? `${name}: ${own.from || '""'} -> ${own.to || '""'}` : `${name}: no change`;
  if (others.length === 0) return head;
  const listed = others.slice(0, 3).map((change) => `${change.name}=${change.to || '""'}`);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return `${head}; also ${listed.join(', ')}${more}`;
}

function symbolOfNode(session: Session, nodeId: number): string | null {
  const node = session.model.nodes[nodeId];
  if (!node || node.symbol < 0) return null;
  return session.model.symbols[node.symbol]?.name ?? null;
}

function reportSet(ctx: IntentContext, name: string, outcome: SetOutcome): boolean {
  if (outcome.ok) {
    ctx.dispatch(info(describeChanges(name, outcome.changed)));
    return true;
  }
  ctx.dispatch(error(`${outcome.reason}${outcome.explanation ? '  (e: why)' : ''}`));
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

/** Runs one intent; engine work is awaited (the controller queues intents one after another). */
export async function runIntent(intent: Intent, ctx: IntentContext): Promise<void> {
  const { session } = ctx;
  switch (intent.kind) {
    case 'none':
      return;
    case 'ui':
      ctx.dispatch(intent.action);
      return;
    case 'set': {
      const name = symbolOfNode(session, intent.node);
      if (!name) return;
      // No undo step (and no "unsaved change") for a value the symbol has already.
      if (session.value(name) === intent.value) ctx.dispatch(info(`${name} is ${intent.value} already`));
      else reportSet(ctx, name, await session.set(name, intent.value));
      return;
    }
    case 'cycle': {
      const name = symbolOfNode(session, intent.node);
      const symbol = name ? session.symbol(name) : undefined;
      const state = symbol ? session.state.symbols[symbol.index] : undefined;
      if (!name || !symbol || !state || (symbol.type !== 'bool' && symbol.type !== 'tristate')) return;
      reportSet(ctx, name, await session.set(name, nextValue(state.value, state.allowed, symbol.type)));
      return;
    }
    case 'choose': {
      const name = symbolOfNode(session, intent.node);
      if (!name) return;
      if (reportSet(ctx, name, await session.set(name, 'y'))) ctx.dispatch({ type: 'back' });
      return;
    }
    case 'edit': {
      const name = symbolOfNode(session, intent.node);
      if (!name) return;
      ctx.dispatch({ type: 'open', overlay: { kind: 'editor', node: intent.node, field: textField(session.value(name) ?? ''), error: null } });
      return;
    }
    case 'field-key':
      return fieldKey(intent.key, ctx);
    case 'commit-field':
      return commitField(ctx);
    case 'help': {
      ctx.dispatch({ type: 'open', overlay: { kind: 'help', node: intent.node, text: null, top: 0, expanded: false } });
      try {
        ctx.dispatch({ type: 'help-loaded', node: intent.node, text: await session.helpText(intent.node) });
      } catch (cause) {
        ctx.dispatch({ type: 'help-loaded', node: intent.node, text: `No help: ${errorText(cause)}` });
      }
      return;
    }
    case 'why':
      ctx.dispatch({ type: 'open', overlay: { kind: 'why', node: intent.node, top: 0 } });
      return;
    case 'undo': {
      const label = session.history.at(-1);
      ctx.dispatch((await session.undo()) ? info(`Undid ${label ?? 'the last change'}`) : error('Nothing to undo'));
      ctx.dispatch({ type: 'settle' });
      return;
    }
    case 'redo': {
      const done = await session.redo();
      ctx.dispatch(done ? info(`Redid ${session.history.at(-1) ?? 'the change'}`) : error('Nothing to redo'));
      ctx.dispatch({ type: 'settle' });
      return;
    }
    case 'pending':
      ctx.dispatch({ type: 'open', overlay: { kind: 'pending', cursor: 0, top: 0 } });
      return;
    case 'revert': {
      const change = session.pending()[intent.index];
      if (!change) return;
      const outcome = await session.revert(change.name);
      if (outcome.ok) ctx.dispatch(info(`Reverted ${change.name} to ${change.from ?? 'its default'}`));
      else ctx.dispatch(error(outcome.reason));
      const overlay = ctx.ui().overlay;
      if (overlay.kind === 'pending') {
        const count = session.pending().length;
        const cursor = Math.max(0, Math.min(overlay.cursor, count - 1));
        ctx.dispatch({ type: 'open', overlay: { ...overlay, cursor, top: Math.min(overlay.top, cursor) } });
      }
      return;
    }
    case 'show-change': {
      const change = session.pending()[intent.index];
      const symbol = change ? session.symbol(change.name) : undefined;
      const node = symbol ? primaryNode(session.model, symbol) : -1;
      if (node > 0) ctx.dispatch({ type: 'jump', node });
      else if (change) ctx.dispatch(error(`${change.name} has no menu entry (it is set by defaults and selects)`));
      return;
    }
    case 'save':
      return save(ctx, intent.force ?? false, intent.thenQuit ?? false);
    case 'save-as':
      ctx.dispatch({ type: 'open', overlay: { kind: 'file', purpose: 'save-as', field: textField(session.kernel.configPath), error: null } });
      return;
    case 'load':
      ctx.dispatch({ type: 'open', overlay: { kind: 'file', purpose: 'load', field: textField(''), error: null } });
      return;
    case 'quit':
      if (session.unsavedCount > 0) ctx.dispatch({ type: 'open', overlay: { kind: 'quit', choice: 'save' } });
      else ctx.exit(0);
      return;
    case 'quit-answer':
      if (intent.choice === 'cancel') ctx.dispatch({ type: 'close' });
      else if (intent.choice === 'discard') {
        // Quitting without saving on purpose: the draft of these changes goes too.
        await session.discardDraft();
        ctx.exit(0);
      }
      else await save(ctx, false, true);
      return;
    case 'offer-draft': {
      const offer = await findDraftOffer(session);
      if (offer) ctx.dispatch({ type: 'open', overlay: { kind: 'restore', offer, top: 0 } });
      return;
    }
    case 'restore-draft':
      return restoreDraft(ctx);
    case 'discard-draft':
    case 'keep-draft':
      return dropOffer(ctx, intent.kind === 'discard-draft');
    case 'reload-reapply':
      return reloadAndReapply(ctx, intent.thenQuit);
    case 'back-or-quit':
      if (ctx.ui().stack.length > 1) ctx.dispatch({ type: 'back' });
      else await runIntent({ kind: 'quit' }, ctx);
      return;
    case 'search':
      ctx.dispatch({ type: 'open', overlay: { kind: 'search' } });
      return;
    case 'hardware':
      ctx.dispatch({ type: 'open', overlay: { kind: 'hardware' } });
      return;
    case 'accept-suggestions':
      return acceptSuggestionsIntent(intent.suggestions, ctx);
    case 'presets-work':
    case 'build-work':
      return intent.run();
  }
}

async function restoreDraft(ctx: IntentContext): Promise<void> {
  const overlay = ctx.ui().overlay;
  if (overlay.kind !== 'restore') return;
  const { session } = ctx;
  const outcome = await session.restoreDraft(overlay.offer.draft);
  // Its work is now this session's own step (and in this session's draft).
  await session.removeDraft(overlay.offer.draft);
  ctx.dispatch({ type: 'close' });
  const refused = outcome.refused.length > 0 ? `; ${outcome.refused.length} no longer ${outcome.refused.length === 1 ? 'applies' : 'apply'}: ${outcome.refused.map((refusal) => refusal.reason).join('; ')}` : '';
  ctx.dispatch({ type: 'message', message: { text: `Restored the unsaved changes (${outcome.changed.length} values; u undoes)${refused}`, tone: refused ? 'error' : 'info' } });
}

async function dropOffer(ctx: IntentContext, discard: boolean): Promise<void> {
  const overlay = ctx.ui().overlay;
  if (overlay.kind !== 'restore') return;
  if (discard) await ctx.session.removeDraft(overlay.offer.draft);
  ctx.dispatch({ type: 'close' });
  ctx.dispatch(info(discard ? 'Discarded the unsaved changes of the earlier session' : 'The unsaved changes are kept: tuxconf recover restores them later'));
}

async function reloadAndReapply(ctx: IntentContext, thenQuit: boolean): Promise<void> {
  const { session } = ctx;
  const outcome = await session.reloadAndReapply();
  ctx.dispatch({ type: 'close' });
  if (outcome.refused.length > 0) {
    ctx.dispatch(error(`Reloaded ${session.kernel.configPath}; ${outcome.refused.length} of your changes no longer apply: ${outcome.refused.map((refusal) => refusal.reason).join('; ')}`));
    return;
  }
  if (thenQuit) {
    await save(ctx, false, true);
    return;
  }
  ctx.dispatch(info(`Reloaded ${session.kernel.configPath} and applied your changes again (${outcome.changed.length} values); s saves`));
}

async function save(ctx: IntentContext, force: boolean, thenQuit: boolean): Promise<void> {
  const { session } = ctx;
  try {
    const result = await session.save({ force });
    if (thenQuit) {
      ctx.exit(0);
      return;
    }
    ctx.dispatch({ type: 'close' });
    ctx.dispatch(info(result.written ? `Saved ${result.path}` : `${result.path} is up to date`));
  } catch (cause) {
    if (cause instanceof ConfigChangedOnDiskError) {
      ctx.dispatch({ type: 'open', overlay: { kind: 'overwrite', path: session.kernel.configPath, thenQuit } });
      return;
    }
    ctx.dispatch({ type: 'close' });
    ctx.dispatch(error(`Not saved: ${errorText(cause)}`));
  }
}

function fieldKey(key: Parameters<typeof editField>[1], ctx: IntentContext): void {
  const overlay = ctx.ui().overlay;
  if (overlay.kind !== 'editor' && overlay.kind !== 'file') return;
  const field = editField(overlay.field, key);
  if (!field) return;
  ctx.dispatch({ type: 'field', field, error: overlay.kind === 'editor' ? valueProblem(ctx, overlay.node, field.text) : null });
}

/** Type and range problems of a value being typed; the engine checks again on Enter. */
function valueProblem(ctx: IntentContext, nodeId: number, text: string): string | null {
  const name = symbolOfNode(ctx.session, nodeId);
  const symbol = name ? ctx.session.symbol(name) : undefined;
  if (!symbol) return null;
  const unstorable = storableProblem(text);
  if (unstorable) return unstorable;
  if (text === '' && symbol.type !== 'string') return `enter a value (${symbol.type})`;
  const format = formatProblem(symbol.type, text);
  if (format) return `not a valid ${symbol.type}: ${format}`;
  return rangeProblem(symbol.type, text, unconditionalRange(symbol, (bound) => ctx.session.value(bound)));
}

async function commitField(ctx: IntentContext): Promise<void> {
  const { session } = ctx;
  const overlay = ctx.ui().overlay;
  if (overlay.kind === 'editor') {
    const problem = valueProblem(ctx, overlay.node, overlay.field.text);
    if (problem) {
      ctx.dispatch({ type: 'field-error', error: problem });
      return;
    }
    const name = symbolOfNode(session, overlay.node);
    if (!name) return;
    const outcome = await session.set(name, overlay.field.text);
    if (outcome.ok) {
      ctx.dispatch({ type: 'close' });
      ctx.dispatch(info(describeChanges(name, outcome.changed)));
    } else {
      ctx.dispatch({ type: 'field-error', error: outcome.reason });
    }
    return;
  }
  if (overlay.kind !== 'file') return;
  const path = expandPath(overlay.field.text.trim());
  if (!path) {
    ctx.dispatch({ type: 'field-error', error: 'enter a file name' });
    return;
  }
  try {
    if (overlay.purpose === 'save-as') {
      const result = await session.save({ path });
      ctx.dispatch({ type: 'close' });
      ctx.dispatch(info(`Saved a copy to ${result.path}`));
    } else {
      const { warnings } = await session.loadConfig(path);
      ctx.dispatch({ type: 'close' });
      ctx.dispatch({ type: 'settle' });
      const warned = warnings.length > 0 ? ` (${warnings.length} warnings: ${warnings[0]})` : '';
      ctx.dispatch(info(`Loaded ${path} as one undoable step; s saves it to ${session.kernel.configPath}${warned}`));
    }
  } catch (cause) {
    ctx.dispatch({ type: 'field-error', error: errorText(cause) });
  }
}

/** A typed file name as a shell would take it: `~/` is the home directory, relative to the cwd. */
export function expandPath(text: string): string {
  if (!text) return '';
  const home = text === '~' || text.startsWith('~/') ? homedir() + text.slice(1) : text;
  return resolve(home);
}
