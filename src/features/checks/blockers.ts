import type { Session } from '../../engine/session.js';
import type { ExplainedTerm } from '../../model/types.js';
import { selectorNames } from '../hardware/kconfig-expression.js';
import { type ConfigValues, objectBuildState, valuesToBuild } from '../hardware/module-build-state.js';
import { type EntryStatus, type PreparedEntry, sessionValues } from './evaluate.js';

export type BlockerSession = Pick<Session, 'symbol' | 'value' | 'explain'>;

/** Why one symbol an entry needs is not at the value it needs, as kconfig reports it. */
export type BlockReason =
  /** The prompt's dependency terms that are false (or only m). */
  | { kind: 'dependencies'; terms: ExplainedTerm[] }
  /** Active selects keep it on (the entry wants it off), or at least at m. */
  | { kind: 'selected'; by: ExplainedTerm[] }
  /** No prompt: it follows from the selects and defaults of other symbols. */
  | { kind: 'no-prompt'; selectors: string[] }
  /** Nothing holds it: it is simply not set (a fix sets it). */
  | { kind: 'not-set' };

export interface Blocker {
  symbol: string;
  /** The value the entry needs it at. */
  wanted: 'y' | 'm' | 'n';
  now: string;
  reason: BlockReason;
}

/**
 * Why an unmet entry is not met now: for each symbol it needs that is not at the needed value,
 * the false dependency terms (or active selects, or the missing prompt) that kconfig reports.
 * One `explain` per such symbol: call it for the entries a user looks at, not for every entry.
 */
export async function entryBlockers(session: BlockerSession, prepared: PreparedEntry, status: EntryStatus, modulesOn: boolean): Promise<Blocker[]> {
  if (status.met || status.unavailable) return [];
  const needs = neededValues(prepared, modulesOn, sessionValues(session));
  const blockers: Blocker[] = [];
  for (const need of needs) {
    const now = session.value(need.name) ?? 'n';
    if (holds(now, need.value)) continue;
    blockers.push({ symbol: need.name, wanted: need.value, now, reason: await blockReason(session, need.name, need.value) });
  }
  return blockers;
}

/** The symbol values that would meet the entry: the symbol's own, or those building (or not building) the module. */
export function neededValues(prepared: PreparedEntry, modulesOn: boolean, values: ConfigValues): { name: string; value: 'y' | 'm' | 'n' }[] {
  const { entry } = prepared;
  const level = entry.want === 'y' || !modulesOn ? 'y' : 'm';
  const asType = (name: string, value: 'y' | 'm' | 'n'): 'y' | 'm' | 'n' => (value === 'm' && values.type(name) !== 'tristate' ? 'y' : value);
  if (!prepared.objects) {
    if (entry.kind !== 'symbol') return [];
    return [{ name: entry.name, value: entry.want === 'n' ? 'n' : asType(entry.name, level) }];
  }
  if (entry.want === 'n') {
    // Every line that builds it now must stop: its own symbol off.
    const own = prepared.objects.objects
      .filter((object) => objectBuildState(object, values) !== 'n' && object.symbols.length > 0)
      .map((object) => object.symbols.at(-1) as string);
    return [...new Set(own)].map((name) => ({ name, value: 'n' as const }));
  }
  const object = prepared.objects.objects[0];
  if (!object) return [];
  return valuesToBuild(object, level).map((need) => ({ name: need.name, value: need.value === 'n' ? 'n' : asType(need.name, need.value) }));
}

async function blockReason(session: BlockerSession, name: string, wanted: 'y' | 'm' | 'n'): Promise<BlockReason> {
  const explanation = await session.explain(name);
  if (wanted === 'n') return explanation.activeSelects.length > 0 ? { kind: 'selected', by: explanation.activeSelects } : { kind: 'not-set' };
  if (!explanation.hasPrompt) return { kind: 'no-prompt', selectors: selectorNames(session.symbol(name)?.selectedBy ?? '') };
  if (explanation.blockingDependencies.length > 0) return { kind: 'dependencies', terms: explanation.blockingDependencies };
  return { kind: 'not-set' };
}

function holds(now: string, wanted: 'y' | 'm' | 'n'): boolean {
  if (wanted === 'n') return now === 'n' || now === '';
  if (wanted === 'm') return now === 'm' || now === 'y';
  return now === 'y';
}

/** A blocker in words: `SATA_AHCI depends on ATA [=n], PCI [=n]`. */
export function describeBlocker(blocker: Blocker): string {
  const at = `CONFIG_${blocker.symbol}=${blocker.now || 'n'}`;
  switch (blocker.reason.kind) {
    case 'dependencies':
      return `${at}: depends on ${blocker.reason.terms.map((term) => term.expr).join(', ')}`;
    case 'selected':
      return `${at}: kept on by select from ${blocker.reason.by
        .slice(0, 4)
        .map((term) => term.symbol ?? term.expr)
        .join(', ')}${blocker.reason.by.length > 4 ? ` and ${blocker.reason.by.length - 4} more` : ''}`;
    case 'no-prompt':
      return blocker.reason.selectors.length > 0
        ? `${at}: has no prompt; selected by ${blocker.reason.selectors.slice(0, 4).join(', ')}${blocker.reason.selectors.length > 4 ? ` and ${blocker.reason.selectors.length - 4} more` : ''}`
        : `${at}: has no prompt; it follows from its defaults`;
    case 'not-set':
      return `${at}: not set (nothing prevents setting it to ${blocker.wanted})`;
  }
}
