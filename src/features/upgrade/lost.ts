import type { Explanation, MenuModel, SymbolInfo, SymbolType } from '../../model/types.js';
import type { OldEntry } from './old-config.js';
import type { LostCategory, LostEntry } from './types.js';
import type { UpgradeSession } from './upgrade-session.js';

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

/** One old value that does not survive: the old line, the value this tree writes, and the symbol here. */
export interface LostValue {
  entry: OldEntry;
  /** The right-hand side of this tree's .config line, or null when it writes none. */
  now: string | null;
}

/**
 * Every symbol the old config set (y, m or a value) whose value this tree does not write the
 * same, from the .config the kernel's writer produces for the old config: exactly what comparing
 * the old file with `make olddefconfig`'s result shows.
 */
export function lostValues(old: Iterable<OldEntry>, written: Map<string, OldEntry>): LostValue[] {
  const lost: LostValue[] = [];
  for (const entry of old) {
    if (entry.text === 'n') continue;
    const now = written.get(entry.name)?.text ?? null;
    if (now !== entry.text) lost.push({ entry, now });
  }
  return lost;
}

/** Says why each lost value did not survive, from the kernel's state of the symbol here. */
export async function categorize(session: UpgradeSession, lost: LostValue, oldModel: MenuModel | null): Promise<LostEntry> {
  const { entry, now } = lost;
  const info = session.model.byName.get(entry.name);
  const oldInfo = oldModel?.byName.get(entry.name) ?? null;
  const base: LostEntry = {
    name: entry.name,
    category: 'removed',
    old: entry.text,
    line: entry.line,
    now,
    prompt: info?.prompt ?? oldInfo?.prompt ?? null,
    type: info?.type ?? 'unknown',
    oldType: oldInfo?.type ?? null,
    blocking: [],
    selects: [],
    choice: null,
    ranges: [],
    successors: [],
    settable: false,
  };
  if (!info || info.type === 'unknown') return base;
  const state = session.state.symbols[info.index]!;
  const explanation = await session.explain(info.name);
  const facts = {
    ...base,
    blocking: explanation.blockingDependencies,
    selects: explanation.activeSelects,
    settable: explanation.hasPrompt || info.selectedBy !== '',
  };
  // The kernel read the line (the symbol has a user value) unless the value does not fit the type now.
  if (!state.hasValue || !fitsType(entry.text, info.type)) return { ...facts, category: 'type-changed' };
  const choice = choiceFacts(session, info);
  return { ...facts, category: categoryOf(info, entry.text, state.value, explanation, choice, state.visible), choice, ranges: info.ranges };
}

function categoryOf(info: SymbolInfo, old: string, value: string, explanation: Explanation, choice: LostEntry['choice'], visible: string): LostCategory {
  if (!explanation.hasPrompt) return 'no-prompt';
  if (isTristateType(info.type)) {
    if (choice && old === 'y' && choice.selected !== info.name && visible !== 'n') return 'choice';
    const wanted = RANK[old] ?? 0;
    const got = RANK[value] ?? 0;
    if (wanted > got) return 'dependency';
    if (wanted < got && explanation.activeSelects.length > 0) return 'selected';
    return 'unexplained';
  }
  if (visible === 'n') return 'dependency';
  if (info.type === 'int' || info.type === 'hex') return 'range';
  return 'unexplained';
}

function choiceFacts(session: UpgradeSession, info: SymbolInfo): LostEntry['choice'] {
  if (info.choice < 0) return null;
  const node = session.model.nodes[info.choice];
  const selected = session.state.nodes[info.choice]?.selected ?? -1;
  return { prompt: node?.prompt ?? null, selected: selected >= 0 ? (session.model.symbols[selected]?.name ?? null) : null };
}

/** Whether the kernel's reader takes this right-hand side for a symbol of this type (confdata.c, sym_string_valid). */
export function fitsType(text: string, type: SymbolType): boolean {
  switch (type) {
    case 'bool':
      return text === 'y' || text === 'n';
    case 'tristate':
      return text === 'y' || text === 'm' || text === 'n';
    case 'int':
      return /^-?(0|[1-9][0-9]*)$/.test(text);
    case 'hex':
      return /^(0[xX])?[0-9a-fA-F]+$/.test(text);
    case 'string':
      return text.startsWith('"');
    default:
      return false;
  }
}

function isTristateType(type: SymbolType): boolean {
  return type === 'bool' || type === 'tristate';
}
