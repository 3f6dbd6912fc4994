import type { SymbolInfo } from '../../model/types.js';

/** Identifiers of a kconfig expression as kconfig prints it (`A && (B || !C)`, `D=m`), without the constants. */
export function symbolNames(expression: string): string[] {
  return [...expression.matchAll(/[A-Za-z0-9_]+/g)].map((match) => match[0]).filter((name) => !/^[ymn]$/.test(name));
}

/** The `||` alternatives of an expression, parentheses respected (a select term is `SELECTOR && deps`). */
export function splitTopLevelOr(expression: string): string[] {
  const groups: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < expression.length; index++) {
    const char = expression[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && expression.startsWith('||', index)) {
      groups.push(expression.slice(start, index));
      start = index + 2;
      index++;
    }
  }
  groups.push(expression.slice(start));
  return groups.map((group) => group.trim());
}

/** The symbols a symbol's `depends on` (menus and ifs included) names. */
export function dependencyNames(session: { symbol(name: string): SymbolInfo | undefined }, name: string): string[] {
  const info = session.symbol(name);
  if (!info) return [];
  return [...info.dependsOn.matchAll(/[A-Za-z0-9_]+/g)]
    .map((match) => match[0])
    .filter((word) => !/^[ymn]$/.test(word) && session.symbol(word) !== undefined);
}

/** The selecting symbols of a reverse dependency (`A && deps || B && deps` gives A, B), in kconfig's order. */
export function selectorNames(selectedBy: string): string[] {
  if (selectedBy.trim() === '') return [];
  const names = splitTopLevelOr(selectedBy).map((group) => group.match(/^\(*\s*([A-Za-z0-9_]+)/)?.[1]);
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}
