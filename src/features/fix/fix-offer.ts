import type { SymbolInfo, SymbolState, Tristate } from '../../model/types.js';

/** The value a fix is offered for: `enable` raises a symbol its dependencies hold down, `disable` lowers one selects hold up. */
export interface OfferedTarget {
  value: Tristate;
  kind: 'enable' | 'disable';
}

const RANK: Record<string, number> = { n: 0, m: 1, y: 2 };

/**
 * What the why view offers to fix for a bool or tristate symbol, or null when nothing holds it
 * (or it is no bool or tristate). Forced up by selects: the disable fix (n). Held down: y, or
 * m for a tristate when modules are on (a driver is built as a module unless asked otherwise).
 */
export function offeredTarget(info: SymbolInfo, state: SymbolState, modulesOn: boolean): OfferedTarget | null {
  if (info.type !== 'bool' && info.type !== 'tristate') return null;
  const value = (RANK[state.value] === undefined ? 'n' : state.value) as Tristate;
  if (state.selectedTo !== 'n' && value !== 'n' && !state.allowed.includes('n')) return { value: 'n', kind: 'disable' };
  if (value === 'n' && !(state.changeable && state.allowed.some((allowed) => allowed !== 'n'))) {
    return { value: info.type === 'tristate' && modulesOn ? 'm' : 'y', kind: 'enable' };
  }
  if (info.type === 'tristate' && value === 'm' && !state.allowed.includes('y')) return { value: 'y', kind: 'enable' };
  return null;
}

/** The kind of fix a chosen value asks for: below the value now, a disable fix. */
export function targetKind(current: string, value: Tristate): OfferedTarget['kind'] {
  return (RANK[value] ?? 0) < (RANK[current] ?? 0) ? 'disable' : 'enable';
}
