import { closestNames } from '../model/similar-names.js';
import type { MenuModel } from '../model/types.js';
import { stripConfigPrefix, unstorableValueReason } from '../model/config-text.js';
import type { FixRequest, FixResult, FixTargetOutcome } from './protocol.js';
import type { ValueRequest } from './step-history.js';

/**
 * Symbols the search leaves alone unless they are targets themselves: turning on COMPILE_TEST
 * reaches every other architecture's drivers, and 64BIT changes the architecture itself; a fix
 * through them is no fix a user asked for. Their blocker says so instead.
 */
export const DEFAULT_FROZEN = ['COMPILE_TEST', '64BIT'];

export interface FixOptions {
  /** Symbols whose values must stay (default: the ones the user changed in this session). */
  protect?: string[];
  /** Never change a protected symbol, even when no other fix exists (default: only when none exists, and say so). */
  strict?: boolean;
  /** Symbols the search never changes (default {@link DEFAULT_FROZEN}); targets are never frozen. */
  freeze?: string[];
  /** How long the solver may take, in milliseconds (default 10000; verification through kconfig comes on top). */
  budgetMs?: number;
  /**
   * No symbol goes below its value now (y to m or n, m to n) unless it is a target: symbols may
   * rise but not fall, a constraint of the search (accepting hardware only adds).
   */
  neverLower?: boolean;
}

/**
 * What a fix is asked for: a value, or with `atLeast` a tristate at that value or above (for m:
 * m or y both hold, m preferred; y where m cannot be had with the other targets).
 */
export interface FixTarget extends ValueRequest {
  atLeast?: boolean;
}

/** A fix as planned: the frontend's verified answer, and what was asked. */
export interface FixPlan extends FixResult {
  /** The targets as asked, normalized: bare names, string values as the kernel holds them. */
  requested: FixTarget[];
  protect: string[];
  strict: boolean;
}

/** A symbol name the frontend can be asked about (anything else cannot exist in a Kconfig tree). */
const SYMBOL_NAME = /^[A-Za-z0-9_]+$/;

export interface PreparedTargets {
  /** Targets to send, in the order asked. */
  send: FixTarget[];
  /** Targets answered without asking: unknown names, values no .config line can hold. */
  refused: Map<number, FixTargetOutcome>;
}

/**
 * Splits the targets into those the frontend judges and those refused here. `rawValue` turns a
 * value as the user wrote it into the kernel's (string quotes removed).
 */
export function prepareTargets(targets: FixTarget[], model: MenuModel, rawValue: (name: string, value: string) => string): PreparedTargets {
  const send: ValueRequest[] = [];
  const refused = new Map<number, FixTargetOutcome>();
  targets.forEach((target, index) => {
    const name = stripConfigPrefix(target.name);
    const unstorable = unstorableValueReason(target.value);
    if (!SYMBOL_NAME.test(name) || !model.byName.has(name)) {
      const suggestions = closestNames(name, model.byName.keys());
      refused.set(index, { name, value: target.value, status: 'impossible', blocker: { kind: 'unknown', symbol: name, path: [], suggestions } });
    } else if (unstorable) {
      refused.set(index, { name, value: target.value, status: 'impossible', blocker: { kind: 'unstorable', symbol: name, path: [] } });
    } else {
      send.push({ name, value: rawValue(name, target.value), ...(target.atLeast ? { atLeast: true } : {}) });
    }
  });
  return { send, refused };
}

export function fixRequest(
  targets: FixTarget[],
  options: Required<Pick<FixOptions, 'protect' | 'freeze' | 'strict'>> & Pick<FixOptions, 'budgetMs' | 'neverLower'>,
): FixRequest {
  const targetNames = new Set(targets.map((target) => target.name));
  return {
    op: 'fix',
    targets: targets.map((target) => `${target.name}${target.atLeast ? '>=' : '='}${target.value}`).join('\n'),
    protect: options.protect.filter((name) => !targetNames.has(name)).join(' '),
    freeze: options.freeze.filter((name) => !targetNames.has(name)).join(' '),
    ...(options.budgetMs !== undefined ? { budget: Math.max(0, Math.round(options.budgetMs)) } : {}),
    flag: options.strict,
    ...(options.neverLower ? { neverLower: true } : {}),
  };
}

const TRISTATE_RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

/** A tristate value at `wanted` or above (m or y for m): what an at-least target asks. */
export function atLeastHolds(wanted: string, actual: string): boolean {
  const [have, want] = [TRISTATE_RANK[actual], TRISTATE_RANK[wanted]];
  return have !== undefined && want !== undefined && have >= want;
}

/** The frontend's answer with the targets refused here put back in the order they were asked. */
export function mergeTargets(asked: number, prepared: PreparedTargets, result: FixResult | undefined): FixTargetOutcome[] {
  const answered = result?.targets ?? [];
  const outcomes: FixTargetOutcome[] = [];
  let next = 0;
  for (let index = 0; index < asked; index++) {
    const refused = prepared.refused.get(index);
    if (refused) outcomes.push(refused);
    else if (answered[next]) outcomes.push(answered[next++]!);
  }
  return outcomes;
}

/** The undo label of an applied fix: what it fixes. */
export function fixLabel(plan: FixPlan): string {
  const fixed = plan.targets.filter((target) => target.status === 'fixable').map((target) => `${target.name}=${target.value}`);
  return `fix ${fixed.length > 0 ? fixed.join(' ') : plan.requested.map((request) => `${request.name}=${request.value}`).join(' ')}`;
}
