import type { Draft } from '../../engine/drafts/draft.js';
import { type DraftStore } from '../../engine/drafts/draft-store.js';
import { TuxconfError } from '../../engine/errors.js';
import { openDraftStore } from '../../engine/open-session.js';
import type { Session } from '../../engine/session.js';
import { escapeControl } from '../../model/escape-text.js';
import { type CommandIo, type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { draftSummary, type DraftSummary } from '../../features/drafts/draft-summary.js';
import { plural } from '../../model/plural.js';

const OPTIONS = {
  list: { type: 'boolean', help: 'list every draft (config, time, the changes), newest first' },
  json: { type: 'boolean', help: 'with --list: as JSON' },
  'dry-run': { type: 'boolean', help: 'show what would change, save nothing, keep the draft' },
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
  discard: { type: 'boolean', help: 'delete the newest draft of this config without applying it' },
} as const satisfies OptionTable;

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'restore the unsaved changes of a menu session that ended abnormally',
  usage: `Usage: tuxconf recover [OPTIONS] [--dry-run] [--force] [--discard]
       tuxconf recover --list [--json]

The menu keeps every unsaved change in a draft as it is made (under
$XDG_STATE_HOME/tuxconf/drafts). When a session ends without saving (a dropped
SSH connection, a kill), its draft stays. recover applies the newest draft of
this config through the kernel's rules and saves, like tuxconf set: exactly as
the session left it when the config on disk is the one it started from, else
its changes one by one, naming those that no longer hold.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${escapeControl(positionals[0]!)}"`);
    const store = await requireStore(io);
    if (values.list) return listDrafts(store, io, values.json ?? false);
    return withSession(open, io, async (session) => {
      const [draft] = await session.orphanDraftsIn(store);
      if (!draft) {
        io.stderr.write(`tuxconf: no unsaved changes are kept for ${escapeControl(session.kernel.configPath)}\n`);
        return EXIT_FAILED;
      }
      if (values.discard) {
        await session.removeDraft(draft);
        io.stderr.write(`tuxconf: discarded the unsaved changes of ${describeOrigin(draftSummary(draft))}\n`);
        return EXIT_OK;
      }
      return restore(session, draft, io, { dryRun: values['dry-run'] ?? false, force: values.force ?? false });
    });
  },
};

async function requireStore(io: CommandIo): Promise<DraftStore> {
  const store = await openDraftStore(io.env);
  if (store instanceof TuxconfError) throw store;
  return store;
}

async function restore(session: Session, draft: Draft, io: CommandIo, options: { dryRun: boolean; force: boolean }): Promise<number> {
  const summary = draftSummary(draft);
  const outcome = await session.restoreDraft(draft);
  io.stderr.write(
    `tuxconf: ${outcome.mode === 'exact' ? 'restoring' : `${escapeControl(session.kernel.configPath)} changed since; applying again`} the unsaved changes of ${describeOrigin(summary)}\n`,
  );
  for (const refusal of outcome.refused) io.stderr.write(`tuxconf: no longer applies: ${refusal.reason}\n`);
  for (const change of outcome.changed) io.stdout.write(`CONFIG_${change.name}: ${escapeControl(change.from)} -> ${escapeControl(change.to)}\n`);
  if (outcome.changed.length === 0) io.stdout.write('no value changed\n');
  if (options.dryRun) return EXIT_OK;
  const saved = await session.save({ force: options.force });
  await session.removeDraft(draft);
  io.stderr.write(`tuxconf: ${saved.written ? 'saved' : 'no change to'} ${escapeControl(saved.path)}\n`);
  return outcome.refused.length > 0 ? EXIT_FAILED : EXIT_OK;
}

async function listDrafts(store: DraftStore, io: CommandIo, json: boolean): Promise<number> {
  const summaries = (await store.list()).map(draftSummary);
  if (json) {
    io.stdout.write(`${JSON.stringify({ drafts: summaries }, null, 2)}\n`);
    return EXIT_OK;
  }
  if (summaries.length === 0) io.stdout.write('no drafts\n');
  for (const summary of summaries) {
    io.stdout.write(`${escapeControl(summary.configPath)}  (${summary.srcTree === summary.objTree ? escapeControl(summary.srcTree) : `${escapeControl(summary.srcTree)} -O ${escapeControl(summary.objTree)}`})\n`);
    io.stdout.write(`  ${describeOrigin(summary)}, ${plural(summary.unsaved, 'unsaved change')}\n`);
    for (const step of summary.steps) io.stdout.write(`  - ${escapeControl(step.label)}\n`);
  }
  return EXIT_OK;
}

function describeOrigin(summary: DraftSummary): string {
  const state = summary.running ? 'still running' : 'ended without saving';
  return `the session of ${summary.updated.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (pid ${summary.pid}, ${state})`;
}
