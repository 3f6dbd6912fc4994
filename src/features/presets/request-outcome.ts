import { describeRefusal, listTerms } from '../../engine/refusal-reason.js';
import { requestedValue, sameConfigValue } from '../../model/config-text.js';
import type { ConfigState, Explanation, MenuModel, SymbolInfo } from '../../model/types.js';
import type { Request } from './preset-plan.js';

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

/** Whether the symbol's value is the one requested, as the kernel compares values. */
export function valueMatches(info: SymbolInfo, text: string | null, actual: string | undefined): boolean {
  return actual !== undefined && sameConfigValue(info.type, actual, requestedValue(text));
}

/**
 * merge_config.sh's own check: "Value requested for CONFIG_X not in final .config" whenever the
 * requested line is not, word for word, in the final file (so it also names an `n` request of a
 * symbol the final file leaves out). `finalAssignments` is the final file read by readConfigAssignments.
 */
export function kernelWouldReport(request: Request, finalAssignments: Map<string, string | null>): boolean {
  return !finalAssignments.has(request.name) || finalAssignments.get(request.name) !== request.text;
}

interface ReasonFacts {
  info: SymbolInfo;
  request: Request;
  actual: string;
  explanation: Explanation;
  model: MenuModel;
  state: ConfigState;
  /** The winning requests, to say which one took a choice. */
  requests: Request[];
}

function asked(request: Request): string {
  return `${request.preset} (${request.path}:${request.line})`;
}

/** Why a requested value did not stick, in one sentence naming what to change. */
export function reasonNotApplied(facts: ReasonFacts): string {
  const { info, request, actual, explanation, model, state } = facts;
  const requested = requestedValue(request.text);
  const subject = `CONFIG_${info.name}=${requested}`;
  const base = { requested, current: actual, explanation, info };

  if (!explanation.hasPrompt) return describeRefusal(info.name, { ...base, code: 'not-visible' });
  const constant = explanation.blockingDependencies.find((term) => term.expr === 'n');
  if (constant) {
    const at = info.definedAt[0];
    return `${subject}: a condition of ${info.name}${at ? ` (${at.file}:${at.line})` : ''} was already n when the tree was read, typically a toolchain test such as $(cc-option,...) that this compiler fails`;
  }
  if (info.choice >= 0 && (info.type === 'bool' || info.type === 'tristate')) {
    const choiceVisible = state.nodes[info.choice]?.visible ?? false;
    if (!choiceVisible || explanation.blockingDependencies.length > 0) {
      return describeRefusal(info.name, { ...base, code: 'not-visible' });
    }
    if (requested === 'y') {
      const chosen = model.symbols[state.nodes[info.choice]?.selected ?? -1];
      if (!chosen) return `${subject}: no member of the choice "${explanation.choice ?? ''}" can be selected now`;
      const by = facts.requests.find((other) => other.name === chosen.name && requestedValue(other.text) === 'y');
      return `${subject}: in the choice "${explanation.choice ?? ''}", CONFIG_${chosen.name} is selected instead${by ? `, as ${asked(by)} asks` : ''}`;
    }
    return `${subject}: ${info.name} is the selected member of the choice "${explanation.choice ?? ''}", which always has one; ask for another member =y instead`;
  }
  if (info.type === 'bool' || info.type === 'tristate') {
    const want = RANK[requested] ?? 0;
    const got = RANK[actual] ?? 0;
    if (got > want) {
      if (explanation.activeSelects.length > 0) return describeRefusal(info.name, { ...base, code: 'selected', lowest: state.symbols[info.index]?.selectedTo });
      if (requested === 'm' && actual === 'y' && modulesOff(model, state)) {
        return `${subject}: loadable modules are off (CONFIG_MODULES is not set), so m becomes y`;
      }
      return `${subject}: the kernel set ${info.name} to ${actual}${explanation.activeImplies.length > 0 ? `; implied by ${listTerms(explanation.activeImplies)}` : ''}`;
    }
    if (explanation.blockingDependencies.length > 0) {
      return describeRefusal(info.name, { ...base, code: actual === 'm' ? 'limited' : 'not-visible' });
    }
    if (requested === 'm' && modulesOff(model, state)) return `${subject}: loadable modules are off (CONFIG_MODULES is not set)`;
    return `${subject}: ${info.name} cannot be changed now (its value is ${actual})`;
  }
  if (explanation.blockingDependencies.length > 0) return describeRefusal(info.name, { ...base, code: 'not-visible' });
  if ((info.type === 'int' || info.type === 'hex') && info.ranges.length > 0) {
    const ranges = info.ranges.map((range) => (range.condition ? `${range.name} if ${range.condition}` : range.name)).join(', ');
    return `${subject}: out of range (${ranges}); the kernel used ${actual}`;
  }
  return `${subject}: the kernel kept ${actual}`;
}

function modulesOff(model: MenuModel, state: ConfigState): boolean {
  const modules = model.byName.get('MODULES');
  return modules !== undefined && state.symbols[modules.index]?.value === 'n';
}
