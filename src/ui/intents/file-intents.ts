import { escapeControl } from '../../model/escape-text.js';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { ConfigChangedOnDiskError } from '../../engine/session.js';
import { type IntentContext } from './context.js';
import { offerUpgradeReview } from '../panes/upgrade/upgrade-work.js';
import { plural } from '../../model/plural.js';
import { error, errorText, info } from './messages.js';

/** A typed file name as a shell would take it: `~/` is the home directory, relative to the cwd. */
export function expandPath(text: string): string {
  if (!text) return '';
  const home = text === '~' || text.startsWith('~/') ? homedir() + text.slice(1) : text;
  return resolve(home);
}

/** Saves the config; a file changed on disk since it was loaded asks before it is overwritten. */
export async function save(ctx: IntentContext, force: boolean, thenQuit: boolean): Promise<void> {
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
      ctx.dispatch({ type: 'open', pane: { kind: 'overwrite', path: session.kernel.configPath, thenQuit } });
      return;
    }
    ctx.dispatch({ type: 'close' });
    ctx.dispatch(error(`Not saved: ${errorText(cause)}`));
  }
}

/**
 * q: asks when a value differs from the config file (as loaded or last saved). Changes that
 * were all taken back leave nothing to lose, so their draft goes and tuxconf just quits.
 */
export async function quit(ctx: IntentContext): Promise<void> {
  const { session } = ctx;
  if (session.unsavedValues().length > 0) {
    ctx.dispatch({ type: 'open', pane: { kind: 'quit', choice: 'save' } });
    return;
  }
  if (session.unsavedCount > 0) await session.discardDraft();
  ctx.exit(0);
}

export async function quitAnswer(ctx: IntentContext, choice: 'save' | 'discard' | 'cancel'): Promise<void> {
  if (choice === 'cancel') {
    ctx.dispatch({ type: 'close' });
  } else if (choice === 'discard') {
    // Quitting without saving on purpose: the draft of these changes goes too.
    await ctx.session.discardDraft();
    ctx.exit(0);
  } else {
    await save(ctx, false, true);
  }
}

export async function reloadAndReapply(ctx: IntentContext, thenQuit: boolean): Promise<void> {
  const { session } = ctx;
  const outcome = await session.reloadAndReapply();
  ctx.dispatch({ type: 'close' });
  if (outcome.refused.length > 0) {
    ctx.dispatch(
      error(
        `Reloaded ${session.kernel.configPath}; ${outcome.refused.length} of your changes no longer apply: ${outcome.refused.map((refusal) => refusal.reason).join('; ')}`,
      ),
    );
    return;
  }
  if (thenQuit) {
    await save(ctx, false, true);
    return;
  }
  ctx.dispatch(info(`Reloaded ${session.kernel.configPath} and applied your changes again (${outcome.changed.length} values); s saves`));
}

/** Enter in the file name dialog: saves a copy there, or loads it as one undoable step. */
export async function commitFile(ctx: IntentContext, purpose: 'save-as' | 'load', text: string): Promise<void> {
  const { session } = ctx;
  const path = expandPath(text.trim());
  if (!path) {
    ctx.dispatch({ type: 'field-error', error: 'enter a file name' });
    return;
  }
  try {
    if (purpose === 'save-as') {
      const result = await session.save({ path });
      ctx.dispatch({ type: 'close' });
      ctx.dispatch(info(`Saved a copy to ${escapeControl(result.path)}`));
    } else {
      const { warnings } = await session.loadConfig(path);
      ctx.dispatch({ type: 'close' });
      ctx.dispatch({ type: 'settle' });
      const warned = warnings.length > 0 ? ` (${plural(warnings.length, 'warning')}: ${escapeControl(warnings[0]!)})` : '';
      ctx.dispatch(info(`Loaded ${escapeControl(path)} as one undoable step; s saves it to ${session.kernel.configPath}${warned}`));
      await offerUpgradeReview(session, { run: () => {}, dispatch: ctx.dispatch, current: ctx.ui }, path, true);
    }
  } catch (cause) {
    ctx.dispatch({ type: 'field-error', error: errorText(cause) });
  }
}
