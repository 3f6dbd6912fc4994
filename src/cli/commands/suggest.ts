import { describeReport } from '../../features/hardware/describe-report.js';
import {
  applySuggestionFix,
  fixSelection,
  planSuggestionFix,
  type SuggestionApplyOutcome,
  type SuggestionPlan,
} from '../../features/hardware/suggestion-targets.js';
import { hardwareInputsFor } from '../../features/hardware/hardware-source.js';
import { formatChain } from '../../features/hardware/reason-chain.js';
import { computeSuggestions, type HardwareReport } from '../../features/hardware/suggestions.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type Command, type CommandIo, EXIT_FAILED, EXIT_OK } from '../command.js';
import { HARDWARE_SOURCE_OPTIONS, HARDWARE_SOURCE_USAGE, hardwareSourceFrom } from '../hardware-options.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

export function reportJson(report: HardwareReport): unknown {
  return {
    origin: report.origin,
    kernelRelease: report.kernelRelease,
    inputs: report.inputs,
    notes: report.notes,
    suggestions: report.suggestions.map((suggestion) => ({
      name: suggestion.name,
      value: suggestion.value,
      current: suggestion.current,
      prompt: suggestion.prompt,
      type: suggestion.type,
      reasons: suggestion.reasons.map(formatChain),
      reasonSteps: suggestion.reasons,
      modules: suggestion.modules,
      rootPath: suggestion.rootPath,
      alternative: suggestion.alternative,
      settable: suggestion.settable,
      possibleNow: suggestion.possibleNow,
      requires: suggestion.requires,
      unresolved: suggestion.unresolved,
    })),
    satisfied: report.satisfied,
    outOfTree: report.outOfTree.map((module) => ({ ...module, reasons: module.reasons.map(formatChain) })),
    notInTree: report.notInTree.map((module) => ({ ...module, reasons: module.reasons.map(formatChain) })),
    missingSymbols: report.missingSymbols,
    unmatchedDevices: report.unmatchedDevices,
  };
}

function reportAccept(io: CommandIo, planned: SuggestionPlan, result: SuggestionApplyOutcome): void {
  const held = result.holding.filter((name) => name !== 'MODULES').length;
  io.stderr.write(
    `Applied ${held} of ${planned.asked.length} suggestions as one fix (${planned.plan.changes.length} options set, ${result.changed} values changed).\n`,
  );
  for (const item of planned.impossible)
    io.stderr.write(`  cannot have CONFIG_${escapeControl(item.name)}=${escapeControl(item.value)}: ${escapeControl(item.why)}\n`);
  for (const line of result.failure) io.stderr.write(`tuxconf: ${escapeControl(line)}\n`);
}

const OPTIONS = {
  json: { type: 'boolean', help: 'print the report as JSON (suggestions have name, value,\ncurrent, reasons, requires ...)' },
  apply: {
    type: 'boolean',
    help: 'apply every suggestion that is not an alternative as one fix (with\nthe dependencies and selectors it needs), as one step; then save.\nDrivers are built as modules, MODULES turned on if it is off',
  },
  builtin: { type: 'boolean', help: 'with --apply: build the drivers in (=y) instead of as modules' },
  force: { type: 'boolean', help: 'with --apply: save even if the config changed on disk' },
  verbose: { type: 'boolean', help: 'every reason of every suggestion, and the devices without a module' },
} as const satisfies OptionTable;

export const suggestCommand: Command = {
  name: 'suggest',
  summary: "what the config lacks for this machine's hardware (or a captured one), and why",
  usage: `Usage: tuxconf suggest [OPTIONS] [--json] [--apply [--builtin]] [--verbose]

Looks at the machine (loaded modules, PCI/USB/ACPI/platform/CPU devices,
mounted file systems, the root file system's storage) and lists the options
the configuration lacks for it: the symbol, the value (m; y for bools, for
the root file system and its storage path), its value now, the reason chain
(device -> modalias -> alias -> module -> Makefile -> symbol) and what else
must change first. Inputs that fail (no lsmod, no /lib/modules, no lspci)
are named; the rest is used.

${formatOptions(OPTIONS)}

${HARDWARE_SOURCE_USAGE}

${KBUILD_USAGE}`,
  options: { ...OPTIONS, ...HARDWARE_SOURCE_OPTIONS },
  async run(argv, io) {
    const { open, values } = parseCommandArgs(argv, { ...OPTIONS, ...HARDWARE_SOURCE_OPTIONS });
    const inputs = await hardwareInputsFor(hardwareSourceFrom(values, io));
    return withSession(open, io, async (session) => {
      const report = await computeSuggestions(session, inputs);
      if (values.json) io.stdout.write(`${terminalJson(reportJson(report))}\n`);
      else io.stdout.write(describeReport(report, { verbose: values.verbose }));
      if (!values.apply) return EXIT_OK;
      const selection = fixSelection(report.suggestions);
      if (selection.length === 0) {
        io.stderr.write('tuxconf: nothing to apply\n');
        return EXIT_OK;
      }
      const planned = await planSuggestionFix(session, selection, values.builtin ? 'builtin' : 'modules');
      if (planned.turnsModulesOn) {
        io.stderr.write(
          'tuxconf: modules are off in this config (CONFIG_MODULES is not set): turning CONFIG_MODULES on and building the drivers as modules, as localmodconfig does; --builtin builds them in instead\n',
        );
      }
      const result = await applySuggestionFix(session, planned);
      reportAccept(io, planned, result);
      if (!result.applied) return EXIT_FAILED;
      const saved = await session.save({ force: values.force });
      io.stderr.write(`tuxconf: ${saved.written ? 'saved' : 'unchanged'} ${escapeControl(saved.path)}\n`);
      return planned.impossible.length > 0 ? EXIT_FAILED : EXIT_OK;
    });
  },
};
