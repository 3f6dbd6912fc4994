import type { FixPlan, Session } from '../../engine/session.js';
import { describeBlocker, groupedLines, holdingReasons, reachableValues, summarizeFix } from '../../features/fix/index.js';
import { listSelectors } from '../../engine/refusal-reason.js';
import { escapeControl } from '../../model/escape-text.js';
import type { SymbolInfo, Tristate } from '../../model/types.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { stripConfigPrefix } from '../../model/config-text.js';

/** The value a fix would aim for: on (y) when it is off, off when it cannot be turned off now. */
function fixTarget(info: SymbolInfo, value: string, lowest: Tristate): string | undefined {
  if (info.type !== 'bool' && info.type !== 'tristate') return undefined;
  if (value === 'n') return 'y';
  return lowest !== 'n' ? 'n' : undefined;
}

const WHY_OPTIONS = { json: { type: 'boolean', help: 'print it as JSON' } } as const satisfies OptionTable;

export const whyCommand: Command = {
  name: 'why',
  summary: 'why a symbol has its value, and the fix that changes it',
  usage: `Usage: tuxconf why [OPTIONS] NAME [--json]

Prints the symbol's value, the values it can take now, what holds it (the
dependencies that are not met, in words; the selects that force it), and the
fix: for a symbol that is off, the changes that turn it on (tuxconf enable);
for one that selects keep on, the changes that turn it off (tuxconf disable).
Changes nothing.

${formatOptions(WHY_OPTIONS)}

${KBUILD_USAGE}`,
  options: WHY_OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, WHY_OPTIONS);
    if (positionals.length !== 1) throw new UsageError('why needs one NAME');
    // The session takes a name with or without CONFIG_ and strips it once: CONFIG_CONFIG_X is no X.
    const given = positionals[0]!;
    const name = stripConfigPrefix(given);
    return withSession(open, io, async (session) => {
      const info = session.symbol(given);
      if (!info) {
        const plan = await session.planFix([{ name: given, value: 'y' }]);
        const blocker = plan.targets[0]?.blocker;
        io.stderr.write(`tuxconf: ${blocker ? describeBlocker({ name, value: 'y' }, blocker) : `unknown symbol CONFIG_${escapeControl(name)}`}\n`);
        return EXIT_FAILED;
      }
      const state = session.state.symbols[info.index]!;
      const explanation = await session.explain(info.name);
      const holding = holdingReasons(explanation, session.model);
      const reachable = reachableValues(state);
      const wanted = fixTarget(info, state.value, reachable.lowest);
      const plan = wanted ? await session.planFix([{ name: info.name, value: wanted }]) : undefined;
      if (values.json) {
        io.stdout.write(
          `${JSON.stringify({ name: info.name, type: info.type, value: state.value, prompt: info.prompt, reachable, dependencies: explanation.blockingDependencies, selects: explanation.activeSelects, fix: plan ?? null }, null, 2)}\n`,
        );
        return EXIT_OK;
      }
      printWhy(session, info, state.value, reachable, holding, explanation.hasPrompt, plan, io.stdout);
      return EXIT_OK;
    });
  },
};

function printWhy(
  session: Session,
  info: SymbolInfo,
  value: string,
  reachable: ReturnType<typeof reachableValues>,
  holding: ReturnType<typeof holdingReasons>,
  hasPrompt: boolean,
  plan: FixPlan | undefined,
  out: NodeJS.WritableStream,
): void {
  out.write(`CONFIG_${info.name} = ${escapeControl(value)} (${info.type})${info.prompt ? `  ${escapeControl(info.prompt)}` : ''}\n`);
  if (info.type === 'bool' || info.type === 'tristate') {
    out.write(
      reachable.fixed
        ? `It cannot be changed now${hasPrompt ? '' : ': it has no prompt, only defaults and selects set it'}.\n`
        : `It can be ${reachable.lowest === reachable.highest ? reachable.lowest : `${reachable.lowest} to ${reachable.highest}`} now.\n`,
    );
  }
  if (holding.dependencies.length > 0) {
    out.write('Held by its dependencies:\n');
    for (const line of holding.dependencies) out.write(`  - ${line}\n`);
  }
  if (holding.selects.length > 0) {
    const strongest = holding.selects.some((term) => term.value === 'y') ? 'y' : 'm';
    out.write(
      `Selected by ${holding.selects.length} active option${holding.selects.length === 1 ? '' : 's'} (they keep it at least ${strongest}): ${listSelectors(holding.selects)}\n`,
    );
  }
  if (!plan) return;
  const target = plan.targets[0];
  if (!target) return;
  const verb = target.value === 'n' ? 'turn it off' : 'turn it on';
  if (target.status === 'impossible' && target.blocker) {
    out.write(`No fix can ${verb}: ${describeBlocker(target, target.blocker, info.type)}\n`);
    return;
  }
  if (target.status === 'met') return;
  const summary = summarizeFix(plan, session.model);
  out.write(
    `To ${verb} (tuxconf ${target.value === 'n' ? 'disable' : 'enable'} ${info.name}): ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}, ${plan.effects.length} other value${plan.effects.length === 1 ? '' : 's'} follow\n`,
  );
  for (const { lines } of groupedLines(summary.lines)) {
    for (const line of lines) out.write(`  CONFIG_${line.name}: ${escapeControl(line.from)} -> ${escapeControl(line.to)}   ${line.why}\n`);
  }
}
