import { applyPresets, type PresetOutcome, previewPresets } from '../../features/presets/apply-presets.js';
import { describeOutcome } from '../../features/presets/describe-outcome.js';
import { kbuildDefconfig } from '../../features/presets/kbuild-defconfig.js';
import { discoverKernelTree } from '../../engine/kernel-tree.js';
import { loadCatalog, resolvePresets } from '../../features/presets/preset-catalog.js';
import { planFor } from '../../features/presets/preset-service.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

function outcomeJson(outcome: PresetOutcome, saved: string | null): string {
  const request = (r: PresetOutcome['requests'][number]) => ({
    name: r.request.name,
    requested: r.request.text,
    preset: r.request.preset,
    file: r.request.path,
    line: r.request.line,
    applied: r.applied,
    actual: r.actual ?? null,
    reason: r.reason ?? null,
    kernelReports: r.kernelReports,
  });
  return terminalJson(
    {
      presets: outcome.presets,
      changes: outcome.changes,
      notApplied: outcome.notApplied.map(request),
      requests: outcome.requests.map(request),
      conflicts: outcome.conflicts.map((conflict) => ({
        name: conflict.name,
        requests: conflict.requests.map((r) => ({ preset: r.preset, file: r.path, line: r.line, requested: r.text })),
        winner: conflict.winner.preset,
      })),
      warnings: outcome.warnings,
      saved,
    },
  );
}

const OPTIONS = {
  'dry-run': { type: 'boolean', help: 'show every change and every request that would not stick;\nchange nothing' },
  strict: { type: 'boolean', help: 'when a request would not stick, save nothing and exit 1' },
  json: { type: 'boolean', help: 'print the outcome as JSON' },
  force: { type: 'boolean', help: 'save even if the config changed on disk since it was read' },
} as const satisfies OptionTable;

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply presets (fragments, Guix option lists) like make NAME.config',
  usage: `Usage: tuxconf apply [OPTIONS] PRESET... [--dry-run] [--strict] [--json] [--force]

Applies presets in order, each as the kernel's "make NAME.config" does: merge
into the config (scripts/kconfig/merge_config.sh -m), then olddefconfig. Base
presets (x86_64_defconfig, defconfig, allnoconfig, tinyconfig) replace the
whole config, as their make targets do. Then saves the config.

PRESET is a name from "tuxconf presets" (kvm_guest.config, tinyconfig, or
one of yours; user:NAME, project:NAME, tree:NAME pick an origin), or a path
to a fragment or a Guix option list (*.scm).

Names every requested value that does not stick and why (unmet dependency,
select, choice, range, unknown on this arch), and the values asked for two
ways (the last wins). A malformed preset changes nothing: each bad line is
named, with its line number.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    if (positionals.length === 0) throw new UsageError('apply needs at least one PRESET (see "tuxconf presets")');
    // Presets are read before the kernel's kconfig starts, so a malformed one fails fast.
    const kernel = await discoverKernelTree({ ...open, env: io.env, cwd: io.cwd });
    const needsDefconfig = positionals.some((name) => name === 'defconfig' || name === 'base:defconfig');
    const catalog = await loadCatalog({
      tree: kernel,
      env: io.env,
      cwd: io.cwd,
      kbuildDefconfig: needsDefconfig ? await kbuildDefconfig(kernel, io.env) : undefined,
    });
    const presets = await resolvePresets(positionals, catalog, io.cwd);
    return withSession(open, io, async (session) => {
      const plan = await planFor(session, presets);
      const dryRun = values['dry-run'] ?? false;
      const outcome = dryRun ? await previewPresets(session, plan) : await applyPresets(session, plan);
      const refuse = (values.strict ?? false) && outcome.notApplied.length > 0;
      let saved: string | null = null;
      if (!dryRun && !refuse) {
        const result = await session.save({ force: values.force ?? false });
        saved = result.path;
        io.stderr.write(`tuxconf: ${result.written ? 'saved' : 'no change to'} ${escapeControl(result.path)}\n`);
      }
      if (values.json) {
        io.stdout.write(`${outcomeJson(outcome, saved)}\n`);
      } else {
        for (const line of describeOutcome(outcome, { listChanges: dryRun })) io.stdout.write(`${line}\n`);
      }
      if (refuse) {
        io.stderr.write(`tuxconf: --strict: ${outcome.notApplied.length} request(s) would not stick; ${escapeControl(session.kernel.configPath)} left as it was\n`);
        return EXIT_FAILED;
      }
      if (dryRun) io.stderr.write(`tuxconf: dry run; ${escapeControl(session.kernel.configPath)} left as it was\n`);
      return EXIT_OK;
    });
  },
};
